using System.Text.RegularExpressions;
using GesprekTool.Conversations;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// The signalling server goes away in the middle of a call (a restart): the picture keeps going
/// because media flows between the browsers, both pages say what is happening, the worker keeps
/// answering in the script, and when the server is back everything reconnects without the waiting
/// room and every answer is saved.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CallResilienceTests(ChromiumBrowser chromium, PostgresServer postgres) : CallTestBase(chromium, postgres)
{
    [Fact]
    public async Task A_server_restart_during_a_call_loses_neither_the_call_nor_an_answer()
    {
        await StartCallAsync();
        var link = await CreateLinkAsync("Link voor het gezin maken");
        var household = await OpenAsGuestAsync(link, "nl-NL");
        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(Page, peers: 1);
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
        var script = Page.FrameLocator("iframe.script-panel");
        await script.Locator("input[name='a.gezin-volwassenen']").FillAsync("2");
        await script.Locator("input[name='a.gezin-volwassenen']").BlurAsync();
        await Assertions.Expect(script.Locator(".sync-status")).ToHaveTextAsync("Alle antwoorden zijn opgeslagen.");

        await App.DisposeAsync();
        await Assertions.Expect(Page.Locator("#signalling-note")).ToContainTextAsync("Het beeld loopt door", new() { Timeout = 15000 });
        await Assertions.Expect(household.Locator("#call-status")).ToHaveTextAsync("De verbinding wordt hersteld…", new() { Timeout = 15000 });
        // Media does not need the server: frames keep being decoded on both sides.
        await CallPages.ExpectLiveVideoAsync(Page, peers: 1);
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
        await script.Locator("input[name='a.gezin-kinderen']").FillAsync("3");
        await script.Locator("input[name='a.gezin-kinderen']").BlurAsync();
        await Assertions.Expect(script.Locator(".sync-status")).ToContainTextAsync("wacht op verbinding");
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("call-worker-server-down"), FullPage = true });

        App = App.Restarted();
        App.StartServer();
        await Assertions.Expect(Page.Locator("#signalling-note")).ToBeHiddenAsync(new() { Timeout = 20000 });
        await Assertions.Expect(Page.Locator("#call-status")).ToHaveTextAsync(new Regex("^(Verbinding hersteld|Verbonden)$"));
        await Assertions.Expect(household.Locator("#call-status")).ToHaveTextAsync(new Regex("^(Verbinding hersteld|Verbonden)$"), new() { Timeout = 20000 });
        await Assertions.Expect(script.Locator(".sync-status")).ToHaveTextAsync("Alle antwoorden zijn opgeslagen.", new() { Timeout = 20000 });
        await CallPages.ExpectLiveVideoAsync(Page, peers: 1);
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
        // Admission was stored: the household did not land in the waiting room again.
        await Assertions.Expect(household.Locator("#stage")).ToBeVisibleAsync();
        await Assertions.Expect(Room.Locator("#waiting-list")).ToContainTextAsync("Er wacht niemand.");

        var answers = await App.Services.GetRequiredService<ConversationStore>().CurrentValuesAsync(ConversationId);
        Assert.Equal("2", answers["gezin-volwassenen"]);
        Assert.Equal("3", answers["gezin-kinderen"]);
    }

    [Fact]
    public async Task When_the_households_connection_to_the_server_drops_the_call_goes_on_and_recovers()
    {
        await StartCallAsync();
        await using var network = new CuttableProxy(App.BaseAddress.Port);
        var link = new UriBuilder(await CreateLinkAsync("Link voor het gezin maken")) { Port = network.Port }.Uri.ToString();
        var household = await OpenAsGuestAsync(link, "nl-NL");
        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);

        // The household's connection to our server drops; media between the browsers does not pass through it.
        network.Cut();
        await Assertions.Expect(household.Locator("#call-status")).ToHaveTextAsync("De verbinding wordt hersteld…", new() { Timeout = 15000 });
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
        await CallPages.ExpectLiveVideoAsync(Page, peers: 1);

        await household.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("guest-call-server-connection-lost"), FullPage = true });
        network.Restore();
        await Assertions.Expect(household.Locator("#call-status")).ToHaveTextAsync(new Regex("^(Verbinding hersteld|Verbonden)$"), new() { Timeout = 20000 });
        await CallPages.ExpectLiveVideoAsync(Page, peers: 1);
        Assert.Equal(1, await CallPages.PeerCountAsync(household));

        // The conversation's paradata says the call dropped once and came back.
        var paradata = App.Services.GetRequiredService<GesprekTool.Quality.ConversationEventStore>();
        await WaitUntilAsync(async () => GesprekTool.Quality.SectionTimes.CallDrops(await paradata.ForAsync(ConversationId)) == (1, true));
    }
}
