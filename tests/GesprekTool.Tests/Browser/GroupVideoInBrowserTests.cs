using System.Diagnostics;
using System.Text.Json;
using GesprekTool.Coaching;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// Four workers in four Chromium pages (fake camera and microphone) hold a coaching session over a
/// real Janus: each receives and decodes the three others, the chair's step change reaches every
/// page, a poll is answered, an uninvited worker is refused by Janus itself, and the room is gone
/// when the session ends. A guest trainer from outside joins by link through the waiting room and
/// sees and is seen like the others. Janus, the app's socket and Chromium share a network namespace the test
/// makes (Janus gathers no ICE candidates on loopback); no address outside it is used.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupVideoInBrowserTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Workers = ["sanne", "youssef", "emre", "petra"];
    private NetworkNamespace _network = default!;
    private JanusServer _janus = default!;
    private GesprekToolFactory _app = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;
    private readonly List<string> _console = [];

    public async Task InitializeAsync()
    {
        _network = await NetworkNamespace.CreateAsync();
        _janus = await JanusServer.StartAsync(_network);
        _app = await GesprekToolFactory.CreateAsync(DatabaseEngine.Sqlite, postgres, FreePort.Next(), _janus.Settings, _network);
        _app.StartServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = _network.Wrapper(ChromiumBrowser.ExecutablePath),
            Headless = true,
            Args = [.. ChromiumBrowser.Arguments, .. ChromiumBrowser.GroupVideoArguments],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        await _janus.DisposeAsync();
        _network.Dispose();
    }

    private async Task<IPage> SignedInAsync(string userName, string? startPage = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "nl-NL",
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => _console.Add($"{userName}: {message.Text}");
        await page.GotoAsync(SignInPage.Url());
        await page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        await page.GetByLabel("Wachtwoord").FillAsync(TestWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await TestInfrastructure.Arrival.AtAsync(page, startPage ?? Caseload.Url());
        return page;
    }

    private static async Task<Dictionary<string, long>> FramesDecodedAsync(IPage page) =>
        JsonSerializer.Deserialize<Dictionary<string, long>>(await page.EvaluateAsync<string>("async () => JSON.stringify(await window.coachingVideo.framesDecoded())"))!;

    /// <summary>Waits until the page decodes video from each of the others, and returns what it decoded.</summary>
    private async Task<Dictionary<string, long>> DecodesFromAsync(IPage page, IEnumerable<string> others, long moreThan = 0)
    {
        var watch = Stopwatch.StartNew();
        Dictionary<string, long> frames = [];
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            frames = await FramesDecodedAsync(page);
            if (others.All(name => frames.GetValueOrDefault(name) > moreThan))
            {
                return frames;
            }
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"Decoded {JsonSerializer.Serialize(frames)}, expected all of {string.Join(", ", others)}. " +
            $"The page says: {await page.Locator("#video").InnerTextAsync()}\nConsole: {string.Join('\n', _console.TakeLast(30))}\nJanus said: {string.Join('\n', _janus.Log.TakeLast(30))}");
    }

    private sealed record Arrival(long Frames, int Width);
    private sealed record Received(int? Port, Dictionary<string, Arrival> Feeds);

    private static async Task<Received> ReceivedAsync(IPage page) =>
        JsonSerializer.Deserialize<Received>(await page.EvaluateAsync<string>("async () => JSON.stringify(await window.coachingVideo.received())"),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    /// <summary>Asks the page until what it receives from <paramref name="from"/> satisfies the condition.</summary>
    private static async Task<Received> WaitForArrivalAsync(IPage page, string from, Func<Arrival, bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        Received received;
        do
        {
            received = await ReceivedAsync(page);
            if (received.Feeds.TryGetValue(from, out var arrival) && condition(arrival))
            {
                return received;
            }
            await Task.Delay(500);
        }
        while (watch.Elapsed < TimeSpan.FromSeconds(60));
        throw new Xunit.Sdk.XunitException($"Waited for {what} from {from}; the page receives {JsonSerializer.Serialize(received)}");
    }

    [Fact]
    public async Task A_worker_on_a_thin_connection_gets_a_smaller_layer_and_keeps_seeing_the_others()
    {
        var world = new TestWorld(_app.Services);
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var chairUser = await world.UserAsync("sanne", Roles.Worker);
        var thinUser = await world.UserAsync("youssef", Roles.Worker);
        var id = await _app.Services.GetRequiredService<CoachingStore>().PlanAsync("Dunne lijn", "incidentmethode", DateTimeOffset.UtcNow, trainer,
            [(chairUser.Id, CoachingRoles.Chair), (thinUser.Id, CoachingRoles.Participant)]);
        var chair = await SignedInAsync("sanne");
        await chair.GotoAsync(CoachingSessionPage.Url(id));
        var thin = await SignedInAsync("youssef");
        await thin.GotoAsync(CoachingSessionPage.Url(id));
        await chair.GetByRole(AriaRole.Button, new() { Name = "Sessie starten" }).ClickAsync();

        // On a good line, with one other participant, the page gets her high layer (640 wide, up to 400 kbit/s).
        var before = await WaitForArrivalAsync(thin, "sanne (test)", arrival => arrival.Frames > 0 && arrival.Width > 320, "the high layer");
        output.WriteLine($"Before: {JsonSerializer.Serialize(before)}");

        // The line to this page's video port narrows to 150 kbit/s: the high layer no longer fits and packets drop.
        // The page notices, asks for the small layer at half the frame rate, says so, and keeps showing video.
        await _network.LimitUdpToPortAsync(before.Port!.Value, 150);
        var after = await WaitForArrivalAsync(thin, "sanne (test)", arrival => arrival.Width is > 0 and <= 320, "the small layer");
        output.WriteLine($"Thin: {JsonSerializer.Serialize(after)}");
        await WaitForArrivalAsync(thin, "sanne (test)", arrival => arrival.Frames > after.Feeds["sanne (test)"].Frames + 20, "frames still decoding");
        await Assertions.Expect(thin.Locator("#video .video-status")).ToContainTextAsync("Uw verbinding is zwak");

        // The other participant's line is untouched, and she receives the high layer. (Whether her page
        // ever called its line weak is not asserted: on two busy cores a starved page drops packets too.)
        await WaitForArrivalAsync(chair, "youssef (test)", arrival => arrival.Frames > 0 && arrival.Width > 320, "the high layer");
    }

    [Fact]
    public async Task Four_workers_see_and_hear_each_other_through_Janus_and_the_room_goes_with_the_session()
    {
        var world = new TestWorld(_app.Services);
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var invited = new List<CurrentUser>();
        foreach (var name in Workers)
        {
            invited.Add(await world.UserAsync(name, Roles.Worker));
        }
        await world.UserAsync("buiten", Roles.Worker);
        var sessions = _app.Services.GetRequiredService<CoachingStore>();
        var id = await sessions.PlanAsync("Video met vier", "incidentmethode", DateTimeOffset.UtcNow, trainer,
            invited.Select((user, i) => (user.Id, i == 0 ? CoachingRoles.Chair : CoachingRoles.Participant)).ToList());

        var pages = new List<IPage>();
        foreach (var name in Workers)
        {
            var page = await SignedInAsync(name);
            await page.GotoAsync(CoachingSessionPage.Url(id));
            pages.Add(page);
        }
        var sanne = pages[0];

        // The trainer invites a guest trainer from outside by link and lets her in from the waiting room.
        var trainerPage = await SignedInAsync("ido", CoachingListPage.Url());
        await trainerPage.GotoAsync(CoachingSessionPage.Url(id));
        await trainerPage.GetByRole(AriaRole.Button, new() { Name = "Gastlink maken" }).ClickAsync();
        var link = await trainerPage.Locator("#gastlink").InputValueAsync();
        await ChromiumBrowser.ScreenshotsAsync(trainerPage, "coaching-guest-invite");
        var guestContext = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "nl-NL" });
        var guest = await guestContext.NewPageAsync();
        await guest.GotoAsync(link);
        await guest.GetByLabel("Hoe mag de groep u noemen?").FillAsync("Marloes");
        await guest.GetByRole(AriaRole.Button, new() { Name = "Aankloppen" }).ClickAsync();
        await Assertions.Expect(guest.Locator("#live")).ToContainTextAsync("U wacht tot de trainer u binnenlaat");
        await ChromiumBrowser.ScreenshotsAsync(guest, "coaching-guest-waiting");
        await trainerPage.GetByRole(AriaRole.Button, new() { Name = "Marloes binnenlaten" }).ClickAsync();
        await Assertions.Expect(guest.Locator("#live")).ToContainTextAsync("U bent binnengelaten", new() { Timeout = 10_000 });
        await trainerPage.GotoAsync(CoachingListPage.Url()); // the trainer follows from elsewhere; five pages are enough video here

        await sanne.GetByRole(AriaRole.Button, new() { Name = "Sessie starten" }).ClickAsync();

        // Everyone decodes video from all the others (the names come from Janus's room), the guest included.
        var everyone = Workers.Select(name => $"{name} (test)").Append("Marloes (gast)").ToList();
        var videoPages = pages.Append(guest).ToList();
        for (var i = 0; i < videoPages.Count; i++)
        {
            await Assertions.Expect(videoPages[i].Locator("#video")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            var others = everyone.Where((_, j) => j != i).ToList();
            var first = await DecodesFromAsync(videoPages[i], others);
            await Task.Delay(1000);
            await DecodesFromAsync(videoPages[i], others, moreThan: first.Values.Min()); // still flowing
            output.WriteLine($"{everyone[i]} decodes {JsonSerializer.Serialize(first)}");
        }
        await Assertions.Expect(sanne.Locator("#video .tile:not(.own)")).ToHaveCountAsync(4);
        await Assertions.Expect(guest.Locator("#stap")).ToHaveTextAsync("Terugblik", new() { Timeout = 10_000 });
        await ChromiumBrowser.ScreenshotsAsync(sanne, "coaching-video");
        await ChromiumBrowser.ScreenshotsAsync(guest, "coaching-guest");

        // The chair moves on; every page shows the step (the time it took is printed, not asserted).
        var moved = Stopwatch.StartNew();
        await sanne.GetByRole(AriaRole.Button, new() { Name = "Volgende stap: Casussen inbrengen" }).ClickAsync();
        foreach (var page in pages)
        {
            await Assertions.Expect(page.Locator("#stap")).ToHaveTextAsync("Casussen inbrengen");
        }
        output.WriteLine($"All four pages showed the next step {moved.ElapsedMilliseconds} ms after the click");
        await DecodesFromAsync(pages[3], Workers.Take(3).Select(name => $"{name} (test)"), moreThan: 0); // the page refresh left the video alone

        // A poll from the chair; answers arrive as counts, without names.
        await sanne.GetByLabel("Vraag", new() { Exact = true }).FillAsync("Hoe gaat het met de verbinding?");
        await sanne.GetByLabel("Schaal 1–5", new() { Exact = true }).CheckAsync();
        await sanne.GetByRole(AriaRole.Button, new() { Name = "Vraag openen" }).ClickAsync();
        foreach (var page in pages)
        {
            await page.GetByLabel("4", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Antwoord geven" }).ClickAsync();
        }
        await Assertions.Expect(pages[2].Locator(".poll .meta").First).ToContainTextAsync("4 antwoorden");
        await Assertions.Expect(guest.Locator(".poll .meta").First).ToContainTextAsync("4 antwoorden", new() { Timeout = 10_000 });
        foreach (var name in Workers)
        {
            await Assertions.Expect(pages[2].Locator(".poll")).Not.ToContainTextAsync(name);
        }

        // Someone not invited gets no token from the app, and the app's proxy refuses a guessed one before Janus sees it.
        var outsider = await SignedInAsync("buiten");
        var tokenStatus = await outsider.EvaluateAsync<int>(
            "async (url) => (await fetch(url, { method: 'POST' })).status", JanusProxy.TokenUrl(id));
        Assert.NotEqual(200, tokenStatus);
        var guessStatus = await outsider.EvaluateAsync<int>("""
            async (url) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ janus: 'create', transaction: 'guess', token: 'geraden-token' }) })).status
            """, JanusProxy.Url());
        Assert.Equal(403, guessStatus);

        // Muting is a pressed button that says what it does.
        var mute = sanne.GetByRole(AriaRole.Button, new() { Name = "Microfoon dempen" });
        await mute.ClickAsync();
        await Assertions.Expect(mute).ToHaveAttributeAsync("aria-pressed", "true");

        // The chair ends the session: the room and its tokens are gone, every page closes its video.
        var room = (await sessions.FindAsync(id))!.VideoRoom!.Value;
        var video = _app.Services.GetRequiredService<CoachingVideo>();
        Assert.True(await video.RoomExistsAsync(room));
        var steps = _app.Services.GetRequiredService<CoachingMethodCatalog>().Find("incidentmethode")!.Steps;
        for (var step = 2; step < steps.Count; step++)
        {
            await sanne.GetByRole(AriaRole.Button, new() { Name = $"Volgende stap: {steps[step].Title}" }).ClickAsync();
            await Assertions.Expect(sanne.Locator("#stap")).ToHaveTextAsync(steps[step].Title);
        }
        await sanne.GetByRole(AriaRole.Button, new() { Name = "Sessie beëindigen" }).ClickAsync();
        foreach (var page in videoPages)
        {
            await Assertions.Expect(page.Locator("#afgelopen")).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await Assertions.Expect(page.Locator("#video")).ToBeHiddenAsync();
        }
        Assert.False(await video.RoomExistsAsync(room));
        Assert.DoesNotContain(await video.ListTokensAsync(), token => !token.StartsWith("app-", StringComparison.Ordinal));
    }
}
