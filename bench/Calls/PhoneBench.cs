using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GesprekTool.Accounts;
using GesprekTool.Conversations;
using GesprekTool.Households;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GesprekTool.Bench;

/// <summary>
/// Phone calls from the conversation page (issue 22), through the app's proxy, Janus's SIP plugin,
/// a Kamailio trunk and SIPp phones that answer and send back what they hear, all inside the network
/// namespace bench/phone-calls.sh makes. Measures, on the worker's page: "Bellen" to "Gaat over"
/// (the trunk's 180 back at the page), the answer to the first audio packet received, and per
/// concurrent call Janus's CPU and memory and the bytes on the worker's line per hour, for a G.711
/// phone (what most trunks speak) and an Opus one (speech settings of the video call); and one call
/// with a telephone interpreter, whose leg the worker's browser mixes in.
/// </summary>
public static class PhoneBench
{
    private const int WindowSeconds = 10;

    private const string DialAndTime = """
        async () => {
          const status = document.getElementById('phone-status');
          const times = {};
          const t0 = performance.now();
          const settled = new Promise((resolve) => {
            const check = () => {
              const text = status.textContent;
              if (times.ringing === undefined && text.includes('Gaat over')) times.ringing = performance.now() - t0;
              if (text.includes('In gesprek')) { times.answered = performance.now() - t0; resolve(); }
              if (/Opgehangen|Niet gebeld|Geen antwoord|bezet|Geweigerd|Verbinding/.test(text)) resolve();
            };
            new MutationObserver(check).observe(status, { childList: true, characterData: true, subtree: true });
          });
          document.getElementById('dial').click();
          await Promise.race([settled, new Promise((r) => setTimeout(r, 30000))]);
          while (times.answered !== undefined && performance.now() - t0 < 60000) {
            if ((await window.gesprekPhone.audio()).packetsReceived > 0) { times.firstAudio = performance.now() - t0; break; }
            await new Promise((r) => setTimeout(r, 5));
          }
          return JSON.stringify(times);
        }
        """;

    private const string LineBytes = """
        async (leg) => {
          const pc = window.gesprekPhoneConnection?.(leg ?? 'household');
          let bytes = 0;
          if (pc) (await pc.getStats()).forEach((r) => { if (r.type === 'transport') bytes += (r.bytesSent || 0) + (r.bytesReceived || 0); });
          return bytes;
        }
        """;

    private sealed record Times(double? Ringing, double? Answered, double? FirstAudio);

    public static async Task RunAsync(string repositoryRoot, int port, int calls, IReadOnlyList<int> concurrency)
    {
        var janusPid = int.Parse(Environment.GetEnvironmentVariable("JANUS_PID") ?? throw new InvalidOperationException("run through bench/phone-calls.sh"), CultureInfo.InvariantCulture);
        await using var app = await BenchApp.StartAsync(repositoryRoot, port, new Dictionary<string, string?>
        {
            ["Coaching:Janus:ApiUrl"] = Environment.GetEnvironmentVariable("JANUS_API"),
            ["Coaching:Janus:AdminUrl"] = Environment.GetEnvironmentVariable("JANUS_ADMIN"),
            ["Coaching:Janus:AdminSecret"] = Environment.GetEnvironmentVariable("JANUS_SECRET"),
            ["PhoneCalls:Sip:Domain"] = "bench.test",
            ["PhoneCalls:Sip:Proxy"] = Environment.GetEnvironmentVariable("TRUNK"),
            ["PhoneCalls:Sip:User"] = "gezinswerk",
            ["PhoneCalls:Sip:Secret"] = Environment.GetEnvironmentVariable("TRUNK_SECRET"),
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required"],
        });
        Console.WriteLine($"setup: {Environment.ProcessorCount} cores; one Chromium; the phone answers after 800 ms of ringing and sends back what it hears");
        await LatencyAsync(app, browser, calls);
        foreach (var (label, number) in new[] { ("G.711 (PCMU)", "+31612340001"), ("Opus 16 kbit/s, DTX, 60 ms", "+31612340006") })
        {
            foreach (var n in concurrency)
            {
                await ConcurrentAsync(app, browser, label, number, n, janusPid);
            }
        }
        await WithInterpreterAsync(app, browser, janusPid);
    }

