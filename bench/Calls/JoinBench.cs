using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace GesprekTool.Bench;

/// <summary>
/// A household opens a fresh join link on a phone-sized page with a cold cache, while the worker's
/// call page (in the same Chromium, fake camera) admits them as soon as they appear. Measures the
/// bytes transferred until the camera preview plays (HTTP bodies and headers as sent, compressed, plus
/// hub frames), and the time from navigation start to the first decoded frame of the worker's video.
/// </summary>
public static class JoinBench
{
    private const string FirstRemoteFrameScript =
        """
        (() => {
          const seen = new WeakSet();
          const mark = () => { if (window.__firstRemoteFrame === undefined) window.__firstRemoteFrame = performance.now(); };
          new MutationObserver(() => {
            document.querySelectorAll('#remotes video').forEach((v) => {
              if (seen.has(v)) return;
              seen.add(v);
              if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(mark); else v.addEventListener('loadeddata', mark, { once: true });
            });
          }).observe(document, { childList: true, subtree: true });
        })();
        """;

    // The worker lets every guest in at once, so the figure measures the software, not a person.
    internal const string AutoAdmitScript =
        """
        new MutationObserver(() => {
          document.querySelectorAll('#waiting-list button.primary').forEach((b) => {
            if (!b.dataset.clicked) { b.dataset.clicked = '1'; b.click(); }
          });
        }).observe(document, { childList: true, subtree: true });
        """;

    public static async Task RunAsync(string repositoryRoot, int port, int runs)
    {
        await using var app = await BenchApp.StartAsync(repositoryRoot, port);
        var (worker, conversationId, callId) = await app.WorkerWithCallAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
        });
        var workerPage = await OpenWorkerAsync(browser, app, conversationId);

        var times = new List<double>();
        var weights = new List<Bytes>();
        var wholeJoins = new List<Bytes>();
        for (var run = 0; run <= runs; run++)
        {
            var (token, _) = await app.LinkAsync(callId, worker);
            var (atPreview, atFirstFrame, firstFrame, resources) = await JoinOnceAsync(browser, $"{app.BaseUrl}/j/{token}");
            if (run == 0)
            {
                Console.WriteLine("first join (warm-up, not counted), resources until the preview plays:");
                foreach (var (url, bytes) in resources)
                {
                    Console.WriteLine($"  {bytes,8:N0} B  {url.Replace(app.BaseUrl, "", StringComparison.Ordinal)}");
                }
                continue;
            }
            times.Add(firstFrame);
            weights.Add(atPreview);
            wholeJoins.Add(atFirstFrame);
        }
        await workerPage.Context.CloseAsync();

        var sorted = times.Order().ToList();
        Console.WriteLine($"runs: {runs} (each a new browser context: cold cache, new link, admitted at once)");
        Console.WriteLine($"join page weight until the preview plays: HTTP {Median(weights.Select(w => (double)w.Http)) / 1024:F1} KB " +
            $"+ hub frames {Median(weights.Select(w => (double)w.Hub)) / 1024:F1} KB (median; min {weights.Min(w => w.Http + w.Hub) / 1024.0:F1}, max {weights.Max(w => w.Http + w.Hub) / 1024.0:F1} KB total)");
        Console.WriteLine($"whole join until the first remote frame (HTTP, and hub frames with offer, answer and ICE): HTTP {Median(wholeJoins.Select(w => (double)w.Http)) / 1024:F1} KB " +
            $"+ hub frames {Median(wholeJoins.Select(w => (double)w.Hub)) / 1024:F1} KB (median; WebSocket frames counted as payload, without framing)");
        Console.WriteLine($"time from opening the link to the first decoded remote frame: median {Median(sorted):F0} ms, " +
            $"p10 {sorted[(int)(0.1 * (sorted.Count - 1))]:F0}, p90 {sorted[(int)Math.Ceiling(0.9 * (sorted.Count - 1))]:F0}, min {sorted[0]:F0}, max {sorted[^1]:F0} ms");
    }

    /// <summary>The bench worker's call page in a context of its own that admits every guest at once (plus an optional script run first in the page).</summary>
    internal static async Task<IPage> OpenWorkerAsync(IBrowser browser, BenchApp app, long conversationId, string? initScript = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        await context.AddInitScriptAsync(AutoAdmitScript);
        if (initScript is not null)
        {
            await context.AddInitScriptAsync(initScript);
        }
        var page = await context.NewPageAsync();
        await page.GotoAsync("/aanmelden");
        await page.GetByLabel("Gebruikersnaam").FillAsync("bench");
        await page.GetByLabel("Wachtwoord").FillAsync(BenchApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        // Polls the address: a wait for the next navigation event can miss a redirect that came first.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/gezinnen$"), new() { Timeout = 60_000 });
        await page.GotoAsync($"/gesprekken/{conversationId}/video");
        // A state, with room for a loaded machine (the default 5 s once failed under load).
        await Assertions.Expect(page.Locator("#call-status")).ToHaveTextAsync("Wachten op deelnemers…", new() { Timeout = 60_000 });
        return page;
    }

    private static async Task<(Bytes AtPreview, Bytes AtFirstFrame, double FirstFrameMs, List<(string Url, long Bytes)> Resources)> JoinOnceAsync(IBrowser browser, string url)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = "nl-NL",
        });
        await context.AddInitScriptAsync(FirstRemoteFrameScript);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        var urls = new Dictionary<string, string>();
        var resources = new List<(string Url, long Bytes)>();
        long http = 0, hub = 0;
        var counting = true;
        cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
            urls[e!.Value.GetProperty("requestId").GetString()!] = e.Value.GetProperty("request").GetProperty("url").GetString()!;
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (!counting) return;
            var bytes = e!.Value.GetProperty("encodedDataLength").GetInt64();
            http += bytes;
            resources.Add((urls.GetValueOrDefault(e.Value.GetProperty("requestId").GetString()!, "?"), bytes));
        };
        void CountFrame(object? _, JsonElement? e)
        {
            if (counting) hub += e!.Value.GetProperty("response").GetProperty("payloadData").GetString()!.Length;
        }
        cdp.Event("Network.webSocketFrameReceived").OnEvent += CountFrame;
        cdp.Event("Network.webSocketFrameSent").OnEvent += CountFrame;
        await cdp.SendAsync("Network.enable");

        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => ['preview', 'self'].some((id) => (document.getElementById(id)?.videoWidth ?? 0) > 0)",
            null, new() { PollingInterval = 10, Timeout = 20000 });
        await Task.Delay(50); // let loadingFinished events of the last responses arrive
        var (httpAtPreview, hubAtPreview) = (http, hub);
        try
        {
            await page.WaitForFunctionAsync("() => window.__firstRemoteFrame !== undefined", null, new() { PollingInterval = 10, Timeout = 20000 });
            counting = false; // the whole join: HTTP, hub frames (offer, answer, ICE) until the worker is seen
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = "/tmp/join-guest.png" });
            throw;
        }
        var firstFrame = await page.EvaluateAsync<double>("() => window.__firstRemoteFrame");
        await page.EvaluateAsync("() => window.gesprekCall.leave()");
        await context.CloseAsync();
        return (new(httpAtPreview, hubAtPreview), new(http, hub), firstFrame, resources);
    }

    private readonly record struct Bytes(long Http, long Hub);

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
