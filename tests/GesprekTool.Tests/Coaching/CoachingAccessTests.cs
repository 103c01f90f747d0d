using System.Net;
using GesprekTool.Coaching;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Coaching;

[Collection(PostgresCollection.Name)]
public sealed class CoachingAccessTests(PostgresServer postgres) : AppTestBase(postgres)
{
    private static async Task<long> PlanAsync(IServiceProvider services, CurrentUser trainer, params CurrentUser[] invited) =>
        await services.GetRequiredService<CoachingStore>().PlanAsync("Intervisie", "incidentmethode", DateTimeOffset.UtcNow.AddDays(1), trainer,
            invited.Select(u => (u.Id, CoachingRoles.Participant)).ToList());

    [Theory, OnBothDatabases]
    public async Task Only_the_trainer_and_the_invited_workers_can_open_a_session(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        await world.UserAsync("andere-trainer", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        await world.UserAsync("buiten", Roles.Worker);
        await world.UserAsync("coordinator", Roles.Coordinator);
        var id = await PlanAsync(app.Services, trainer, sanne);

        foreach (var (user, expected) in new[] { ("ido", HttpStatusCode.OK), ("sanne", HttpStatusCode.OK), ("andere-trainer", HttpStatusCode.NotFound), ("buiten", HttpStatusCode.NotFound) })
        {
            var client = await SignedInClient.CreateAsync(app, user);
            Assert.Equal(expected, (await client.GetAsync(CoachingSessionPage.Url(id))).StatusCode);
        }
        var coordinator = await SignedInClient.CreateAsync(app, "coordinator");
        var refused = await coordinator.GetAsync(CoachingSessionPage.Url(id));
        Assert.StartsWith(AccessDeniedPage.Url(), refused.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task A_worker_never_sees_another_sessions_contributions_nor_posts_into_it()
    {
        var (app, world) = await StartAsync();
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var youssef = await world.UserAsync("youssef", Roles.Worker);
        var store = app.Services.GetRequiredService<CoachingStore>();
        var theirs = await PlanAsync(app.Services, trainer, youssef);
        await PlanAsync(app.Services, trainer, sanne);
        await store.OpenAsync(theirs, null, null);
        await store.MoveToStepAsync(theirs, 1);
        var method = app.Services.GetRequiredService<CoachingMethodCatalog>().Find("incidentmethode")!;
        await store.AddContributionAsync(theirs, method.Steps[1], youssef.Id, "Een vader die niet over geld wil praten.");
        await store.RevealAsync(theirs, method.Steps[1].Key);

        var client = await SignedInClient.CreateAsync(app, "sanne");
        var page = await client.GetAsync(CoachingSessionPage.Url(theirs));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("niet over geld", await page.Content.ReadAsStringAsync());

        var token = await SignedInClient.AntiforgeryTokenAsync(client, CoachingListPage.Url());
        var post = await client.PostAsync(CoachingSessionPage.Url(theirs), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "bijdragen", ["__RequestVerificationToken"] = token, ["tekst"] = "Ingebroken bijdrage",
        }));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.DoesNotContain(await store.ContributionsAsync(theirs), c => c.Text.Contains("Ingebroken", StringComparison.Ordinal));
        var video = await client.PostAsync(JanusProxy.TokenUrl(theirs), new StringContent(""));
        Assert.NotEqual(HttpStatusCode.OK, video.StatusCode);
    }

    [Fact]
    public async Task Contributions_are_hidden_until_revealed_and_names_follow_the_method()
    {
        var c1 = new CoachingContribution { Id = 1, UserId = 1, DisplayName = "Sanne", Text = "b mijn vraag" };
        var c2 = new CoachingContribution { Id = 2, UserId = 2, DisplayName = "Youssef", Text = "a zijn vraag" };
        var c3 = new CoachingContribution { Id = 3, UserId = 3, DisplayName = "Emre", Text = "c onthuld", RevealedAt = DateTimeOffset.UtcNow };

        var hidden = ContributionVisibility.For(1, showNames: false, [c1, c2, c3]);
        var named = ContributionVisibility.For(1, showNames: true, [c1, c2, c3]);

        Assert.Equal(["b mijn vraag", "c onthuld"], hidden.Select(c => c.Text));
        Assert.Equal([null, null], hidden.Where(c => !c.IsOwn).Select(c => c.Author).Append(null));
        Assert.Equal("Emre", named.Single(c => !c.IsOwn).Author);
        await Task.CompletedTask;
    }
}