    /// <summary>
    /// One call to the G.711 phone with the Opus phone as the interpreter: the worker's line carries
    /// both legs, and Janus both calls. The call without an interpreter above is the baseline.
    /// </summary>
    private static async Task WithInterpreterAsync(BenchApp app, IBrowser browser, int janusPid)
    {
        var worker = await app.UserAsync("tolk-bench", "Werker Tolk", Roles.Worker);
        await app.Services.GetRequiredService<GesprekTool.PhoneCalls.InterpreterServiceStore>().SetAsync(
            new GesprekTool.PhoneCalls.InterpreterService("Tolkendienst", new GesprekTool.PhoneCalls.PhoneNumber("+31612340006")), worker.Id);
        var page = await GroupBench.SignedInAsync(browser, app, worker.UserName);
        await page.GotoAsync(GesprekTool.PhoneCalls.PhoneCallPage.Url(await ConversationAsync(app, worker, "+31612340001")));
        await page.EvaluateAsync<string>(DialAndTime);
        var pressed = Stopwatch.StartNew();
        await page.Locator("#phone-interpreter").ClickAsync();
        await Assertions.Expect(page.Locator("#interpreter-status")).ToContainTextAsync("Tolk in gesprek", new() { Timeout = 30_000 });
        var joined = pressed.Elapsed.TotalMilliseconds;
        await Task.Delay(3000); // past the start of the interpreter's leg
        async Task<(double Family, double Interpreter)> BytesAsync() =>
            (await page.EvaluateAsync<double>(LineBytes, "household"), await page.EvaluateAsync<double>(LineBytes, "interpreter"));
        var before = await BytesAsync();
        var cpuBefore = GroupBench.CpuTicks(janusPid);
        await Task.Delay(WindowSeconds * 1000);
        var after = await BytesAsync();
        var cpu = 100.0 * (GroupBench.CpuTicks(janusPid) - cpuBefore) / (100.0 * WindowSeconds);
        double PerHour(double b, double a) => (a - b) * 3600 / WindowSeconds / 1_000_000;
        var family = PerHour(before.Family, after.Family);
        var interpreter = PerHour(before.Interpreter, after.Interpreter);
        Console.WriteLine($"with an interpreter (family G.711, interpreter Opus): press to interpreter in call {joined:F0} ms (includes the phone's 800 ms ringing); " +
            $"Janus CPU {cpu:F1} % of one core; worker's line {family + interpreter:F1} MB/h (family leg {family:F1}, interpreter leg {interpreter:F1})");
        await HangUpAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>One call after another: "Bellen" to ringing, and the answer to the first sound back.</summary>
    private static async Task LatencyAsync(BenchApp app, IBrowser browser, int calls)
    {
        var worker = await app.UserAsync("bellen", "Bench Bellen", Roles.Worker);
        var page = await GroupBench.SignedInAsync(browser, app, worker.UserName);
        var ringing = new List<double>();
        var firstAudio = new List<double>();
        var failed = 0;
        for (var i = 0; i < calls; i++)
        {
            var conversation = await ConversationAsync(app, worker, "+31612340001");
            await page.GotoAsync(GesprekTool.PhoneCalls.PhoneCallPage.Url(conversation));
            var times = JsonSerializer.Deserialize<Times>(await page.EvaluateAsync<string>(DialAndTime), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            if (times is { Ringing: { } ring, Answered: { } answered, FirstAudio: { } audio })
            {
                ringing.Add(ring);
                firstAudio.Add(audio - answered);
            }
            else
            {
                failed++;
                Console.WriteLine($"  call {i + 1} did not get through: {JsonSerializer.Serialize(times)}; the page says {await page.Locator("#phone-status").InnerTextAsync()}");
            }
            await HangUpAsync(page);
        }
        Console.WriteLine($"bellen to ringing ({ringing.Count} calls): median {JoinBench.Median(ringing):F0} ms, p95 {Percentile(ringing, 95):F0} ms (min {ringing.DefaultIfEmpty().Min():F0}, max {ringing.DefaultIfEmpty().Max():F0})");
        Console.WriteLine($"answer to first audio packet at the worker: median {JoinBench.Median(firstAudio):F0} ms, p95 {Percentile(firstAudio, 95):F0} ms (min {firstAudio.DefaultIfEmpty().Min():F0}, max {firstAudio.DefaultIfEmpty().Max():F0}); failed {failed}");
        await page.Context.CloseAsync();
    }

    /// <summary>N calls at once: Janus's CPU and memory, and each worker's line in MB per hour.</summary>
    private static async Task ConcurrentAsync(BenchApp app, IBrowser browser, string label, string number, int n, int janusPid)
    {
        var idleMemory = GroupBench.MemoryKb(janusPid);
        var pages = new List<IPage>();
        for (var i = 0; i < n; i++)
        {
            var worker = await app.UserAsync($"w{n}-{i}-{number[^1]}", $"Werker {i}", Roles.Worker);
            var page = await GroupBench.SignedInAsync(browser, app, worker.UserName);
            await page.GotoAsync(GesprekTool.PhoneCalls.PhoneCallPage.Url(await ConversationAsync(app, worker, number)));
            pages.Add(page);
        }
        var dialled = await Task.WhenAll(pages.Select(async p =>
            JsonSerializer.Deserialize<Times>(await p.EvaluateAsync<string>(DialAndTime), new JsonSerializerOptions(JsonSerializerDefaults.Web))!));
        var inCall = dialled.Count(t => t.FirstAudio is not null);
        await Task.Delay(3000); // past the start of the call
        var bytesBefore = await Task.WhenAll(pages.Select(p => p.EvaluateAsync<double>(LineBytes)));
        var cpuBefore = GroupBench.CpuTicks(janusPid);
        await Task.Delay(WindowSeconds * 1000);
        var bytesAfter = await Task.WhenAll(pages.Select(p => p.EvaluateAsync<double>(LineBytes)));
        var cpuAfter = GroupBench.CpuTicks(janusPid);
        var memory = GroupBench.MemoryKb(janusPid);
        var perHour = bytesBefore.Zip(bytesAfter, (b, a) => (a - b) * 3600 / WindowSeconds / 1_000_000).ToList();
        var cpu = 100.0 * (cpuAfter - cpuBefore) / (100.0 * WindowSeconds);
        Console.WriteLine($"{label} n={n,2}: in call {inCall}/{n}; Janus CPU {cpu:F1} % of one core ({cpu / Math.Max(1, inCall):F2} % per call), " +
            $"memory {memory / 1024.0:F0} MB ({(memory - idleMemory) / 1024.0 / Math.Max(1, inCall):F2} MB per call over idle); " +
            $"worker's line median {JoinBench.Median(perHour):F1} MB/h (min {perHour.DefaultIfEmpty().Min():F1}, max {perHour.DefaultIfEmpty().Max():F1}), both directions, headers included");
        foreach (var page in pages)
        {
            await HangUpAsync(page);
            await page.Context.CloseAsync();
        }
    }

    private static async Task HangUpAsync(IPage page)
    {
        var hangUp = page.Locator("#hang-up");
        if (await hangUp.IsVisibleAsync())
        {
            await hangUp.ClickAsync();
            await page.Locator("#phone-start").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 30_000 });
        }
    }

    private static async Task<long> ConversationAsync(BenchApp app, CurrentUser worker, string number)
    {
        var household = await app.Services.GetRequiredService<HouseholdStore>().CreateAsync(
            new HouseholdInput("Gezin Bellen", "telefoon", null, "nl", HouseholdStatus.Known, worker.Id, null, number));
        return await app.Services.GetRequiredService<ConversationStore>().StartAsync(
            worker, household, "jes-gesprekstoel", 1, "telefoon", DateOnly.FromDateTime(DateTime.Today), true);
    }

    private static double Percentile(List<double> values, int percent)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1)];
    }
}
