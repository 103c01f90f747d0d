using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// A phone without a camera, a guest who refuses permission, a browser without WebRTC: each gets a
/// plain explanation in their language instead of a blank screen, and whoever can still talk waits
/// in the waiting room as usual.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GuestMediaProblemTests(ChromiumBrowser chromium, PostgresServer postgres) : CallTestBase(chromium, postgres)
{
    private const string NoCamera =
        """
        const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = (constraints) => constraints.video
          ? Promise.reject(new DOMException('no camera', 'NotFoundError'))
          : original(constraints);
        """;

    private const string PermissionDenied = CallPages.PermissionDeniedScript;

    private const string NoWebRtc = "delete window.RTCPeerConnection;";

    [Fact]
    public async Task Without_a_camera_the_household_joins_with_sound_only_and_still_sees_the_worker()
    {
        await StartCallAsync();
        var household = await OpenWithAsync(NoCamera, await CreateLinkAsync("Link voor het gezin maken"));
        await Assertions.Expect(household.Locator("#check-status")).ToHaveTextAsync("Er is geen camera gevonden. U kunt wel praten en luisteren (alleen geluid).");
        await Assertions.Expect(household.Locator("#waiting")).ToBeVisibleAsync();
        await Assertions.Expect(Room.Locator(".waiting-guest")).ToContainTextAsync("Gezin wacht in de wachtkamer (zonder camera: alleen geluid)");
        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
    }

    [Fact]
    public async Task A_guest_who_refused_the_camera_is_told_how_to_allow_it_in_their_language()
    {
        await StartCallAsync(homeLanguage: "pl");
        var household = await OpenWithAsync(PermissionDenied, await CreateLinkAsync("Link voor het gezin maken"));
        await Assertions.Expect(household.Locator("#check-status")).ToContainTextAsync("Nie zezwolono na użycie kamery lub mikrofonu");
        await Assertions.Expect(household.GetByRole(AriaRole.Button, new() { Name = "Spróbuj ponownie" })).ToBeVisibleAsync();
        // Short numbered steps for a computer's browser, and no waiting-room words while the camera is refused.
        await Assertions.Expect(household.Locator("#permission-steps li")).ToHaveCountAsync(3);
        await Assertions.Expect(household.Locator("#permission-steps li").First).ToHaveTextAsync("Proszę kliknąć ikonę po lewej stronie adresu.");
        await Assertions.Expect(household.Locator("#waiting")).ToBeHiddenAsync();
        await ChromiumBrowser.ScreenshotsAsync(household, "guest-permission-denied-polish");
        // The worker already sees the knock, and what is missing.
        await Assertions.Expect(Room.Locator(".waiting-guest")).ToContainTextAsync("geen camera en geen microfoon");

        await household.GetByRole(AriaRole.Button, new() { Name = "Dalej bez kamery i mikrofonu" }).ClickAsync();
        await Assertions.Expect(household.Locator("#waiting")).ToBeVisibleAsync();
        await Assertions.Expect(household.Locator("#permission-help")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task On_an_iphone_the_steps_are_the_ones_for_Safari()
    {
        await StartCallAsync();
        const string iphone = "Object.defineProperty(navigator, 'userAgent', { get: () => 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1' });";
        var household = await OpenWithAsync(iphone + PermissionDenied, await CreateLinkAsync("Link voor het gezin maken"));
        await Assertions.Expect(household.Locator("#permission-steps li").First).ToHaveTextAsync("Tik in de adresbalk op aA.");
        await Assertions.Expect(household.Locator("#waiting")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_browser_without_webrtc_gets_an_explanation_not_a_blank_page()
    {
        await StartCallAsync();
        var household = await OpenWithAsync(NoWebRtc, await CreateLinkAsync("Link voor het gezin maken"));
        await Assertions.Expect(household.Locator("#notice")).ToHaveTextAsync(
            "Deze browser kan geen videogesprek voeren. Open de link in Chrome, Firefox of Safari, of vraag uw hulpverlener om u te bellen.");
    }

    private async Task<IPage> OpenWithAsync(string script, string link)
    {
        var page = await NewGuestPageAsync("nl-NL");
        await page.Context.AddInitScriptAsync(script);
        await page.GotoAsync(link, DomReady);
        return page;
    }
}
