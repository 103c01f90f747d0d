using System.Net;
using System.Net.Http.Json;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Households;

/// <summary>Worker A can neither read nor write worker B's households, whatever URL they try.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CaseloadAccessTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Theory, OnBothDatabases]
    public async Task A_worker_gets_not_found_for_every_page_of_another_workers_household(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        await world.UserAsync("anna", Roles.Worker);
        var bram = await world.UserAsync("bram", Roles.Worker);
        var household = await world.HouseholdAsync(bram, "Gezin van Bram");
        var conversation = await world.ConversationAsync(bram, household);
        var anna = await SignedInClient.CreateAsync(app, "anna");

        foreach (var url in new[] { HouseholdDetail.Url(household), HouseholdForm.EditUrl(household), StartConversation.Url(household),
                     ConversationPage.Url(conversation.Id), WrapUp.Url(conversation.Id), History.Url(conversation.Id) })
        {
            var response = await anna.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Gezin van Bram", await response.Content.ReadAsStringAsync());
        }
        Assert.DoesNotContain("Gezin van Bram", await (await anna.GetAsync(Caseload.Url())).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_worker_cannot_save_an_answer_into_another_workers_conversation()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("anna", Roles.Worker);
        var bram = await world.UserAsync("bram", Roles.Worker);
        var conversation = await world.ConversationAsync(bram, await world.HouseholdAsync(bram));
        var anna = await SignedInClient.CreateAsync(app, "anna");
        var token = await SignedInClient.AntiforgeryTokenAsync(anna, Caseload.Url());

        var request = new HttpRequestMessage(HttpMethod.Post, ConversationEndpoints.AnswersUrl(conversation.Id))
        {
            Content = JsonContent.Create(new { question = "school-wifi", values = new[] { "ja" }, stamp = 1 }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        var response = await anna.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await app.Services.GetRequiredService<ConversationStore>().CurrentAnswersAsync(conversation.Id));
    }

    [Fact]
    public async Task A_coordinator_sees_every_household_and_reassigns_one()
    {
        var (app, world) = await StartAsync();
        var anna = await world.UserAsync("anna", Roles.Worker);
        var bram = await world.UserAsync("bram", Roles.Worker);
        await world.UserAsync("coco", Roles.Coordinator);
        var household = await world.HouseholdAsync(anna, "Gezin Eén");
        await world.HouseholdAsync(bram, "Gezin Twee");
        var coordinator = await SignedInClient.CreateAsync(app, "coco");

        var list = await SignedInClient.GetDocumentAsync(coordinator, Caseload.Url());
        Assert.Equal(2, list.QuerySelectorAll("table.list tbody tr").Length);

        var response = await SignedInClient.PostFormAsync(coordinator, HouseholdForm.EditUrl(household), "gezin", new()
        {
            ["Input.DisplayName"] = "Gezin Eén", ["Input.ContactChannel"] = "sms", ["Input.HomeLanguage"] = "ar",
            ["Input.Status"] = "wachtlijst", ["Input.AssignedWorkerId"] = bram.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var bramsClient = await SignedInClient.CreateAsync(app, "bram");
        var page = await SignedInClient.GetDocumentAsync(bramsClient, HouseholdDetail.Url(household));
        Assert.Equal("Gezin Eén", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task A_worker_adds_a_household_to_their_own_caseload_and_nonsense_gets_Dutch_messages()
    {
        var (app, world) = await StartAsync();
        var anna = await world.UserAsync("anna", Roles.Worker);
        var bram = await world.UserAsync("bram", Roles.Worker);
        var client = await SignedInClient.CreateAsync(app, "anna");

        var refused = await SignedInClient.PostFormAsync(client, HouseholdForm.NewUrl(), "gezin", new()
        {
            ["Input.DisplayName"] = "", ["Input.ContactChannel"] = "postduif", ["Input.HomeLanguage"] = "nl", ["Input.Status"] = "bekend",
        });
        var errors = (await SignedInClient.ParseAsync(refused)).QuerySelectorAll(".field-error").Select(e => e.TextContent).ToList();
        Assert.Contains("Vul een naam of pseudoniem in.", errors);
        Assert.Contains("Kies een contactkanaal uit de lijst.", errors);

        // A worker cannot hand a new household to someone else by editing the form.
        var created = await SignedInClient.PostFormAsync(client, HouseholdForm.NewUrl(), "gezin", new()
        {
            ["Input.DisplayName"] = "Gezin Nieuw", ["Input.ContactChannel"] = "whatsapp", ["Input.HomeLanguage"] = "tr",
            ["Input.Status"] = "wachtlijst", ["Input.AssignedWorkerId"] = bram.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await SignedInClient.GetDocumentAsync(client, Caseload.Url());
        Assert.Contains("Gezin Nieuw", list.QuerySelector("table.list")?.TextContent);
        Assert.Contains("anna (test)", list.QuerySelector("table.list")?.TextContent);
    }

    [Fact]
    public async Task Opening_a_household_is_written_to_the_audit_log()
    {
        var (app, world) = await StartAsync();
        var anna = await world.UserAsync("anna", Roles.Worker);
        var household = await world.HouseholdAsync(anna);
        var client = await SignedInClient.CreateAsync(app, "anna");

        await client.GetAsync(HouseholdDetail.Url(household));

        var entries = await app.Services.GetRequiredService<AuditLog>().ReadAsync("household", household, 10);
        var entry = Assert.Single(entries, e => e.Action == "household.viewed");
        Assert.Equal("anna", entry.UserName);
    }
}
