using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// A worker and a household (and an interpreter) in a real video call: separate Chromium contexts
/// with fake cameras, media decoded on both sides, and the waiting room in between.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VideoCallTests(ChromiumBrowser chromium, PostgresServer postgres) : CallTestBase(chromium, postgres)
{

    [Fact]
    public async Task The_household_waits_until_admitted_and_then_both_sides_decode_video()
    {
        await StartCallAsync();
        var link = await CreateLinkAsync("Link voor het gezin maken");
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("call-worker-link"), FullPage = true });

        var household = await OpenAsGuestAsync(link, "nl-NL");
        await Assertions.Expect(household.Locator("#waiting")).ToContainTextAsync("wachtkamer");
        await Assertions.Expect(Room.Locator(".waiting-guest")).ToContainTextAsync("Gezin wacht in de wachtkamer");
        // The worker notices while typing in the script: title, a live announcement, the waiting room pinned in view.
        await Assertions.Expect(Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(1\) wacht – Videogesprek"));
        await Assertions.Expect(Room.Locator("#knock-announcer")).ToHaveTextAsync("Gezin wacht in de wachtkamer.");
        await Assertions.Expect(Room.Locator("#waiting-room")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("knocking"));
        await Assertions.Expect(Page.Locator("#call-room-frame")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("knocking"));
        await Assertions.Expect(Page.Locator("#call-room-frame")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Assertions.Expect(Room.GetByRole(AriaRole.Button, new() { Name = "Gezin binnenlaten" })).ToBeInViewportAsync();
        await ChromiumBrowser.ScreenshotsAsync(Page, "call-worker-knock");
        var desktop = Page.ViewportSize;
        // On a phone held either way the knock is in view too, above the page, whatever was scrolled.
        foreach (var (width, height) in new[] { (360, 640), (640, 360) })
        {
            await Page.SetViewportSizeAsync(width, height);
            await Page.Mouse.WheelAsync(0, 400);
            await Assertions.Expect(Room.GetByRole(AriaRole.Button, new() { Name = "Gezin binnenlaten" })).ToBeInViewportAsync(new() { Ratio = 1 });
            await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath($"call-worker-knock-{width}x{height}-in-view") });
        }
        await Page.SetViewportSizeAsync(desktop!.Width, desktop.Height);
        await Assertions.Expect(household.Locator("#check-status")).ToHaveTextAsync("Uw camera en microfoon werken.");
        await household.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("guest-waiting-room-phone"), FullPage = true });
        await Accessibility.ExpectNoViolationsAsync(household, "the household's waiting room");

        // Not admitted yet: no media connection exists on either side.
        await Task.Delay(1500);
        Assert.Equal(0, await CallPages.PeerCountAsync(household));
        Assert.Equal(0, await CallPages.PeerCountAsync(Page));

        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(Page, peers: 1);
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
        await Assertions.Expect(Page).Not.ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("wacht"));
        await Assertions.Expect(Room.Locator("#waiting-room")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("knocking"));
        await Assertions.Expect(Page.Locator("#call-status")).ToHaveTextAsync("Verbonden");
        await Assertions.Expect(household.Locator("#call-status")).ToHaveTextAsync("Verbonden");
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("call-worker"), FullPage = true });
        await household.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("guest-call-phone"), FullPage = true });
        await Accessibility.ExpectNoViolationsAsync(household, "the household's call");
        await Accessibility.ExpectNoViolationsAsync(Page, "the worker's call page");
        await Page.SetViewportSizeAsync(390, 844);
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("call-worker-phone"), FullPage = true });

        // Hanging up on the household's side leaves the household, not the call: the worker's side
        // closes that connection, the household is told it left and can come back.
        await household.GetByRole(AriaRole.Button, new() { Name = "Ophangen" }).ClickAsync();
        await Assertions.Expect(household.Locator("#left")).ToContainTextAsync("U heeft het gesprek verlaten");
        await Assertions.Expect(household.Locator("#notice")).ToBeHiddenAsync();
        await Assertions.Expect(household.GetByRole(AriaRole.Button, new() { Name = "Weer meedoen" })).ToBeFocusedAsync();
        await WaitUntilAsync(async () => await CallPages.PeerCountAsync(Page) == 0);
        await household.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("guest-left-phone"), FullPage = true });
        await Accessibility.ExpectNoViolationsAsync(household, "the household after hanging up");

        // "Weer meedoen": straight back into the call, no waiting room, video both ways again.
        await household.GetByRole(AriaRole.Button, new() { Name = "Weer meedoen" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
        await CallPages.ExpectLiveVideoAsync(Page, peers: 1);
        await Assertions.Expect(Room.Locator(".waiting-guest")).ToHaveCountAsync(0);

        var actions = (await App.Services.GetRequiredService<AuditLog>().ReadAsync(null, null, 100)).Select(e => e.Action).ToList();
        Assert.Contains("call.created", actions);
        Assert.Contains("call.link_created", actions);
        Assert.Contains("call.guest_admitted", actions);
    }

    [Fact]
    public async Task Sound_only_on_the_households_phone_stops_video_both_ways_and_keeps_the_sound()
    {
        await StartCallAsync();
        var household = await OpenAsGuestAsync(await CreateLinkAsync("Link voor het gezin maken"), "nl-NL");
        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
        await CallPages.ExpectLiveVideoAsync(Page, peers: 1);

        await household.GetByRole(AriaRole.Button, new() { Name = "Alleen geluid" }).ClickAsync();
        await CallPages.ExpectSoundOnlyAsync(household);
        await CallPages.ExpectSoundOnlyAsync(Page);

        // Light on data, and still heard: the household's phone sends one packet per 60 ms of sound
        // or fewer (the browser's default is one per 20 ms), and the fake microphone's tone arrives
        // at the worker's side with its energy.
        var sent = await household.EvaluateAsync<double[]>(CallPages.AudioSentScript);
        double[] later = sent;
        await WaitUntilAsync(async () => (later = await household.EvaluateAsync<double[]>(CallPages.AudioSentScript))[1] >= sent[1] + 3);
        var packetsPerSecondOfSound = (later[0] - sent[0]) / (later[1] - sent[1]);
        Assert.InRange(packetsPerSecondOfSound, 0.1, 1000.0 / 60 * 1.1);
        var heard = await Page.EvaluateAsync<double>(CallPages.AudioEnergyHeardScript);
        await WaitUntilAsync(async () => await Page.EvaluateAsync<double>(CallPages.AudioEnergyHeardScript) > heard + 0.01);
        await Assertions.Expect(household.GetByRole(AriaRole.Button, new() { Name = "Weer met beeld" })).ToBeVisibleAsync();
        await ChromiumBrowser.ScreenshotsAsync(household, "guest-sound-only");

        await household.GetByRole(AriaRole.Button, new() { Name = "Weer met beeld" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
        await CallPages.ExpectLiveVideoAsync(Page, peers: 1);

        // Video is capped for mobile data on both sides (the figures are in docs/performance.md).
        const string caps = "() => [...window.gesprekCall.peers.values()].flatMap((p) => p.pc.getSenders())" +
            ".filter((s) => s.track?.kind === 'video').map((s) => s.getParameters().encodings[0]?.maxBitrate ?? 0)";
        Assert.Equal(new[] { 120_000 }, await household.EvaluateAsync<int[]>(caps));
        Assert.Equal(new[] { 120_000 }, await Page.EvaluateAsync<int[]>(caps));
    }

    [Fact]
    public async Task A_worker_who_reloads_the_call_page_while_a_family_waits_sees_them_waiting()
    {
        await StartCallAsync();
        var link = await CreateLinkAsync("Link voor het gezin maken");
        var household = await OpenAsGuestAsync(link, "nl-NL");
        await Assertions.Expect(Room.Locator(".waiting-guest")).ToContainTextAsync("Gezin wacht in de wachtkamer");

        await Page.ReloadAsync();
        await Assertions.Expect(Room.Locator(".waiting-guest")).ToContainTextAsync("Gezin wacht in de wachtkamer");
        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
    }

    [Fact]
    public async Task An_admitted_link_opened_on_a_second_device_knocks_in_the_waiting_room_and_the_first_stays()
    {
        await StartCallAsync();
        var link = await CreateLinkAsync("Link voor het gezin maken");
        var phone = await OpenAsGuestAsync(link, "nl-NL");
        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(phone, peers: 1);

        // The same phone reloading goes straight back into the call.
        await phone.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await CallPages.ExpectLiveVideoAsync(phone, peers: 1);

        // The link forwarded to another device: a new knock, no media until the worker decides.
        var other = await OpenAsGuestAsync(link, "nl-NL");
        await Assertions.Expect(other.Locator("#waiting")).ToContainTextAsync("wachtkamer");
        await Assertions.Expect(Room.Locator(".waiting-guest")).ToContainTextAsync("Gezin wacht in de wachtkamer");
        await Task.Delay(1000);
        Assert.Equal(0, await CallPages.PeerCountAsync(other));

        // Turning that device away leaves the household's phone in the call, with a working link.
        await Room.GetByRole(AriaRole.Button, new() { Name = "Weigeren" }).ClickAsync();
        await Assertions.Expect(other.Locator("#notice")).Not.ToBeEmptyAsync();
        await CallPages.ExpectLiveVideoAsync(phone, peers: 1);
        await phone.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await CallPages.ExpectLiveVideoAsync(phone, peers: 1);
    }

    [Fact]
    public async Task A_declined_guest_never_connects_and_the_link_stops_working()
    {
        await StartCallAsync();
        var link = await CreateLinkAsync("Link voor het gezin maken");
        var household = await OpenAsGuestAsync(link, "en-GB");
        await Assertions.Expect(household.Locator("#waiting")).ToContainTextAsync("You are in the waiting room");

        await Room.GetByRole(AriaRole.Button, new() { Name = "Weigeren" }).ClickAsync();
        await Assertions.Expect(household.Locator("#notice")).ToContainTextAsync("did not let you in this time");
        await Assertions.Expect(Room.Locator("#waiting-list")).ToContainTextAsync("Er wacht niemand.");
        Assert.Equal(0, await CallPages.PeerCountAsync(household));
        Assert.Equal(0, await CallPages.PeerCountAsync(Page));

        var response = await household.GotoAsync(link, DomReady);
        Assert.Equal(410, response!.Status);
        await Assertions.Expect(household.Locator(".notice")).ToHaveTextAsync("This link no longer works. Ask your family worker for a new link.");
    }

    [Fact]
    public async Task An_interpreter_joins_a_three_way_call()
    {
        await StartCallAsync(homeLanguage: "tr");
        var householdLink = await CreateLinkAsync("Link voor het gezin maken");
        var interpreterLink = await CreateLinkAsync("Link voor een tolk maken");
        await Assertions.Expect(Room.Locator(".link-card").First).ToContainTextAsync("U bent gevraagd als tolk");
        await Assertions.Expect(Room.Locator(".link-card").Nth(1)).ToContainTextAsync("Türkçe");

        var household = await OpenAsGuestAsync(householdLink, "tr-TR");
        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);

        var interpreter = await OpenAsGuestAsync(interpreterLink, "nl-NL");
        await Assertions.Expect(interpreter.Locator("#check")).ToContainTextAsync("U bent gevraagd als tolk");
        await Assertions.Expect(Room.Locator(".waiting-guest")).ToContainTextAsync("Tolk wacht in de wachtkamer");
        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();

        await CallPages.ExpectLiveVideoAsync(Page, peers: 2);
        await CallPages.ExpectLiveVideoAsync(household, peers: 2);
        await CallPages.ExpectLiveVideoAsync(interpreter, peers: 2);
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("call-worker-three-way"), FullPage = true });

        // The worker ends the call: both guests are told, and the conversation stays open.
        Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Gesprek beëindigen" }).ClickAsync();
        await Assertions.Expect(household.Locator("#notice")).ToContainTextAsync("Görüşme sona erdi");
        await Assertions.Expect(interpreter.Locator("#notice")).ToContainTextAsync("Het gesprek is afgelopen");
        await Assertions.Expect(Page.Locator("#call-over")).ToContainTextAsync("Het gesprek zelf is nog open");
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("call-worker-ended"), FullPage = true });
        Assert.EndsWith("/video", Page.Url); // ended through the hub, without a page reload
        var again = await interpreter.GotoAsync(interpreterLink, DomReady);
        Assert.Equal(410, again!.Status);
        await Assertions.Expect(interpreter.Locator(".notice")).ToContainTextAsync("Het gesprek is afgelopen");
        // Tapping a language after the end says the call ended, in that language, and is never taken for guessing.
        for (var i = 0; i < 25; i++)
        {
            var tapped = await household.GotoAsync(householdLink + "?taal=tr", DomReady);
            Assert.Equal(410, tapped!.Status);
        }
        await Assertions.Expect(household.Locator(".notice")).ToContainTextAsync("Görüşme sona erdi");
    }

    [Fact]
    public async Task Revoking_the_link_of_a_household_in_the_call_takes_them_out_at_once()
    {
        await StartCallAsync();
        var link = await CreateLinkAsync("Link voor het gezin maken");
        var household = await OpenAsGuestAsync(link, "nl-NL");
        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);

        Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await Room.Locator(".link-card").First.GetByRole(AriaRole.Button, new() { Name = "Intrekken" }).ClickAsync();

        await WaitUntilAsync(async () => await CallPages.PeerCountAsync(Page) == 0);
        await WaitUntilAsync(async () => await CallPages.PeerCountAsync(household) == 0);
        await Assertions.Expect(household.Locator("#notice")).Not.ToBeEmptyAsync();
    }

    [Fact]
    public async Task Expired_revoked_and_unknown_links_give_the_clear_page_in_the_chosen_language()
    {
        await StartCallAsync();
        var revoked = await CreateLinkAsync("Link voor het gezin maken");
        var expired = await CreateLinkAsync("Link voor een tolk maken");
        Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await Room.Locator(".link-card").Nth(1).GetByRole(AriaRole.Button, new() { Name = "Intrekken" }).ClickAsync();
        await Assertions.Expect(Room.Locator(".link-card.revoked")).ToHaveCountAsync(1);
        await using (var connection = await App.Services.GetRequiredService<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE call_links SET expires_at = @past WHERE role = 'tolk'", new { past = DateTimeOffset.UtcNow.AddMinutes(-1) });
        }

        var guest = await NewGuestPageAsync("nl-NL");
        foreach (var url in new[] { revoked, expired, revoked[..^5] + "AAAAA", $"{App.BaseAddress}j/kort" })
        {
            var response = await guest.GotoAsync(url, DomReady);
            Assert.Equal(410, response!.Status);
            await Assertions.Expect(guest.Locator(".notice")).ToHaveTextAsync("Deze link werkt niet meer. Vraag uw hulpverlener om een nieuwe link.");
            Assert.DoesNotContain("Gezin", await guest.Locator("main").InnerTextAsync());
        }

        await guest.GotoAsync(revoked + "?taal=ar", DomReady);
        await Assertions.Expect(guest.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(guest.Locator(".notice")).ToHaveTextAsync("هذا الرابط لم يعد يعمل. اطلب من الأخصائي/ة الاجتماعي/ة رابطًا جديدًا.");
        await guest.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("guest-link-invalid-arabic"), FullPage = true });
    }

    [Fact]
    public async Task A_guest_page_in_arabic_is_right_to_left_and_waits()
    {
        await StartCallAsync(homeLanguage: "ar");
        var link = await CreateLinkAsync("Link voor het gezin maken");
        var household = await OpenAsGuestAsync(link, "nl-NL");
        // The household's home language is the default; the guest can switch.
        await Assertions.Expect(household.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        // The worker's copy of the Arabic invitation is marked Arabic and right to left, and says who sends it.
        var arabic = Room.Locator(".link-card .invitation p[lang=ar]");
        await Assertions.Expect(arabic).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(arabic).ToContainTextAsync("sanne");
        await Assertions.Expect(Room.Locator(".link-card .invitation p[lang=nl]")).ToContainTextAsync("U krijgt dit bericht van sanne, uw hulpverlener bij JES Rijnland.");
        await Assertions.Expect(household.Locator("#waiting")).ToContainTextAsync("أنت في غرفة الانتظار");
        await household.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("guest-waiting-room-arabic"), FullPage = true });
        await household.GetByRole(AriaRole.Link, new() { Name = "Polski" }).ClickAsync();
        await Assertions.Expect(household.Locator("#waiting")).ToContainTextAsync("Są Państwo w poczekalni");
        await Assertions.Expect(Room.Locator(".waiting-guest")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_hub_message_from_a_guest_who_was_not_admitted_is_refused_and_logged()
    {
        await StartCallAsync();
        var link = await CreateLinkAsync("Link voor het gezin maken");
        var household = await OpenAsGuestAsync(link, "nl-NL");
        await Assertions.Expect(household.Locator("#waiting")).ToBeVisibleAsync();

        var workerId = $"w{(await App.Services.GetRequiredService<UserStore>().FindByUserNameAsync("sanne"))!.Id}";
        var error = await household.EvaluateAsync<string>(
            "async (to) => { try { await window.gesprekCall.connection.invoke('Signal', to, { description: { type: 'offer', sdp: 'x' } }); return 'sent'; } catch (e) { return 'refused'; } }",
            workerId);
        Assert.Equal("refused", error);
        Assert.Equal(0, await CallPages.PeerCountAsync(Page));
        var refusals = await App.Services.GetRequiredService<AuditLog>().ReadAsync("call", null, 50);
        Assert.Contains(refusals, e => e.Action == "call.message_refused");
    }
}
