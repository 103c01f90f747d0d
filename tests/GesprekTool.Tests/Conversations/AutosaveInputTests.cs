using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GesprekTool.Accounts;
using GesprekTool.Conversations;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Conversations;

/// <summary>Autosave answers nonsense with a Dutch problem+json and never reports a save that did not happen.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AutosaveInputTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Theory]
    [InlineData("""{"question":"gezin-kinderen","values":[null],"stamp":1}""")]
    [InlineData("""{"question":"gezin-kinderen","values":["2"],"stamp":"gisteren"}""")]
    [InlineData("""{"question":"gezin-kinderen","values":"2","stamp":1}""")]
    [InlineData("""{"question":null,"values":["2"],"stamp":1}""")]
    [InlineData("""{"question":"gezin-kinderen","values":["2"],""")]
    [InlineData("""niet eens json""")]
    [InlineData("""[]""")]
    public async Task Nonsense_gets_a_Dutch_400_and_leaves_the_saved_answer_alone(string body)
    {
        var (app, client, conversation, worker) = await ArrangeAsync();
        await app.Services.GetRequiredService<AnswerSaving>().SaveAsync(conversation, worker, "gezin-kinderen", ["3"], 1);

        var response = await PostAsync(client, conversation.Id, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("kon niet worden gelezen", problem.GetProperty("title").GetString());
        Assert.Equal("3", (await app.Services.GetRequiredService<ConversationStore>().CurrentValuesAsync(conversation.Id))["gezin-kinderen"]);
    }

    [Fact]
    public async Task An_older_save_than_the_stored_answer_is_refused_as_stale_with_the_newer_value()
    {
        var (app, client, conversation, worker) = await ArrangeAsync();
        var newer = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await app.Services.GetRequiredService<AnswerSaving>().SaveAsync(conversation, worker, "gezin-kinderen", ["3"], newer);

        var response = await PostAsync(client, conversation.Id,
            JsonSerializer.Serialize(new { question = "gezin-kinderen", values = new[] { "5" }, stamp = newer - 60_000 }));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("stale", problem.GetProperty("status").GetString());
        Assert.StartsWith("Niet opgeslagen: er is intussen een nieuwer antwoord", problem.GetProperty("error").GetString());
        Assert.Equal(new[] { "3" }, problem.GetProperty("current").EnumerateArray().Select(v => v.GetString() ?? "").ToArray());
    }

    [Fact]
    public async Task An_older_save_of_the_value_already_stored_is_reported_as_saved()
    {
        var (app, client, conversation, worker) = await ArrangeAsync();
        var newer = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await app.Services.GetRequiredService<AnswerSaving>().SaveAsync(conversation, worker, "gezin-kinderen", ["3"], newer);

        var response = await PostAsync(client, conversation.Id,
            JsonSerializer.Serialize(new { question = "gezin-kinderen", values = new[] { "3" }, stamp = newer - 60_000 }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unchanged", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    private async Task<(GesprekToolFactory, HttpClient, Conversation, CurrentUser)> ArrangeAsync()
    {
        var (app, world) = await StartAsync();
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var conversation = await world.ConversationAsync(worker, await world.HouseholdAsync(worker));
        return (app, await SignedInClient.CreateAsync(app, "sanne"), conversation, worker);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, long conversationId, string body)
    {
        var token = await SignedInClient.AntiforgeryTokenAsync(client, ConversationPage.Url(conversationId));
        var request = new HttpRequestMessage(HttpMethod.Post, ConversationEndpoints.AnswersUrl(conversationId))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("Accept", "application/json");
        return await client.SendAsync(request);
    }
}
