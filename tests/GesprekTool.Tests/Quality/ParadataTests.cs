using System.Net;
using GesprekTool.Data;
using GesprekTool.Quality;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Quality;

/// <summary>Paradata is written as the worker goes through the script, and by no one else.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ParadataTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Theory, OnBothDatabases]
    public async Task Opening_and_leaving_sections_is_recorded_for_the_worker_holding_the_conversation_only(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        var worker = await world.UserAsync("sanne", Roles.Worker);
        await world.UserAsync("co", Roles.Coordinator, Roles.Worker);
        var conversation = await world.ConversationAsync(worker, await world.HouseholdAsync(worker));
        var sanne = await SignedInClient.CreateAsync(app, "sanne");

        await sanne.GetAsync(ConversationPage.Url(conversation.Id, "school"));
        var token = await SignedInClient.AntiforgeryTokenAsync(sanne, ConversationPage.Url(conversation.Id, "school"));
        var leave = await sanne.PostAsync(ConversationEndpoints.SectionLeftUrl(conversation.Id), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["deel"] = "school", ["__RequestVerificationToken"] = token }));
        var nonsense = await sanne.PostAsync(ConversationEndpoints.SectionLeftUrl(conversation.Id), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["deel"] = "<script>", ["__RequestVerificationToken"] = token }));
        var forged = await sanne.PostAsync(ConversationEndpoints.SectionLeftUrl(conversation.Id), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["deel"] = "school" }));

        // A coordinator reading the same conversation leaves no paradata.
        var coordinatorClient = await SignedInClient.CreateAsync(app, "co");
        Assert.Equal(HttpStatusCode.OK, (await coordinatorClient.GetAsync(ConversationPage.Url(conversation.Id, "gezin"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, leave.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, nonsense.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var events = await app.Services.GetRequiredService<ConversationEventStore>().ForAsync(conversation.Id);
        var sections = events.Select(e => (e.Kind, e.SectionKey)).ToList();
        Assert.DoesNotContain((ConversationEventKinds.SectionOpened, "gezin"), sections);
        Assert.Equal((ConversationEventKinds.SectionLeft, "school"), sections[^1]);
        Assert.All(sections.SkipLast(1), s => Assert.Equal((ConversationEventKinds.SectionOpened, "school"), s));
        Assert.NotEmpty(SectionTimes.From(events, end: null));
    }
}
