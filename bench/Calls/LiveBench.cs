using System.Diagnostics;
using System.Globalization;
using GesprekTool.Accounts;
using GesprekTool.Coaching;
using GesprekTool.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace GesprekTool.Bench;

/// <summary>
/// The live coaching page, measured on two builds of the app in one run: the chair clicks "Volgende
/// stap" and every participant's page shows the new step (time from the click to the next animation
/// frame after the step's title changed, all pages in one Chromium so one clock). Each build runs as
/// its own process in Production on a fresh SQLite file; this process seeds the users and the
/// session through the current stores (the schema of the coaching tables is the same in both).
/// </summary>
public static class LiveStepsBench
{
    private const string WatchStep = """
        () => {
          window.__stepSeen = [];
          const observer = new MutationObserver(() => {
            const title = document.getElementById('stap')?.textContent;
            if (title && title !== window.__lastStep) {
              window.__lastStep = title;
              requestAnimationFrame(() => window.__stepSeen.push({ title, at: performance.timeOrigin + performance.now() }));
            }
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          window.__lastStep = document.getElementById('stap')?.textContent;
        }
        """;

    private const string ClickNext = """
        () => {
          const button = [...document.querySelectorAll('button')].find((b) => b.textContent.startsWith('Volgende stap') && !b.disabled);
          const at = performance.timeOrigin + performance.now();
          button.click();
          return at;
        }
        """;

