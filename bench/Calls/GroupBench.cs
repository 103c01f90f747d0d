using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GesprekTool.Accounts;
using GesprekTool.Coaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GesprekTool.Bench;

/// <summary>
/// N participants (headless Chromium pages, fake camera and microphone) in one Janus VideoRoom, the
/// coaching session page, versus a mesh of N on the family call page (a worker and N−1 guests, each
/// connected to every other). For each: time from opening the page until it decodes video from all
/// others; each participant's upload and download over a 10 s window; Janus's CPU and memory; and
/// the bytes per second all participants move together. Runs inside the network namespace that
/// bench/group-video.sh makes, with the Janus it starts (JANUS_* variables).
/// </summary>
public static class GroupBench
{
    private static readonly TimeSpan JoinLimit = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("JOIN_LIMIT_SECONDS") ?? "90", CultureInfo.InvariantCulture));
    private const int WindowSeconds = 10;

    private const string SfuProbe = """
        async () => {
          const v = window.coachingVideo;
          if (!v) return JSON.stringify({ decoding: 0, sent: 0, received: 0 });
          const frames = await v.framesDecoded();
          const bytes = await v.transportBytes();
          return JSON.stringify({ decoding: Object.values(frames).filter((f) => f > 0).length, ...bytes });
        }
        """;

    private const string MeshProbe = """
        async () => {
          const result = { decoding: 0, sent: 0, received: 0 };
          for (const peer of (window.gesprekCall?.peers?.values() ?? [])) {
            let frames = 0;
            (await peer.pc.getStats()).forEach((r) => {
              if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded || 0;
              if (r.type === 'transport') { result.sent += r.bytesSent || 0; result.received += r.bytesReceived || 0; }
            });
            if (frames > 0) result.decoding++;
          }
          return JSON.stringify(result);
        }
        """;

    private sealed record Probe(int Decoding, long Sent, long Received);

    public static async Task RunAsync(string repositoryRoot, int port, IReadOnlyList<int> sizes)
    {
        var janusPid = int.Parse(Environment.GetEnvironmentVariable("JANUS_PID") ?? throw new InvalidOperationException("run through bench/group-video.sh"), CultureInfo.InvariantCulture);
        await using var app = await BenchApp.StartAsync(repositoryRoot, port, new Dictionary<string, string?>
        {
            ["Coaching:Janus:ApiUrl"] = Environment.GetEnvironmentVariable("JANUS_API"),
            ["Coaching:Janus:AdminUrl"] = Environment.GetEnvironmentVariable("JANUS_ADMIN"),
            ["Coaching:Janus:AdminSecret"] = Environment.GetEnvironmentVariable("JANUS_SECRET"),
        });
        var trainer = await app.UserAsync("trainer", "Trainer", Roles.Trainer);
        var workers = new List<CurrentUser>();
        for (var i = 1; i <= sizes.Max(); i++)
        {
            workers.Add(await app.UserAsync($"w{i}", $"Werker {i}", Roles.Worker));
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required"],
        });
        Console.WriteLine($"setup: {Environment.ProcessorCount} cores; one Chromium, one page per participant; window {WindowSeconds} s after everyone decodes");
        foreach (var size in sizes)
        {
            await SfuAsync(app, browser, trainer, workers.Take(size).ToList(), janusPid);
            await MeshAsync(app, browser, size);
        }
    }

    private static async Task SfuAsync(BenchApp app, IBrowser browser, CurrentUser trainer, List<CurrentUser> participants, int janusPid)
    {
        var sessions = app.Services.GetRequiredService<CoachingStore>();
        var video = app.Services.GetRequiredService<CoachingVideo>();
        var id = await sessions.PlanAsync($"Bench {participants.Count}", "incidentmethode", DateTimeOffset.UtcNow, trainer,
            participants.Select((p, i) => (p.Id, i == 0 ? CoachingRoles.Chair : CoachingRoles.Participant)).ToList());
        var room = await video.OpenRoomAsync(id) ?? throw new InvalidOperationException("Janus did not create a room");
        await sessions.OpenAsync(id, room.Room, room.Secret);
        var pages = new List<IPage>();
        foreach (var participant in participants)
        {
            pages.Add(await SignedInAsync(browser, app, participant.UserName));
        }
        var joins = await Task.WhenAll(pages.Select(page => JoinAsync(page, CoachingSessionPage.Url(id), SfuProbe, participants.Count - 1)));
        await ShowFailuresAsync("janus", pages, joins);
        await ReportAsync("janus", participants.Count, pages, SfuProbe, joins, janusPid);
        await video.CloseRoomAsync((await sessions.FindAsync(id))!);
        await sessions.EndAsync(id);
        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// The mesh gets what a tile gets from Janus, so the ratio compares topologies, not encoder
    /// settings: the same camera (640×360, up to 15 fps), per connection the layer Janus would
    /// forward (640 wide at up to 400 kbit/s with one or two others, else 320 wide at up to 100
    /// kbit/s; the speaker's high layer has no mesh counterpart), and Opus as the browser sends it,
    /// as in the coaching video (the family call's speech settings are switched off here).
    /// </summary>
    private static string MeshAsJanusScript(int others) =>
        $$"""
        (() => {
          const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
          navigator.mediaDevices.getUserMedia = (wanted) => open(wanted?.video
            ? { ...wanted, video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15, max: 15 } } }
            : wanted);
          const set = RTCRtpSender.prototype.setParameters;
          RTCRtpSender.prototype.setParameters = function (parameters) {
            if (this.track?.kind === 'video') parameters.encodings.forEach((e) => {
              e.maxBitrate = {{(others <= 2 ? 400_000 : 100_000)}}; e.maxFramerate = 15; e.scaleResolutionDownBy = {{(others <= 2 ? 1 : 2)}};
            });
            return set.call(this, parameters);
          };
        })();
        """ + DataBench.OpusBefore;

    private static async Task MeshAsync(BenchApp app, IBrowser browser, int size)
    {
        var worker = await app.UserAsync($"mesh{size}", $"Mesh {size}", Roles.Worker);
        var (conversationId, callId) = await app.CallForAsync(worker);
        var workerPage = await SignedInAsync(browser, app, worker.UserName);
        await workerPage.Context.AddInitScriptAsync(JoinBench.AutoAdmitScript);
        await workerPage.Context.AddInitScriptAsync(MeshAsJanusScript(size - 1));
        var pages = new List<IPage> { workerPage };
        var urls = new List<string> { GesprekTool.Calls.CallPage.Url(conversationId) };
        for (var i = 1; i < size; i++)
        {
            var (token, _) = await app.LinkAsync(callId, worker);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "nl-NL" });
            await context.AddInitScriptAsync(MeshAsJanusScript(size - 1));
            pages.Add(await context.NewPageAsync());
            urls.Add(GesprekTool.Calls.JoinLinks.RelativeJoinUrl(token));
        }
        var joins = await Task.WhenAll(pages.Select((page, i) => JoinAsync(page, urls[i], MeshProbe, size - 1)));
        await ShowFailuresAsync("mesh", pages, joins);
        await ReportAsync("mesh", size, pages, MeshProbe, joins, janusPid: null);
        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }
    }

    internal static async Task<IPage> SignedInAsync(IBrowser browser, BenchApp app, string userName)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "nl-NL" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(SignInPage.Url());
        await page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        await page.GetByLabel("Wachtwoord").FillAsync(BenchApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex(SignInPage.Url()), new() { Timeout = 60_000 }); // polled: no navigation event to miss
        return page;
    }

    /// <summary>Milliseconds from opening the page until it decodes video from every other participant; null if not within the limit.</summary>
    private static async Task<double?> JoinAsync(IPage page, string url, string probe, int others)
    {
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        while (watch.Elapsed < JoinLimit)
        {
            try
            {
                if (Read(await page.EvaluateAsync<string>(probe)).Decoding >= others)
                {
                    return watch.Elapsed.TotalMilliseconds;
                }
            }
            catch (PlaywrightException)
            {
                // The page is still loading.
            }
            await Task.Delay(200);
        }
        return null;
    }

    /// <summary>A screenshot of each page that did not get there, to look at.</summary>
    private static async Task ShowFailuresAsync(string mode, List<IPage> pages, double?[] joins)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            if (joins[i] is null)
            {
                var path = Path.Combine(Path.GetTempPath(), $"group-bench-{mode}-{pages.Count}-{i}.png");
                await pages[i].ScreenshotAsync(new() { Path = path });
                Console.WriteLine($"  page {i} did not decode everyone: {path}");
            }
        }
    }

    private static async Task ReportAsync(string mode, int size, List<IPage> pages, string probe, double?[] joins, int? janusPid)
    {
        await Task.Delay(5000); // let bandwidth estimation settle
        var before = await Task.WhenAll(pages.Select(async p => Read(await p.EvaluateAsync<string>(probe))));
        var cpuBefore = janusPid is { } pid ? CpuTicks(pid) : 0;
        var machineBefore = MachineTicks();
        await Task.Delay(WindowSeconds * 1000);
        var after = await Task.WhenAll(pages.Select(async p => Read(await p.EvaluateAsync<string>(probe))));
        var cpuAfter = janusPid is { } pid2 ? CpuTicks(pid2) : 0;
        var machineAfter = MachineTicks();

        var up = before.Zip(after, (b, a) => (a.Sent - b.Sent) * 8.0 / WindowSeconds / 1000).ToList();
        var down = before.Zip(after, (b, a) => (a.Received - b.Received) * 8.0 / WindowSeconds / 1000).ToList();
        var joined = joins.Where(j => j is not null).Select(j => j!.Value).ToList();
        var decodingAll = after.Count(a => a.Decoding >= size - 1);
        var busy = 100.0 * (machineAfter.Busy - machineBefore.Busy) / Math.Max(1, machineAfter.Total - machineBefore.Total);
        Console.WriteLine($"{mode} n={size,2}: joined {joined.Count}/{size} within {JoinLimit.TotalSeconds:F0} s" +
            (joined.Count > 0 ? $", time to all tiles decoding median {JoinBench.Median(joined):F0} ms (min {joined.Min():F0}, max {joined.Max():F0})" : "") +
            $"; decoding everyone in the window: {decodingAll}/{size}");
        Console.WriteLine($"  per participant upload kbit/s median {JoinBench.Median(up):F0} (min {up.Min():F0}, max {up.Max():F0}); " +
            $"download median {JoinBench.Median(down):F0} (min {down.Min():F0}, max {down.Max():F0})");
        Console.WriteLine($"  all participants together {(up.Sum() + down.Sum()) / 8:F0} kB/s" +
            (janusPid is { } p3 ? $"; Janus: in {up.Sum() / 8:F0} kB/s, out {down.Sum() / 8:F0} kB/s, CPU {100.0 * (cpuAfter - cpuBefore) / (100.0 * WindowSeconds):F0} % of one core, memory {MemoryKb(p3) / 1024.0:F0} MB" : "; no server carries media") +
            $"; machine CPU busy {busy:F0} %");
    }

    private static Probe Read(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return new Probe(root.GetProperty("decoding").GetInt32(), (long)root.GetProperty("sent").GetDouble(), (long)root.GetProperty("received").GetDouble());
    }

    /// <summary>utime + stime of a process, in clock ticks (100 per second on Linux).</summary>
    internal static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    internal static long MemoryKb(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static (long Busy, long Total) MachineTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToList();
        var idle = cpu[3] + cpu[4];
        return (cpu.Sum() - idle, cpu.Sum());
    }
}
