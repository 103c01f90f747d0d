using GesprekTool.Coaching;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// A live page whose connection drops (a phone that locks, a Wi-Fi switch): the calm Dutch notice
/// shows, the page keeps what was typed, and when the connection is back it shows what changed
/// meanwhile and the typed text can still be saved.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LivePageReconnectInBrowserTests(ChromiumBrowser chromium, PostgresServer postgres) : BrowserTestBase(chromium, postgres)
{
    [Fact]
    public async Task A_dropped_connection_comes_back_with_the_typed_text_and_what_changed_meanwhile()
    {
        var trainer = await World.UserAsync("ido", Roles.Trainer);
        var sanne = await World.UserAsync("sanne", Roles.Worker);
        var youssef = await World.UserAsync("youssef", Roles.Worker);
        var store = App.Services.GetRequiredService<CoachingStore>();
        var id = await store.PlanAsync("Verbinding weg", "incidentmethode", DateTimeOffset.UtcNow, trainer,
            [(sanne.Id, CoachingRoles.Chair), (youssef.Id, CoachingRoles.Participant)]);
        await store.OpenAsync(id, null, null);
        await store.MoveToStepAsync(id, 1);

        await SignInAsync("sanne");
        await Page.GotoAsync(CoachingSessionPage.Url(id));
        await using var network = new CuttableProxy(App.BaseAddress.Port);
        var phone = await SignedInElsewhereAsync("youssef", Caseload.Url(), 360, 640, new UriBuilder(App.BaseAddress) { Port = network.Port }.Uri);
        await phone.GotoAsync(CoachingSessionPage.Url(id));
        var save = phone.GetByRole(AriaRole.Button, new() { Name = "Opslaan" });
        await Assertions.Expect(save).ToBeEnabledAsync(); // the circuit is connected
        await phone.GetByLabel("Uw casus, zonder namen (nog 1)").FillAsync("Een vader die niet over schulden wil praten");

        network.Cut();
        var notice = phone.Locator("#components-reconnect-modal");
        await Assertions.Expect(notice).ToContainTextAsync("De verbinding is even weg. We proberen het opnieuw…");
        await Assertions.Expect(notice.GetByText("De verbinding is even weg.")).ToBeVisibleAsync();
        await ChromiumBrowser.ScreenshotsAsync(phone, "live-page-reconnecting");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Hand opsteken" }).ClickAsync();

        network.Restore();
        await Assertions.Expect(phone.Locator(".participants")).ToContainTextAsync("hand op (1)", new() { Timeout = 30_000 });
        await Assertions.Expect(notice.GetByText("De verbinding is even weg.")).ToBeHiddenAsync();
        await Assertions.Expect(phone.GetByLabel("Uw casus, zonder namen (nog 1)")).ToHaveValueAsync("Een vader die niet over schulden wil praten");
        await save.ClickAsync();
        await Assertions.Expect(phone.Locator(".contributions")).ToContainTextAsync("Een vader die niet over schulden wil praten");
        Assert.Single(await store.ContributionsAsync(id));
    }
}
