using System.Net;
using Dapper;
using GesprekTool.Coaching;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Coaching;

/// <summary>An external guest trainer joins by link, as the guest, the session's trainer and an attacker would use it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CoachingGuestTests(PostgresServer postgres) : AppTestBase(postgres)
{
    /// <summary>The link the trainer makes on the live page (CoachingLiveTests clicks the button itself).</summary>
    private static async Task<string> GuestLinkAsync(IServiceProvider services, CurrentUser trainer, long sessionId)
    {
        var session = await services.GetRequiredService<CoachingStore>().FindAsync(sessionId);
        return GuestCoachingPage.Url(await services.GetRequiredService<CoachingGuestStore>().InviteAsync(session!, trainer));
    }

    private static async Task<string> TextOfAsync(HttpClient client, string url) =>
        (await SignedInClient.GetDocumentAsync(client, url)).QuerySelector("main")!.TextContent;

    [Theory, OnBothDatabases]
    public async Task A_guest_gives_a_name_waits_and_is_let_in_by_the_trainer_on_the_device_that_opened_the_link(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var id = await app.Services.GetRequiredService<CoachingStore>().PlanAsync("Met gast", "incidentmethode", DateTimeOffset.UtcNow.AddHours(1), trainer,
            [(sanne.Id, CoachingRoles.Chair)]);
        var ido = await SignedInClient.CreateAsync(app, "ido");
        var link = await GuestLinkAsync(app.Services, trainer, id);

        var guest = SignedInClient.Anonymous(app);
        Assert.Contains("Hoe mag de groep u noemen?", await TextOfAsync(guest, link));
        var nonsense = await SignedInClient.PostFormAsync(guest, link, "aankloppen", new() { ["naam"] = "x" });
        Assert.Contains("Vul een naam in", await nonsense.Content.ReadAsStringAsync());
        var knocked = await SignedInClient.PostFormAsync(guest, link, "aankloppen", new() { ["naam"] = "Marloes de Gast" });
        Assert.Contains("U wacht tot de trainer u binnenlaat", await knocked.Content.ReadAsStringAsync());

        // The same link on another device is refused; the waiting guest is not disturbed.
        var copied = SignedInClient.Anonymous(app);
        var elsewhere = await copied.GetAsync(link);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Contains("al geopend op een ander apparaat", await elsewhere.Content.ReadAsStringAsync());

        // Only the session's trainer lets guests in: the chair's page has no such buttons, and a forged post does nothing.
        var trainerPage = await SignedInClient.GetDocumentAsync(ido, CoachingSessionPage.Url(id));
        Assert.Contains("Marloes de Gast — wacht op u", trainerPage.QuerySelector(".guest-list")!.TextContent);
        var guestId = await GuestIdAsync(app.Services, id);
        var chair = await SignedInClient.CreateAsync(app, "sanne");
        Assert.Null((await SignedInClient.GetDocumentAsync(chair, CoachingSessionPage.Url(id))).QuerySelector(".guests"));
        await SignedInClient.PostFormAsync(chair, CoachingSessionPage.Url(id), $"gast-binnen-{guestId}", []);
        Assert.Contains("U wacht tot de trainer u binnenlaat", await TextOfAsync(guest, link));

        await app.Services.GetRequiredService<CoachingGuestStore>().AdmitAsync(id, guestId);
        Assert.Contains("U bent binnengelaten", await TextOfAsync(guest, link));

        // Once running, the guest follows the step and sees the participants, but has no forms to write or vote.
        await app.Services.GetRequiredService<CoachingStore>().OpenAsync(id, null, null);
        var running = await SignedInClient.GetDocumentAsync(guest, link);
        Assert.Equal("Terugblik", running.QuerySelector("#stap")?.TextContent);
        Assert.Empty(running.QuerySelectorAll("#live form, #live button, #live textarea"));
        Assert.Equal(HttpStatusCode.Forbidden, (await copied.GetAsync(link)).StatusCode);

        // The staff page and its video token stay closed to the guest.
        var staffPage = await guest.GetAsync(CoachingSessionPage.Url(id));
        Assert.Equal(HttpStatusCode.Redirect, staffPage.StatusCode);
        Assert.StartsWith(SignInPage.Url(), staffPage.Headers.Location?.PathAndQuery);

        // Withdrawn during the session: the page stops working for them at once.
        await app.Services.GetRequiredService<CoachingGuestStore>().RevokeAsync(id, guestId);
        Assert.Equal(HttpStatusCode.Gone, (await guest.GetAsync(link)).StatusCode);

    }

    [Fact]
    public async Task A_withdrawn_link_an_invented_one_and_one_after_the_session_no_longer_work()
    {
        var (app, world) = await StartAsync();
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var store = app.Services.GetRequiredService<CoachingStore>();
        var id = await store.PlanAsync("Met gast", "incidentmethode", DateTimeOffset.UtcNow, trainer, [(sanne.Id, CoachingRoles.Chair)]);

        var withdrawn = await GuestLinkAsync(app.Services, trainer, id);
        var guest = SignedInClient.Anonymous(app);
        await SignedInClient.PostFormAsync(guest, withdrawn, "aankloppen", new() { ["naam"] = "Marloes" });
        await app.Services.GetRequiredService<CoachingGuestStore>().RevokeAsync(id, await GuestIdAsync(app.Services, id));
        var gone = await guest.GetAsync(withdrawn);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("Deze uitnodiging werkt niet meer", await gone.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Gone, (await guest.GetAsync(GuestCoachingPage.Url("verzonnen-token"))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await guest.GetAsync(GuestCoachingPage.Url(new string('A', 43)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.PostAsync(JanusProxy.GuestUrl(new string('A', 43)), new StringContent("{}"))).StatusCode);

        // A guest who never got in cannot open the page once the session is over.
        var unused = await GuestLinkAsync(app.Services, trainer, id);
        await store.OpenAsync(id, null, null);
        await store.EndAsync(id);
        Assert.Equal(HttpStatusCode.Gone, (await SignedInClient.Anonymous(app).GetAsync(unused)).StatusCode);
    }

    private static async Task<long> GuestIdAsync(IServiceProvider services, long sessionId) =>
        (await services.GetRequiredService<CoachingGuestStore>().ListAsync(sessionId)).Last().Id;

    [Fact]
    public async Task Guesses_at_a_guest_trainers_video_addresses_count_like_guesses_at_family_links()
    {
        var (app, world) = await StartAsync(settings: new Dictionary<string, string?> { ["Calls:FailedJoinsPerTenMinutes"] = "2" });
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var id = await app.Services.GetRequiredService<CoachingStore>().PlanAsync("Met gast", "incidentmethode", DateTimeOffset.UtcNow, trainer, [(sanne.Id, CoachingRoles.Chair)]);
        var link = await GuestLinkAsync(app.Services, trainer, id);
        var guesser = SignedInClient.Anonymous(app);

        Assert.Equal(HttpStatusCode.NotFound, (await guesser.PostAsync(JanusProxy.GuestUrl(JoinToken.Create()), new StringContent("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guesser.PostAsync(JanusProxy.GuestTokenUrl(JoinToken.Create()), new StringContent(""))).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync(JanusProxy.GuestUrl(JoinToken.Create()) + "/123")).StatusCode);
        var refused = await guesser.PostAsync(JanusProxy.GuestTokenUrl(JoinToken.Create()), new StringContent(""));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Te veel pogingen", await refused.Content.ReadAsStringAsync());
        // The same count covers the guest page, and a real link still opens.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync(GuestCoachingPage.Url(JoinToken.Create()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Guessing_guest_trainer_links_is_slowed_down_but_a_real_link_still_opens()
    {
        var (app, world) = await StartAsync(settings: new Dictionary<string, string?> { ["Calls:FailedJoinsPerTenMinutes"] = "2" });
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var id = await app.Services.GetRequiredService<CoachingStore>().PlanAsync("Met gast", "incidentmethode", DateTimeOffset.UtcNow, trainer, [(sanne.Id, CoachingRoles.Chair)]);
        var link = await GuestLinkAsync(app.Services, trainer, id);
        var guesser = SignedInClient.Anonymous(app);

        Assert.Equal(HttpStatusCode.Gone, (await guesser.GetAsync(GuestCoachingPage.Url(JoinToken.Create()))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await guesser.GetAsync(GuestCoachingPage.Url(JoinToken.Create()))).StatusCode);
        var refused = await guesser.GetAsync(GuestCoachingPage.Url(JoinToken.Create()));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Te veel pogingen", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync(link)).StatusCode);
    }
}
