using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// The household's page on a small phone, upright (360×640) and on its side (640×360): the waiting
/// message and every call control visible without scrolling, and nothing wider than the screen even
/// with the phone's text at 200 %.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GuestPhoneLayoutTests(ChromiumBrowser chromium, PostgresServer postgres) : CallTestBase(chromium, postgres)
{
    private static readonly (int Width, int Height, string Name)[] Orientations = [(360, 640, "portrait"), (640, 360, "landscape")];

    private static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");

    /// <summary>As the phone's font setting at 200 %: the page's sizes are relative to it.</summary>
    private static Task DoubleTextAsync(IPage page) =>
        page.EvaluateAsync("() => { document.documentElement.style.fontSize = '225%'; }");

    [Fact]
    public async Task The_household_page_does_not_jump_while_it_loads_on_a_small_phone()
    {
        await StartCallAsync();
        var link = await CreateLinkAsync("Link voor het gezin maken");
        var household = await NewGuestPageAsync("nl-NL");
        await household.SetViewportSizeAsync(360, 640);
        // Counted from the very start of the document: every layout shift not caused by a tap.
        await household.AddInitScriptAsync("""
            window.layoutShift = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
            }).observe({ type: 'layout-shift', buffered: true });
            """);

        var page = await household.GotoAsync(link, DomReady);
        // Loaded: in the waiting room, the camera's picture playing in the preview, the SignalR client fetched after the paint.
        await Assertions.Expect(household.Locator("#waiting .waiting")).ToBeVisibleAsync();
        await household.WaitForFunctionAsync("() => document.querySelector('#preview').readyState >= 2 && document.querySelector('#preview').videoWidth > 0");
        await household.EvaluateAsync("() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))");

        var shift = await household.EvaluateAsync<double>("() => window.layoutShift");
        Assert.True(shift < 0.05, $"cumulative layout shift {shift:0.000} while the household's page loaded");
        // The SignalR client is not in the page's markup (it would hold up the first paint); the page fetched it itself.
        Assert.DoesNotMatch("<script src=\"[^\"]*signalr", await page!.TextAsync());
        Assert.True(await household.EvaluateAsync<bool>("() => typeof window.signalR === 'object'"));
    }

    [Fact]
    public async Task The_waiting_message_and_every_call_control_fit_a_small_phone_both_ways_in_three_languages()
    {
        await StartCallAsync(homeLanguage: "ar");
        var link = await CreateLinkAsync("Link voor het gezin maken");
        var household = await OpenAsGuestAsync(link, "ar");
        await Assertions.Expect(household.Locator("#waiting")).ToBeVisibleAsync();
        foreach (var (width, height, name) in Orientations)
        {
            await household.SetViewportSizeAsync(width, height);
            await Assertions.Expect(household.Locator("#waiting .waiting")).ToBeInViewportAsync(new() { Ratio = 1 });
            Assert.False(await ScrollsSidewaysAsync(household), $"waiting room, {name}");
        }
        foreach (var language in new[] { "ar", "nl", "tr" })
        {
            await household.GotoAsync(link + $"?taal={language}", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            await Assertions.Expect(household.Locator("#waiting")).ToBeVisibleAsync();
            await household.SetViewportSizeAsync(360, 640);
            await ChromiumBrowser.ScreenshotsAsync(household, $"guest-waiting-{language}");
        }

        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
        foreach (var (width, height, name) in Orientations)
        {
            await household.SetViewportSizeAsync(width, height);
            await household.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath($"guest-call-tr-{name}") });
            foreach (var control in new[] { "#microphone", "#camera", "#audio-only", "#leave", "#call-status" })
            {
                await Assertions.Expect(household.Locator(control)).ToBeInViewportAsync(new() { Ratio = 1 });
            }
            Assert.False(await ScrollsSidewaysAsync(household), $"call, {name}");
        }
        await household.SetViewportSizeAsync(360, 640);
        await ChromiumBrowser.ScreenshotsAsync(household, "guest-call-tr");
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("tr")]
    [InlineData("ar")]
    public async Task Nothing_scrolls_sideways_with_the_text_at_200_percent(string language)
    {
        await StartCallAsync();
        var household = await OpenAsGuestAsync(await CreateLinkAsync("Link voor het gezin maken") + $"?taal={language}", "nl-NL");
        await Assertions.Expect(household.Locator("#waiting")).ToBeVisibleAsync();
        foreach (var (width, height, name) in Orientations)
        {
            await household.SetViewportSizeAsync(width, height);
            await DoubleTextAsync(household);
            Assert.False(await ScrollsSidewaysAsync(household), $"waiting room, {language}, {name}, text 200 %");
        }
        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
        foreach (var (width, height, name) in Orientations)
        {
            await household.SetViewportSizeAsync(width, height);
            Assert.False(await ScrollsSidewaysAsync(household), $"call, {language}, {name}, text 200 %");
        }
        await household.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath($"guest-call-200-percent-{language}"), FullPage = true });
    }
}
