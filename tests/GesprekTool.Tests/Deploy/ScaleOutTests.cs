using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Calls;
using GesprekTool.Data;
using GesprekTool.Households;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Deploy;

/// <summary>
/// Two app instances as real processes on one PostgreSQL database, behind nginx with TLS, set up
/// with the repository's deploy/nginx files: what docs/operations.md describes for a regional
/// deployment, proved on this machine.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ScaleOutTests(ChromiumBrowser chromium, PostgresServer postgres) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _running = [];
    private GesprekToolFactory _console = default!;
    private string _connectionString = "";
    private readonly int _nginxPort = FreePort.Next();

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync();
        // The in-process app only prepares the database and creates people, as an admin would.
        _console = new GesprekToolFactory(DatabaseEngine.Postgres, _connectionString, RepositoryPaths.NewTempDirectory("console"));
        _ = _console.Services;
    }

    public async Task DisposeAsync()
    {
        foreach (var running in Enumerable.Reverse(_running))
        {
            await running.DisposeAsync();
        }
        await _console.DisposeAsync();
    }

    private TestWorld World => new(_console.Services);

    private Dictionary<string, string> Settings(bool weeklyJob = false) => new()
    {
        ["Database:Engine"] = "postgres",
        ["ConnectionStrings:GesprekTool"] = _connectionString,
        ["Questionnaires:Directory"] = RepositoryPaths.Questionnaires,
        ["DataProtection:KeyEncryptionKey"] = GesprekToolFactory.TestKek,
        ["Calls:PublicBaseUrl"] = $"https://127.0.0.1:{_nginxPort}",
        ["Demo:Enabled"] = "false",
        ["Accounts:SecondFactor:RequiredRoles"] = "",
        ["WeeklyReports:JobEnabled"] = weeklyJob ? "true" : "false",
        ["Calls:FailedJoinsPerTenMinutes"] = "4",
        ["AllowedHosts"] = "127.0.0.1;localhost",
    };

    private async Task<(AppProcess A, AppProcess B)> StartInstancesAsync(bool weeklyJob = false)
    {
        // Started together, as after a power cut: the start-up lock lets one prepare the database.
        var a = await AppProcess.StartAsync("a", Settings(weeklyJob));
        _running.Add(a);
        var b = await AppProcess.StartAsync("b", Settings(weeklyJob));
        _running.Add(b);
        await Task.WhenAll(a.WaitUntilReadyAsync(), b.WaitUntilReadyAsync());
        return (a, b);
    }

    private async Task<NginxServer> StartNginxAsync(params AppProcess[] instances)
    {
        var nginx = await NginxServer.StartAsync(_nginxPort, instances.Select(i => i.Port).ToList());
        _running.Add(nginx);
        return nginx;
    }

    private static HttpClient ThroughNginx(NginxServer nginx, CookieContainer jar) =>
        new(new HttpClientHandler
        {
            CookieContainer = jar,
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        })
        { BaseAddress = new Uri(nginx.Address) };

    [Fact]
    public async Task A_sign_in_is_valid_on_both_instances_and_a_revoked_session_is_refused_by_both()
    {
        await World.UserAsync("sanne", Roles.Worker);
        var (a, b) = await StartInstancesAsync();
        var nginx = await StartNginxAsync(a, b);
        var jar = new CookieContainer();
        var client = ThroughNginx(nginx, jar);
        Assert.Equal(HttpStatusCode.Redirect, (await SignedInClient.SignInAsync(client, "sanne", TestWorld.Password)).StatusCode);
        var signedIn = jar.GetCookies(new Uri(nginx.Address))["gesprektool.auth"]!;
        Assert.True(signedIn.Secure, "the app did not learn from nginx that the browser uses https");
        var copied = signedIn.Value;

        // Pages go round robin: four requests reach both instances, and both know the session.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Caseload.Url())).StatusCode);
        }
        Assert.Equal(new[] { a.Port, b.Port }.Order(), nginx.PagePortsFor(Caseload.Url(), 200).Order());

        var token = await SignedInClient.AntiforgeryTokenAsync(client, Caseload.Url());
        var signOut = await client.PostAsync(AccountEndpoints.SignOutUrl,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        // The copied cookie, replayed after signing out, is refused wherever it lands.
        var attacker = new HttpClient(new HttpClientHandler
        {
            UseCookies = false, AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        })
        { BaseAddress = new Uri(nginx.Address) };
        for (var i = 0; i < 4; i++)
        {
            var replay = new HttpRequestMessage(HttpMethod.Get, Caseload.Url());
            replay.Headers.Add("Cookie", $"gesprektool.auth={copied}");
            var response = await attacker.SendAsync(replay);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains(SignInPage.Url(), response.Headers.Location!.OriginalString);
        }
        Assert.Equal(new[] { a.Port, b.Port }.Order(), nginx.PagePortsFor(Caseload.Url(), 302).Order());
    }

    [Fact]
    public async Task Nginx_serves_our_scripts_and_styles_itself_a_versioned_address_cached_for_a_year()
    {
        var (a, b) = await StartInstancesAsync();
        var nginx = await StartNginxAsync(a, b);
        var client = ThroughNginx(nginx, new CookieContainer());
        var signInPage = await client.GetStringAsync(SignInPage.Url());
        var styles = Regex.Match(signInPage, "href=\"(/css/app\\.css\\?v=[0-9a-f]+)\"").Groups[1].Value;

        var versioned = await client.GetAsync(styles);
        var plain = await client.GetAsync("/js/call-core.js");

        Assert.Equal(HttpStatusCode.OK, versioned.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.True(plain.Headers.CacheControl?.NoCache, "an address without a version must be asked again");
        Assert.Empty(nginx.PagePortsFor("/css/app.css", 200)); // no instance was asked
    }

    [Fact]
    public async Task Behind_nginx_every_response_carries_hsts_the_antiforgery_cookie_is_secure_and_a_forged_host_gets_no_answer()
    {
        var (a, b) = await StartInstancesAsync();
        var nginx = await StartNginxAsync(a, b);
        var client = ThroughNginx(nginx, new CookieContainer());

        var page = await client.GetAsync(SignInPage.Url());
        var script = await client.GetAsync("/js/call-core.js");
        var missing = await client.GetAsync("/css/bestaat-niet.css");

        foreach (var response in new[] { page, script, missing })
        {
            Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        // Both cookies the sign-in page sets are Secure behind TLS, the antiforgery cookie too.
        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        // A forged Host: nginx closes the connection; the app itself refuses it too (AllowedHosts).
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/");
        forged.Headers.Host = "evil.example";
        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(forged));
        using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{a.Port}") };
        using var forgedDirect = new HttpRequestMessage(HttpMethod.Get, Caseload.Url());
        forgedDirect.Headers.Host = "evil.example";
        var refused = await direct.SendAsync(forgedDirect);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain("evil.example", refused.Headers.Location?.ToString() ?? "");
    }

    [Fact]
    public async Task Guessed_links_count_per_household_address_on_both_instances_together()
    {
        var (a, b) = await StartInstancesAsync();
        using var direct = new HttpClient();

        // nginx names the household's address; both instances add to one count for it.
        async Task<HttpStatusCode> GuessAsync(AppProcess instance, string address)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, instance.Address + JoinLinks.RelativeJoinUrl(JoinToken.Create()));
            request.Headers.Add("X-Forwarded-For", address);
            return (await direct.SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.Gone, await GuessAsync(a, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.Gone, await GuessAsync(b, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.Gone, await GuessAsync(a, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.Gone, await GuessAsync(b, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GuessAsync(a, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GuessAsync(b, "203.0.113.7"));
        // Another household's phone is not held up by it.
        Assert.Equal(HttpStatusCode.Gone, await GuessAsync(b, "198.51.100.20"));

        await using var connection = await _console.Services.GetRequiredService<Database>().OpenAsync();
        var stored = (await connection.QueryAsync<string>("SELECT address_sha256 FROM join_failures")).ToList();
        Assert.Equal(5, stored.Count);
        Assert.DoesNotContain(stored, value => value.Contains("203.0.113", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_instances_started_together_at_the_weekly_jobs_time_build_the_week_once()
    {
        // No week built yet: each instance finds last week due the moment it starts.
        var (a, b) = await StartInstancesAsync(weeklyJob: true);

        await WaitUntilAsync(() => Task.FromResult(
            new[] { a, b }.All(i => i.Log.Contains("Built the weekly documents", StringComparison.Ordinal)
                || i.Log.Contains("being built by another instance", StringComparison.Ordinal))), TimeSpan.FromSeconds(90));

        await using var connection = await _console.Services.GetRequiredService<Database>().OpenAsync();
        var runs = (await connection.QueryAsync<(int Year, int Week, string Status)>(
            "SELECT iso_year, iso_week, status FROM weekly_report_runs")).ToList();
        var run = Assert.Single(runs);
        Assert.Equal("gelukt", run.Status);
        var claim = await connection.QuerySingleAsync<(string Instance, DateTimeOffset? FinishedAt)>(
            "SELECT instance, finished_at FROM job_claims WHERE job = 'weekly-documents'");
        Assert.Contains(claim.Instance, new[] { "a", "b" });
        Assert.NotNull(claim.FinishedAt);
        Assert.Single(new[] { a, b }, i => i.Log.Contains("Built the weekly documents", StringComparison.Ordinal));
    }

    /// <summary>
    /// The lost instance comes back (systemd restarts it) and nginx's hash sends the call's key to it
    /// again: the first participant to reconnect there takes the room along, and the other follows
    /// within seconds, so the call is never split over two instances.
    /// </summary>
    [Fact]
    public async Task A_call_survives_losing_the_instance_that_holds_it_and_its_return()
    {
        var worker = await World.UserAsync("sanne", Roles.Worker);
        var household = await World.HouseholdAsync(worker, "Gezin Schaal");
        var conversationId = (await World.ConversationAsync(worker, household)).Id;
        var (a, b) = await StartInstancesAsync();
        var nginx = await StartNginxAsync(a, b);

        var workerPage = await SignedInThroughNginxAsync(nginx, "sanne");
        await workerPage.GotoAsync(CallPage.Url(conversationId), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await workerPage.GetByRole(AriaRole.Button, new() { Name = "Videogesprek starten" }).ClickAsync();
        await CallPages.Room(workerPage).GetByRole(AriaRole.Button, new() { Name = "Link voor het gezin maken" }).ClickAsync();
        var link = await CallPages.Room(workerPage).Locator(".link-card [data-field='url']").InputValueAsync();
        Assert.StartsWith(nginx.Address, link);

        var householdPage = await PhoneOrDesktopAsync(nginx, desktop: false);
        await householdPage.GotoAsync(link, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await CallPages.Room(workerPage).GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(workerPage, peers: 1);
        await CallPages.ExpectLiveVideoAsync(householdPage, peers: 1);

        // Both pages' hub connections carry the call's route key and went to one instance.
        var route = RouteOf(await workerPage.Locator(".call-layout").GetAttributeAsync("data-hub"));
        Assert.Equal(route, RouteOf(await householdPage.Locator("main").GetAttributeAsync("data-hub")));
        var holder = Assert.Single(nginx.InstancesFor(route));
        var (lost, survivor) = holder == a.Port ? (a, b) : (b, a);
        var framesBefore = await CallPages.FramesDecodedAsync(householdPage);

        await lost.KillAsync();

        // Typed while the instance is gone: saved once, on the survivor.
        var script = workerPage.FrameLocator("iframe.script-panel");
        await script.Locator("input[name='a.gezin-volwassenen']").FillAsync("2");
        await script.Locator("input[name='a.gezin-volwassenen']").BlurAsync();
        await script.Locator("input[name='a.gezin-kinderen']").FillAsync("3");
        await script.Locator("input[name='a.gezin-kinderen']").BlurAsync();

        // Both pages come back through nginx on the survivor, without the waiting room.
        var back = new Regex("^(Verbinding hersteld|Verbonden)$");
        await Assertions.Expect(workerPage.Locator("#signalling-note")).ToBeHiddenAsync(new() { Timeout = 30000 });
        await Assertions.Expect(workerPage.Locator("#call-status")).ToHaveTextAsync(back, new() { Timeout = 30000 });
        await Assertions.Expect(householdPage.Locator("#call-status")).ToHaveTextAsync(back, new() { Timeout = 30000 });
        await Assertions.Expect(householdPage.Locator("#stage")).ToBeVisibleAsync();
        await Assertions.Expect(householdPage.Locator("#waiting")).ToBeHiddenAsync();
        await Assertions.Expect(CallPages.Room(workerPage).Locator("#waiting-list")).ToContainTextAsync("Er wacht niemand.");
        await WaitUntilAsync(() => Task.FromResult(nginx.InstancesFor(route).Contains(survivor.Port)), TimeSpan.FromSeconds(30));

        // Media never needed the server: the same peer connection kept decoding throughout.
        var framesAfter = await CallPages.ExpectLiveVideoAsync(householdPage, peers: 1);
        var peer = Assert.Single(framesBefore).Key;
        Assert.True(framesAfter[peer] > framesBefore[peer], "the household's video from the worker stopped");
        await CallPages.ExpectLiveVideoAsync(workerPage, peers: 1);

        await Assertions.Expect(script.Locator(".sync-status")).ToHaveTextAsync("Alle antwoorden zijn opgeslagen.", new() { Timeout = 30000 });
        await using var connection = await _console.Services.GetRequiredService<Database>().OpenAsync();
        var saved = (await connection.QueryAsync<(string Key, string Value)>(
            "SELECT question_key, value FROM answers WHERE conversation_id = @conversationId ORDER BY question_key",
            new { conversationId })).ToList();
        Assert.Equal([("gezin-kinderen", "3"), ("gezin-volwassenen", "2")], saved);

        var returned = await AppProcess.StartAsync(lost == a ? "a" : "b", Settings(), lost.Port);
        _running.Add(returned);
        await returned.WaitUntilReadyAsync();
        // The household's phone loses its signalling connection now and then; once nginx tries the
        // returned instance again (after fail_timeout), the reconnect lands there.
        var framesBeforeReturn = await CallPages.FramesDecodedAsync(householdPage);
        await WaitUntilAsync(async () =>
        {
            if (nginx.LatestInstanceFor(route) == returned.Port)
            {
                return true;
            }
            await householdPage.EvaluateAsync("() => window.gesprekCall.connection.stop()");
            await Task.Delay(2000);
            return false;
        }, TimeSpan.FromSeconds(60));

        await WaitUntilAsync(() => Task.FromResult(survivor.Log.Contains("sending its participants there", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
        await Assertions.Expect(workerPage.Locator("#call-status")).ToHaveTextAsync(back, new() { Timeout = 30000 });
        await Assertions.Expect(householdPage.Locator("#call-status")).ToHaveTextAsync(back, new() { Timeout = 30000 });
        await WaitUntilAsync(() => Task.FromResult(nginx.LatestInstanceFor(route) == returned.Port), TimeSpan.FromSeconds(30));
        // Signalling works in the reunited room: the worker sees the household and no one waits.
        await Assertions.Expect(CallPages.Room(workerPage).Locator("#waiting-list")).ToContainTextAsync("Er wacht niemand.");
        await Assertions.Expect(householdPage.Locator("#stage")).ToBeVisibleAsync();
        Assert.Equal(1, await CallPages.PeerCountAsync(workerPage));
        var framesAfterReturn = await CallPages.ExpectLiveVideoAsync(householdPage, peers: 1);
        Assert.True(framesAfterReturn[peer] > framesBeforeReturn[peer], "the household's video stopped when the instance returned");
    }

    /// <summary>
    /// A coaching session's live pages are circuits, each held by one instance: the chair's on one,
    /// a participant's on the other. A step the chair takes reaches the other instance's circuits
    /// through PostgreSQL (LISTEN/NOTIFY), with no polling; through nginx, one browser's circuit
    /// connection (negotiate, WebSocket) stays on one instance, by its gt_live cookie.
    /// </summary>
    [Fact]
    public async Task A_step_the_chair_takes_on_one_instance_reaches_the_pages_held_by_the_other()
    {
        var trainer = await World.UserAsync("ido", Roles.Trainer);
        var sanne = await World.UserAsync("sanne", Roles.Worker);
        var petra = await World.UserAsync("petra", Roles.Worker);
        var sessionId = await _console.Services.GetRequiredService<GesprekTool.Coaching.CoachingStore>().PlanAsync(
            "Over twee servers", "incidentmethode", DateTimeOffset.UtcNow, trainer,
            [(sanne.Id, GesprekTool.Coaching.CoachingRoles.Chair), (petra.Id, GesprekTool.Coaching.CoachingRoles.Participant)]);
        var (a, b) = await StartInstancesAsync();
        var nginx = await StartNginxAsync(a, b);
        var chair = await SignedInAtAsync(a.Address, "sanne");
        var participant = await SignedInAtAsync(b.Address, "petra");
        var ido = await SignedInThroughNginxAsync(nginx, "ido");
        foreach (var page in new[] { chair, participant, ido })
        {
            await page.GotoAsync(GesprekTool.Coaching.CoachingSessionPage.Url(sessionId), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        }

        await ido.GetByRole(AriaRole.Button, new() { Name = "Sessie starten" }).ClickAsync();
        await Assertions.Expect(participant.Locator("#stap")).ToHaveTextAsync("Terugblik");
        await Assertions.Expect(chair.Locator("#stap")).ToHaveTextAsync("Terugblik");
        foreach (var next in new[] { "Casussen inbrengen", "Eén casus kiezen", "Vragenronde", "Analyse" })
        {
            await chair.GetByRole(AriaRole.Button, new() { Name = $"Volgende stap: {next}" }).ClickAsync();
            await Assertions.Expect(participant.Locator("#stap")).ToHaveTextAsync(next);
            await Assertions.Expect(ido.Locator("#stap")).ToHaveTextAsync(next);
        }
        Assert.Single(nginx.CircuitPorts());
    }

    private async Task<IPage> SignedInAtAsync(string instance, string userName)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = instance, Locale = "nl-NL", ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        _running.Add(new ClosingContext(context));
        return await SignInAsync(await context.NewPageAsync(), userName);
    }

    private async Task<IPage> SignedInThroughNginxAsync(NginxServer nginx, string userName) =>
        await SignInAsync(await PhoneOrDesktopAsync(nginx, desktop: true), userName);

    private static async Task<IPage> SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync(SignInPage.Url(), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        await page.GetByLabel("Wachtwoord").FillAsync(TestWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Arrival.AwayFromAsync(page, SignInPage.Url());
        return page;
    }

    private async Task<IPage> PhoneOrDesktopAsync(NginxServer nginx, bool desktop)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = nginx.Address,
            IgnoreHTTPSErrors = true,
            Locale = "nl-NL",
            ViewportSize = desktop ? new ViewportSize { Width = 1280, Height = 900 } : new ViewportSize { Width = 390, Height = 844 },
            IsMobile = !desktop,
            HasTouch = !desktop,
        });
        _running.Add(new ClosingContext(context));
        return await context.NewPageAsync();
    }

    private static string RouteOf(string? hubUrl) =>
        RouteParameter().Match(hubUrl ?? "") is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"No route in {hubUrl}");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("Condition not met in time");
            }
            await Task.Delay(250);
        }
    }

    private sealed class ClosingContext(IBrowserContext context) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await context.CloseAsync();
    }

    [GeneratedRegex(@"[?&]route=([0-9a-f]+)")]
    private static partial Regex RouteParameter();
}
