using GesprekTool.Accounts;
using Microsoft.Playwright;

namespace GesprekTool.Bench;

/// <summary>
/// Mobile data a household's phone uses in a call with the worker, from the phone's own transport
/// statistics (bytes sent plus received, RTP and RTCP, over a steady stretch), three ways in one
/// process: without the video cap (the app's cap switched off in both pages, as before), with it
/// (the default), and with the household on "Alleen geluid". Fake camera: Chromium's synthetic
/// picture, which compresses better than a real one, so real calls without the cap use more.
/// </summary>
public static class DataBench
{
    // Before the cap: the pages' setParameters calls do nothing, so the encoders run free.
    private const string NoCapScript = "RTCRtpSender.prototype.setParameters = async function () {};";

    /// <summary>
    /// Replaces the Opus settings the page wrote into a received description with a variant's, to
    /// measure which setting saves what: <paramref name="fmtp"/> is added to Opus's parameters,
    /// <paramref name="packetMs"/> (0: the browser's 20 ms) becomes its packet time.
    /// </summary>
    internal static string OpusScript(string fmtp, int packetMs) =>
        $$"""
        (() => {
          const original = RTCPeerConnection.prototype.setRemoteDescription;
          RTCPeerConnection.prototype.setRemoteDescription = function (description) {
            if (description?.sdp) {
              const pt = description.sdp.match(/^a=rtpmap:(\d+) opus\/48000/im)?.[1];
              const sdp = description.sdp.split('\r\n').filter((l) => !/^a=(max)?ptime:/.test(l)).flatMap((l) => {
                if (!l.startsWith(`a=fmtp:${pt} `)) return [l];
                const kept = l.replace(/;?(maxaveragebitrate|usedtx|stereo)=\d+/g, '');
                return [kept + '{{fmtp}}', ...({{packetMs}} ? ['a=ptime:{{packetMs}}'] : [])];
              }).join('\r\n');
              description = { type: description.type, sdp };
            }
            return original.call(this, description);
          };
        })();
        """;

    private sealed record Variant(string Name, bool Uncapped, bool SoundOnly, string? Opus);

    // Opus as the browser sends it by default (about 32-40 kbit/s, 20 ms packets, no DTX).
    internal static readonly string OpusBefore = OpusScript("", 0);

    private static readonly Variant[] Variants =
    [
        new("zonder begrenzing", Uncapped: true, SoundOnly: false, OpusBefore),
        new("met begrenzing (standaard)", Uncapped: false, SoundOnly: false, null),
        new("alleen geluid, Opus standaard browser", Uncapped: false, SoundOnly: true, OpusBefore),
        new("alleen geluid, 16 kbit/s", Uncapped: false, SoundOnly: true, OpusScript(";maxaveragebitrate=16000", 0)),
        new("alleen geluid, 16 kbit/s + DTX", Uncapped: false, SoundOnly: true, OpusScript(";maxaveragebitrate=16000;usedtx=1", 0)),
        new("alleen geluid (app: 16 kbit/s, DTX, 60 ms)", Uncapped: false, SoundOnly: true, null),
    ];

    private const string TransportBytesScript =
        """
        async () => {
          let bytes = 0;
          for (const peer of window.gesprekCall.peers.values()) {
            // What the phone's data bundle pays: the transport's UDP payloads plus 28 bytes of IPv4
            // and UDP header per packet (on IPv6 it would be 48).
            (await peer.pc.getStats()).forEach((r) => {
              if (r.type === 'transport') bytes += (r.bytesSent || 0) + (r.bytesReceived || 0) + 28 * ((r.packetsSent || 0) + (r.packetsReceived || 0));
            });
          }
          return bytes;
        }
        """;

    public static async Task RunAsync(string repositoryRoot, int port, int seconds, int runs)
    {
        await using var app = await BenchApp.StartAsync(repositoryRoot, port);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                $"--use-file-for-fake-audio-capture={SpeechLikeSound.Write()}"],
        });
        var worker = await app.UserAsync("bench", "Bench Werker", Roles.Worker);
        var results = Variants.ToDictionary(v => v.Name, _ => new List<double>());
        for (var run = 0; run < runs; run++)
        {
            foreach (var variant in Variants)
            {
                results[variant.Name].Add(await MegabytesPerHourAsync(app, browser, worker, variant, seconds));
            }
        }
        var baseline = JoinBench.Median(results["zonder begrenzing"]);
        Console.WriteLine($"runs: {runs} per variant, {seconds} s measured once the rate settled; household phone, bytes sent + received with IPv4/UDP headers (28 B per packet); " +
            "both microphones play speech-like sound half the time (4 s sound, 4 s quiet room)");
        foreach (var (variant, values) in results)
        {
            var median = JoinBench.Median(values);
            Console.WriteLine($"{variant,-44} median {median,6:F0} MB/h (min {values.Min():F0}, max {values.Max():F0}; {median / baseline:P0} of without the cap)" +
                $"  ≈ {median * 8 * 1000 / 3600:F0} kbit/s");
        }
    }

    /// <summary>
    /// Waits until the call's rate settles (bandwidth estimation ramps up for some seconds): two
    /// one-second windows in a row within 10 % of each other, or 30 s.
    /// </summary>
    private static async Task SettledAsync(IPage household)
    {
        double? previous = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var start = await household.EvaluateAsync<double>(TransportBytesScript);
            await Task.Delay(1000); // one measuring window
            var rate = await household.EvaluateAsync<double>(TransportBytesScript) - start;
            if (previous is { } last && rate > 0 && Math.Abs(rate - last) <= 0.1 * last)
            {
                return;
            }
            previous = rate;
        }
    }

    private static async Task<double> MegabytesPerHourAsync(BenchApp app, IBrowser browser, CurrentUser worker, Variant variant, int seconds)
    {
        var script = (variant.Uncapped ? NoCapScript + "\n" : "") + (variant.Opus ?? "");
        var (conversationId, callId) = await app.CallForAsync(worker); // a fresh call each time
        var workerPage = await JoinBench.OpenWorkerAsync(browser, app, conversationId, script.Length > 0 ? script : null);
        var householdContext = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = "nl-NL",
        });
        try
        {
            if (script.Length > 0)
            {
                await householdContext.AddInitScriptAsync(script);
            }
            var (token, _) = await app.LinkAsync(callId, worker);
            var household = await householdContext.NewPageAsync();
            await household.GotoAsync($"{app.BaseUrl}/j/{token}");
            await household.WaitForFunctionAsync("() => window.gesprekCall?.peers.size === 1 && [...window.gesprekCall.peers.values()][0].pc.connectionState === 'connected'",
                null, new() { Timeout = 30000, PollingInterval = 100 });
            if (variant.SoundOnly)
            {
                await household.GetByRole(AriaRole.Button, new() { Name = "Alleen geluid" }).ClickAsync();
            }
            await SettledAsync(household);
            var before = await household.EvaluateAsync<double>(TransportBytesScript);
            await Task.Delay(seconds * 1000);
            var after = await household.EvaluateAsync<double>(TransportBytesScript);
            return (after - before) / seconds * 3600 / 1_000_000;
        }
        finally
        {
            await householdContext.CloseAsync();
            await workerPage.Context.CloseAsync();
        }
    }
}
