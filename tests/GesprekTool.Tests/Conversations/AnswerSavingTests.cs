using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GesprekTool.Accounts;
using GesprekTool.Conversations;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Conversations;

/// <summary>Saving answers through the page: autosave calls and the plain form post without JavaScript.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AnswerSavingTests(PostgresServer postgres) : AppTestBase(postgres)
{
    private async Task<(HttpClient Client, Conversation Conversation, IServiceProvider Services)> ArrangeAsync()
    {
        var (app, world) = await StartAsync();
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var conversation = await world.ConversationAsync(worker, await world.HouseholdAsync(worker));
        return (await SignedInClient.CreateAsync(app, "sanne"), conversation, app.Services);
    }

    private static async Task<HttpResponseMessage> AutosaveAsync(HttpClient client, long conversationId, string question, string[] values, long stamp)
    {
        var token = await SignedInClient.AntiforgeryTokenAsync(client, ConversationPage.Url(conversationId));
        var request = new HttpRequestMessage(HttpMethod.Post, ConversationEndpoints.AnswersUrl(conversationId))
        {
            Content = JsonContent.Create(new { question, values, stamp }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("Accept", "application/json");
        return await client.SendAsync(request);
    }

    private static async Task<string?> CurrentAsync(IServiceProvider services, long conversationId, string key) =>
        (await services.GetRequiredService<ConversationStore>().CurrentAnswersAsync(conversationId)).SingleOrDefault(a => a.QuestionKey == key)?.Value;

    [Fact]
    public async Task An_autosaved_answer_is_stored_and_the_reply_tells_progress_and_what_to_skip()
    {
        var (client, conversation, services) = await ArrangeAsync();

        var response = await AutosaveAsync(client, conversation.Id, "gezin-kinderen", ["0"], 1000);

        response.EnsureSuccessStatusCode();
        var state = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("saved", state.GetProperty("status").GetString());
        // 30 minus the ages, school-going, the eight school questions and the children's rating.
        Assert.Equal("1 van 19 vragen beantwoord", state.GetProperty("progress").GetString());
        Assert.Contains("school", state.GetProperty("hiddenSections").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("0", await CurrentAsync(services, conversation.Id, "gezin-kinderen"));
    }

    [Fact]
    public async Task A_value_outside_its_type_gets_a_Dutch_message_and_the_saved_value_stays()
    {
        var (client, conversation, services) = await ArrangeAsync();
        await AutosaveAsync(client, conversation.Id, "cijfer-ouder", ["7"], 1000);

        var response = await AutosaveAsync(client, conversation.Id, "cijfer-ouder", ["11"], 2000);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Kies een cijfer van 1 tot en met 10.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal("7", await CurrentAsync(services, conversation.Id, "cijfer-ouder"));
    }

    [Fact]
    public async Task An_unknown_question_is_a_bad_request_that_names_nothing()
    {
        var (client, conversation, _) = await ArrangeAsync();

        var response = await AutosaveAsync(client, conversation.Id, "wachtwoord-van-de-buurman", ["x"], 1);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Onbekende vraag.", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain("wachtwoord-van-de-buurman", body);
    }

    [Fact]
    public async Task An_unknown_conversation_is_not_found()
    {
        var (client, _, _) = await ArrangeAsync();

        var token = await SignedInClient.AntiforgeryTokenAsync(client, Caseload.Url());
        var request = new HttpRequestMessage(HttpMethod.Post, ConversationEndpoints.AnswersUrl(999999)) { Content = JsonContent.Create(new { question = "school-wifi", values = new[] { "ja" }, stamp = 1 }) };
        request.Headers.Add("RequestVerificationToken", token);

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task An_autosave_without_the_antiforgery_token_is_refused_and_stores_nothing()
    {
        var (client, conversation, services) = await ArrangeAsync();

        var response = await client.PostAsJsonAsync(ConversationEndpoints.AnswersUrl(conversation.Id), new { question = "school-wifi", values = new[] { "ja" }, stamp = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await CurrentAsync(services, conversation.Id, "school-wifi"));
    }

    [Fact]
    public async Task A_finished_conversation_refuses_changes_until_it_is_reopened_and_corrections_keep_history()
    {
        var (client, conversation, services) = await ArrangeAsync();
        await AutosaveAsync(client, conversation.Id, "school-wifi", ["nee"], 1000);
        await SignedInClient.PostFormAsync(client, WrapUp.Url(conversation.Id), "afronden", []);

        var refused = await AutosaveAsync(client, conversation.Id, "school-wifi", ["ja"], 2000);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        await SignedInClient.PostFormAsync(client, ConversationPage.Url(conversation.Id), "heropenen", []);
        (await AutosaveAsync(client, conversation.Id, "school-wifi", ["ja"], 3000)).EnsureSuccessStatusCode();

        var history = await SignedInClient.GetDocumentAsync(client, History.Url(conversation.Id));
        var rows = history.QuerySelectorAll("table.list tbody tr").Select(r => r.Children[2].TextContent).ToList();
        Assert.Equal(["Nee", "Ja"], rows);
    }

    [Fact]
    public async Task Without_JavaScript_the_section_form_saves_good_answers_and_explains_bad_ones()
    {
        var (client, conversation, services) = await ArrangeAsync();
        await AutosaveAsync(client, conversation.Id, "gezin-kinderen", ["2"], 1000);

        var response = await SignedInClient.PostFormAsync(client, ConversationPage.Url(conversation.Id, "gezin"), "antwoorden", new()
        {
            ["deel"] = "gezin",
            ["stamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(),
            ["na"] = "verder",
            ["a.gezin-volwassenen"] = "2",
            ["a.gezin-kinderen"] = "drie",
            ["a.gezin-woonruimte"] = "krap",
        }, [new("a.gezin-talen", "arabisch"), new("a.gezin-talen", "nederlands")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await SignedInClient.ParseAsync(response);
        Assert.Equal("Vul een heel getal in van 0 tot en met 15.", page.QuerySelector("#fout-gezin-kinderen")?.TextContent);
        Assert.Equal("drie", page.QuerySelector("input[name='a.gezin-kinderen']")?.GetAttribute("value"));
        Assert.Equal("2", await CurrentAsync(services, conversation.Id, "gezin-kinderen"));
        Assert.Equal("2", await CurrentAsync(services, conversation.Id, "gezin-volwassenen"));
        Assert.Equal("nederlands;arabisch", await CurrentAsync(services, conversation.Id, "gezin-talen"));
    }

    [Fact]
    public async Task A_valid_section_post_moves_on_to_the_next_section_that_applies()
    {
        var (client, conversation, _) = await ArrangeAsync();

        var response = await SignedInClient.PostFormAsync(client, ConversationPage.Url(conversation.Id, "gezin"), "antwoorden", new()
        {
            ["deel"] = "gezin",
            ["stamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(),
            ["na"] = "verder",
            ["a.gezin-kinderen"] = "1",
            ["a.gezin-schoolgaand"] = "nee",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith(ConversationPage.Url(conversation.Id, "persoonlijk"), response.Headers.Location?.PathAndQuery);
    }
}
