using Microsoft.Playwright;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright, headless, with a fake camera and microphone, and with
/// the background services off so it never reaches beyond this machine.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
    ];

    /// <summary>
    /// For Janus inside a test's network namespace: Chromium must offer its plain host addresses
    /// (no mDNS names), and loopback too, and may play the others' sound without a click.
    /// </summary>
    public static readonly string[] GroupVideoArguments =
    [
        "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
        "--autoplay-policy=no-user-gesture-required",
    ];

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium not found at {ExecutablePath}; run ./run-tests.sh, which installs the chromium package.");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>Screenshots of a page at desktop width and on a phone, upright and sideways, for people to look at.</summary>
    public static async Task ScreenshotsAsync(IPage page, string name)
    {
        // Every page a test stops to show is also checked with axe-core (WCAG 2.1 AA).
        await Accessibility.ExpectNoViolationsAsync(page, name);
        var desktop = page.ViewportSize;
        await page.ScreenshotAsync(new() { Path = ScreenshotPath(name), FullPage = true });
        foreach (var (width, height, suffix) in new[] { (360, 640, "phone"), (640, 360, "phone-landscape") })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync(new() { Path = ScreenshotPath($"{name}-{suffix}"), FullPage = true });
            // Phone layouts differ (columns fold, a row scrolls): axe again at each size.
            await Accessibility.ExpectNoViolationsAsync(page, $"{name} ({suffix})");
        }
        await page.SetViewportSizeAsync(desktop!.Width, desktop.Height);
    }

    /// <summary>Where tests leave screenshots for people to look at (not compared by tests).</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumBrowser>, ICollectionFixture<PostgresServer>
{
    public const string Name = "Browser";
}