    public static async Task RunAsync(string repositoryRoot, IReadOnlyList<(string Label, string Dll)> builds, IReadOnlyList<int> sizes, int rounds)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
        });
        Console.WriteLine($"setup: {Environment.ProcessorCount} cores; one Chromium, one page per participant; {rounds} step changes per size");
        var results = new Dictionary<(string, int), List<double>>();
        foreach (var (label, dll) in builds)
        {
            foreach (var size in sizes)
            {
                results[(label, size)] = await MeasureAsync(repositoryRoot, browser, dll, size, rounds);
                var sorted = results[(label, size)].Order().ToList();
                Console.WriteLine($"{label,-8} {size,2} participants: click to step shown median {JoinBench.Median(sorted),5:F0} ms, " +
                    $"p95 {Percentile(sorted, 0.95),5:F0} ms, min {sorted[0]:F0}, max {sorted[^1]:F0} ({sorted.Count} pages×steps)");
            }
        }
        if (builds.Count == 2)
        {
            foreach (var size in sizes)
            {
                var (old, now) = (results[(builds[0].Label, size)].Order().ToList(), results[(builds[1].Label, size)].Order().ToList());
                Console.WriteLine($"{size} participants: {builds[1].Label}/{builds[0].Label} median {JoinBench.Median(now) / JoinBench.Median(old):F2}, " +
                    $"p95 {Percentile(now, 0.95) / Percentile(old, 0.95):F2}");
            }
        }
    }

    internal static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[(int)Math.Ceiling(p * (sorted.Count - 1))];

    private static async Task<List<double>> MeasureAsync(string repositoryRoot, IBrowser browser, string dll, int size, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("gesprektool-live-bench-").FullName;
        var port = FreePort();
        var database = new Database(DatabaseEngine.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}");
        using var app = StartApp(repositoryRoot, dll, port, database.ConnectionString);
        try
        {
            await WaitForHealthAsync(port, app);
            var (sessionId, userNames) = await SeedAsync(repositoryRoot, database, size);
            var pages = new List<IPage>();
            foreach (var userName in userNames)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"http://127.0.0.1:{port}", Locale = "nl-NL" });
                var page = await context.NewPageAsync();
                await SignInAsync(page, userName);
                if (pages.Count == 0 && size == 4)
                {
                    await ReportBytesAsync(page, CoachingSessionPage.Url(sessionId));
                }
                await page.GotoAsync(CoachingSessionPage.Url(sessionId));
                await page.Locator("#stap").WaitForAsync();
                pages.Add(page);
            }
            var chair = pages[0];
            // The chair's button works once the page is ready (new build: the circuit; old build: at once).
            await Assertions.Expect(chair.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Volgende stap") })).ToBeEnabledAsync();
            // Every page live before the first click (new build: its circuit; old build: its hub).
            await Task.Delay(TimeSpan.FromSeconds(2));
            var latencies = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var page in pages)
                {
                    await page.EvaluateAsync(WatchStep);
                }
                var clickedAt = await chair.EvaluateAsync<double>(ClickNext);
                foreach (var page in pages.Skip(1))
                {
                    await page.WaitForFunctionAsync("() => window.__stepSeen.length > 0", null, new() { Timeout = 30_000 });
                    latencies.Add(await page.EvaluateAsync<double>("() => window.__stepSeen[0].at") - clickedAt);
                }
                // Let the chair's own page settle on the new step before the next click.
                await chair.WaitForFunctionAsync("() => window.__stepSeen.length > 0", null, new() { Timeout = 30_000 });
                await Task.Delay(300);
                if ((round + 2) % 6 == 0)
                {
                    await ResetStepAsync(repositoryRoot, database, sessionId);
                    foreach (var page in pages)
                    {
                        await page.ReloadAsync();
                        await page.Locator("#stap").WaitForAsync();
                    }
                    await Assertions.Expect(chair.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Volgende stap") })).ToBeEnabledAsync();
                    await Task.Delay(TimeSpan.FromSeconds(2));
                }
            }
            foreach (var page in pages)
            {
                await page.Context.CloseAsync();
            }
            return latencies;
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// What the coaching page costs a staff member's browser: bytes over HTTP (bodies and headers as
    /// sent, compressed) and over the page's WebSocket, until the page is live and 2 s have passed; on a
    /// first visit (only the sign-in page's files cached) and on a second.
    /// </summary>
    private static async Task ReportBytesAsync(IPage page, string url)
    {
        var figures = new List<string>();
        foreach (var visit in new[] { "first visit", "second visit" })
        {
            long http = 0, socket = 0;
            var requests = new List<IRequest>();
            void Finished(object? sender, IRequest request) => requests.Add(request);
            void Socket(object? sender, IWebSocket webSocket)
            {
                webSocket.FrameReceived += (_, frame) => socket += frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? "");
                webSocket.FrameSent += (_, frame) => socket += frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? "");
            }
            page.RequestFinished += Finished;
            page.WebSocket += Socket;
            await page.GotoAsync(url);
            await page.Locator("#stap").WaitForAsync();
            await Task.Delay(2000);
            page.RequestFinished -= Finished;
            page.WebSocket -= Socket;
            foreach (var request in requests)
            {
                var sizes = await request.SizesAsync();
                http += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            }
            figures.Add($"{visit} HTTP {http / 1024.0:F1} KB + WebSocket {socket / 1024.0:F1} KB");
        }
        Console.WriteLine($"  coaching page bytes: {string.Join("; ", figures)}");
    }

    /// <summary>Back to step 1 (the method has 7 steps); pages reload, which is not measured.</summary>
    private static async Task ResetStepAsync(string repositoryRoot, Database database, long sessionId)
    {
        await using var services = Services(repositoryRoot, database);
        await services.GetRequiredService<CoachingStore>().MoveToStepAsync(sessionId, 0);
    }

    private static async Task<(long SessionId, List<string> UserNames)> SeedAsync(string repositoryRoot, Database database, int size)
    {
        await using var services = Services(repositoryRoot, database);
        var users = services.GetRequiredService<UserStore>();
        var hash = SignInService.Hash(BenchApp.Password);
        var trainerId = await users.CreateAsync("trainer", "Trainer", hash, [Roles.Trainer]);
        var trainer = new CurrentUser(trainerId, "trainer", "Trainer", new HashSet<string> { Roles.Trainer });
        var names = new List<string>();
        var participants = new List<(long, string)>();
        for (var i = 1; i <= size; i++)
        {
            var name = $"w{i}";
            participants.Add((await users.CreateAsync(name, $"Werker {i}", hash, [Roles.Worker]), i == 1 ? CoachingRoles.Chair : CoachingRoles.Participant));
            names.Add(name);
        }
        var sessions = services.GetRequiredService<CoachingStore>();
        var id = await sessions.PlanAsync("Bench", "incidentmethode", DateTimeOffset.UtcNow, trainer, participants);
        await sessions.OpenAsync(id, null, null);
        return (id, names);
    }

    private static ServiceProvider Services(string repositoryRoot, Database database) => new ServiceCollection()
        .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
        .AddSingleton(database)
        .AddGesprekToolCore()
        .BuildServiceProvider();

    private static Process StartApp(string repositoryRoot, string dll, int port, string connectionString)
    {
        // A build folder (<project>/bin/Release/net10.0): the project is the content root, as in run-app.sh.
        var project = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", ".."));
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", project])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = project,
        };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__GesprekTool"] = connectionString,
            ["DataProtection__KeyEncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Questionnaires__Directory"] = Path.Combine(repositoryRoot, "questionnaires"),
            ["Calls__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["AllowedHosts"] = "127.0.0.1;localhost",
            ["Accounts__SecondFactor__RequiredRoles"] = "",
            ["WeeklyReports__JobEnabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            // No Janus: the step change is what is measured, not the video.
            ["Coaching__Janus__ApiUrl"] = "",
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line && !line.Contains("DataProtection", StringComparison.Ordinal)) Console.Error.WriteLine($"  app: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(int port, Process app)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (app.HasExited)
            {
                throw new InvalidOperationException($"the app exited with {app.ExitCode}");
            }
            try
            {
                if ((await client.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("the app did not become healthy");
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync(SignInPage.Url());
        await page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        await page.GetByLabel("Wachtwoord").FillAsync(BenchApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex(SignInPage.Url()), new() { Timeout = 60_000 }); // polled: no navigation event to miss
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
