using GesprekTool.Calls;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// Every state the household's page can be in, in Dutch, Arabic (right to left) and Tigrinya (Ge'ez
/// script): checked with axe-core on a phone upright and on its side, with the state's message and
/// controls in view, and left as screenshots for people to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GuestStatesTests(ChromiumBrowser chromium, PostgresServer postgres) : CallTestBase(chromium, postgres)
{
    private const string PermissionDenied = CallPages.PermissionDeniedScript;

    [Theory]
    [InlineData("nl")]
    [InlineData("ar")]
    [InlineData("ti")]
    public async Task Every_household_state_is_accessible_and_in_view_on_a_phone_both_ways(string language)
    {
        var texts = GuestTexts.Find(language)!;
        await StartCallAsync(homeLanguage: language);
        var link = await CreateLinkAsync("Link voor het gezin maken");

        // Camera refused: the steps, no waiting-room words.
        var refusing = await NewGuestPageAsync("nl-NL");
        await refusing.Context.AddInitScriptAsync(PermissionDenied);
        await refusing.GotoAsync(link, DomReady);
        await Assertions.Expect(refusing.Locator("#permission-steps li")).ToHaveCountAsync(3);
        await Assertions.Expect(refusing.Locator("html")).ToHaveAttributeAsync("lang", language);
        await ExpectStateAsync(refusing, language, "permission", "#check-status", "#retry", "#continue-without");
        await Room.GetByRole(AriaRole.Button, new() { Name = "Weigeren" }).ClickAsync();
        await Assertions.Expect(Room.Locator("#waiting-list")).ToContainTextAsync("Er wacht niemand.");
        await refusing.Context.CloseAsync();

        // That device was turned away; the household's own phone gets a fresh link.
        link = await CreateLinkAsync("Link voor het gezin maken");
        var household = await OpenAsGuestAsync(link, "nl-NL");
        await Assertions.Expect(household.Locator("#waiting")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(texts.Waiting)));
        await ExpectStateAsync(household, language, "waiting", "#waiting .waiting");

        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
        await ExpectStateAsync(household, language, "call", "#call-status", "#microphone", "#camera", "#audio-only", "#leave");

        await household.Locator("#audio-only").ClickAsync();
        await Assertions.Expect(household.Locator("#sound-only-note")).ToBeVisibleAsync();
        await Assertions.Expect(household.Locator("#audio-only")).ToHaveTextAsync(texts.VideoAgain);
        await ExpectStateAsync(household, language, "sound-only", "#sound-only-note", "#microphone", "#audio-only", "#leave");
        await household.Locator("#audio-only").ClickAsync();

        await household.Locator("#leave").ClickAsync();
        await Assertions.Expect(household.Locator("#left")).ToContainTextAsync(texts.Left);
        await ExpectStateAsync(household, language, "left", "#left p", "#rejoin");
        await household.Locator("#rejoin").ClickAsync();
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);

        // The link forwarded to a second phone, and the worker turns it away.
        var other = await OpenAsGuestAsync(link, "nl-NL");
        await Assertions.Expect(other.Locator("#waiting")).ToBeVisibleAsync();
        await Room.GetByRole(AriaRole.Button, new() { Name = "Weigeren" }).ClickAsync();
        await Assertions.Expect(other.Locator("#notice")).ToHaveTextAsync(texts.Declined);
        await ExpectStateAsync(other, language, "declined", "#notice");

        Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Gesprek beëindigen" }).ClickAsync();
        await Assertions.Expect(household.Locator("#notice")).ToHaveTextAsync(texts.Ended);
        await ExpectStateAsync(household, language, "ended", "#notice");

        var reopened = await household.GotoAsync(link, DomReady);
        Assert.Equal(410, reopened!.Status);
        await Assertions.Expect(household.Locator(".notice")).ToHaveTextAsync(texts.Ended);
        await ExpectStateAsync(household, language, "ended-link", ".notice");

        var unknown = await household.GotoAsync(new Uri(new Uri(link), JoinLinks.RelativeJoinUrl(JoinToken.Create()) + $"?taal={language}").ToString(), DomReady);
        Assert.Equal(410, unknown!.Status);
        await Assertions.Expect(household.Locator(".notice")).ToHaveTextAsync(texts.LinkInvalid);
        await ExpectStateAsync(household, language, "link-invalid", ".notice");
    }

    /// <summary>Upright and on its side: a screenshot, no axe violation, the state's own elements wholly in view.</summary>
    private static async Task ExpectStateAsync(IPage page, string language, string state, params string[] inView)
    {
        foreach (var (width, height, orientation) in new[] { (360, 640, "portrait"), (640, 360, "landscape") })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath($"guest-state-{language}-{state}-{orientation}") });
            await Accessibility.ExpectNoViolationsAsync(page, $"the household's page, {state}, {language}, {orientation}");
            foreach (var selector in inView)
            {
                await Assertions.Expect(page.Locator(selector).First).ToBeInViewportAsync(new() { Ratio = 1 });
            }
            Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"),
                $"{state}, {language}, {orientation}: scrolls sideways");
        }
    }
}
