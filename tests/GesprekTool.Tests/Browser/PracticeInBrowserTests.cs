using GesprekTool.Practice;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// A trainer plans a practice conversation; one worker conducts it on the real conversation page, one
/// plays the parent from the persona card and one observes with the live rubric. The card follows the
/// conductor's section, the taps land in the debrief under the section they were made in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PracticeInBrowserTests(ChromiumBrowser chromium, PostgresServer postgres)
    : BrowserTestBase(chromium, postgres, viewportHeight: 900)
{
    [Fact]
    public async Task Conductor_parent_and_observer_practise_and_the_taps_land_in_the_debrief_under_their_sections()
    {
        await World.UserAsync("ido", Roles.Trainer);
        foreach (var name in new[] { "sanne", "youssef", "emre", "buiten" })
        {
            await World.UserAsync(name, Roles.Worker);
        }

        // The trainer plans it with the form.
        await SignInAsync("ido", GesprekTool.Coaching.CoachingListPage.Url());
        await Page.GotoAsync(PracticeListPage.Url());
        await Page.GetByLabel("Moeder met geldzorgen die zich schaamt").CheckAsync();
        await Page.GetByLabel("Gevorderd").CheckAsync();
        await Page.GetByLabel("Gespreksvoerder (voert het gesprek)").SelectOptionAsync(new SelectOptionValue { Label = "sanne (test)" });
        await Page.GetByLabel("Speelt de ouder").SelectOptionAsync(new SelectOptionValue { Label = "youssef (test)" });
        await Page.GetByLabel("Waarnemer (scoort live)").SelectOptionAsync(new SelectOptionValue { Label = "emre (test)" });
        await ScreenshotsAsync("practice-plan");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Oefensessie plannen" }).ClickAsync();
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Oefengesprek: Moeder met geldzorgen die zich schaamt");
        var practiceUrl = new Uri(Page.Url).AbsolutePath;

        // Someone not in it does not find it.
        var outsider = await SignedInElsewhereAsync("buiten", GesprekTool.Households.Caseload.Url());
        Assert.Equal(404, (await outsider.GotoAsync(practiceUrl))!.Status);

        // The conductor begins: the real conversation page opens on the first section; she starts the
        // video call from it, with the script beside the video as with a family.
        var sanne = await SignedInElsewhereAsync("sanne", GesprekTool.Households.Caseload.Url(), width: 1280);
        await sanne.GotoAsync(practiceUrl);
        await sanne.GetByRole(AriaRole.Button, new() { Name = "Oefengesprek beginnen" }).ClickAsync();
        await Assertions.Expect(sanne.Locator("#deel-titel")).ToHaveTextAsync("Gezin");
        await sanne.GetByRole(AriaRole.Link, new() { Name = "Videogesprek" }).ClickAsync();
        await sanne.GetByRole(AriaRole.Button, new() { Name = "Videogesprek starten" }).ClickAsync();
        await Assertions.Expect(sanne.Locator("#call-status")).ToHaveTextAsync("Wachten op deelnemers…");
        var script = sanne.FrameLocator("iframe.script-panel");
        await Assertions.Expect(script.Locator("#deel-titel")).ToHaveTextAsync("Gezin");

        // The parent's card follows the conductor's section; the parent joins the call through the waiting room.
        var youssef = await SignedInElsewhereAsync("youssef", GesprekTool.Households.Caseload.Url());
        await youssef.GotoAsync(practiceUrl);
        await Assertions.Expect(youssef.Locator("#zeggen-kop")).ToContainTextAsync("Gezin", new() { Timeout = 10_000 });
        await Assertions.Expect(youssef.Locator(".persona-card")).ToContainTextAsync("Wat alleen u weet");
        await youssef.GetByRole(AriaRole.Button, new() { Name = "Meedoen aan het videogesprek" }).ClickAsync();
        var parentCall = await CallFrameAsync(youssef);
        await Assertions.Expect(CallPages.Room(sanne).Locator(".waiting-guest")).ToContainTextAsync("Gezin wacht in de wachtkamer", new() { Timeout = 15_000 });
        await CallPages.Room(sanne).GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(parentCall, peers: 1);
        // One page: the call beside the card, so the card follows the conductor while the video runs.
        await youssef.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("practice-parent-card-and-call") });
        var card = (await youssef.Locator(".persona-card").BoundingBoxAsync())!;
        var call = (await youssef.Locator("#practice-call-frame").BoundingBoxAsync())!;
        Assert.True(call.X >= card.X + card.Width, $"the call (x {call.X:0}) is beside the card (x {card.X:0} to {card.X + card.Width:0})");

        // The observer joins the call as "waarnemer" and keeps the rubric beside it.
        var emre = await SignedInElsewhereAsync("emre", GesprekTool.Households.Caseload.Url());
        await emre.GotoAsync(practiceUrl);
        await emre.GetByRole(AriaRole.Button, new() { Name = "Meedoen aan het videogesprek" }).ClickAsync();
        var observerCall = await CallFrameAsync(emre);
        await Assertions.Expect(observerCall.Locator("#check")).ToContainTextAsync("U kijkt mee als waarnemer");
        await Assertions.Expect(CallPages.Room(sanne).Locator(".waiting-guest")).ToContainTextAsync("Waarnemer wacht in de wachtkamer", new() { Timeout = 15_000 });
        await CallPages.Room(sanne).GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(sanne, peers: 2);
        await CallPages.ExpectLiveVideoAsync(observerCall, peers: 2);
        await ChromiumBrowser.ScreenshotsAsync(emre, "practice-observer-call-and-rubric");

        // On a phone: two tabs; the video runs on while the observer scores.
        await emre.SetViewportSizeAsync(360, 640);
        await Assertions.Expect(emre.GetByRole(AriaRole.Tab, new() { Name = "Videogesprek" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(emre.Locator("#paneel-oefening")).ToBeHiddenAsync();
        await emre.GetByRole(AriaRole.Tab, new() { Name = "Scoren" }).ClickAsync();
        await Assertions.Expect(emre.Locator("#paneel-video")).ToBeHiddenAsync();
        await Assertions.Expect(emre.GetByRole(AriaRole.Button, new() { Name = "Open vraag" })).ToBeVisibleAsync();
        await emre.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("practice-observer-phone-rubric-tab") });
        await CallPages.ExpectLiveVideoAsync(observerCall, peers: 2);

        // A reload (or a live connection started again) takes the observer straight back into the call.
        await emre.ReloadAsync();
        observerCall = await CallFrameAsync(emre);
        await CallPages.ExpectLiveVideoAsync(observerCall, peers: 2);
        await Assertions.Expect(CallPages.Room(sanne).Locator(".waiting-guest")).ToHaveCountAsync(0);
        await emre.SetViewportSizeAsync(1000, 800);
        // Pressing "join" again while in the call shows the call; it does not knock a second time.
        await emre.GetByRole(AriaRole.Button, new() { Name = "Meedoen aan het videogesprek" }).ClickAsync();
        await CallPages.ExpectLiveVideoAsync(observerCall, peers: 2);
        await Assertions.Expect(CallPages.Room(sanne).Locator(".waiting-guest")).ToHaveCountAsync(0);
        await ChromiumBrowser.ScreenshotsAsync(sanne, "practice-call-conductor");

        // The observer taps while the conductor is in "Gezin".
        await Assertions.Expect(emre.Locator("#huidig-deel")).ToHaveTextAsync("Gezin", new() { Timeout = 10_000 });
        await TapAsync(emre, "open-vraag", "Open vraag", 1);
        await TapAsync(emre, "open-vraag", "Open vraag", 2);
        await TapAsync(emre, "simpele-reflectie", "Simpele reflectie", 1);

        // The conductor moves to "Persoonlijk"; the parent's lines follow without a reload.
        await script.Locator("nav.sections").GetByRole(AriaRole.Link, new() { Name = "Persoonlijk" }).ClickAsync();
        await Assertions.Expect(script.Locator("#deel-titel")).ToHaveTextAsync("Persoonlijk");
        await Assertions.Expect(youssef.Locator("#zeggen-kop")).ToContainTextAsync("Persoonlijk", new() { Timeout = 10_000 });
        await Assertions.Expect(youssef.Locator("[data-question='persoonlijk-geld'] blockquote"))
            .ToHaveTextAsync("Ja hoor, het gaat wel. (Kijkt weg.) Waarom vraagt u dat?");
        await ChromiumBrowser.ScreenshotsAsync(youssef, "practice-persona-card");

        await Assertions.Expect(emre.Locator("#huidig-deel")).ToHaveTextAsync("Persoonlijk", new() { Timeout = 10_000 });
        await TapAsync(emre, "complexe-reflectie", "Complexe reflectie", 1);
        await TapAsync(emre, "gesloten-vraag", "Gesloten vraag", 1);
        await emre.GetByRole(AriaRole.Button, new() { Name = "Laatste tik ongedaan maken" }).ClickAsync();
        await Assertions.Expect(emre.Locator("[data-tally='gesloten-vraag']")).ToHaveTextAsync("0");
        await emre.Locator("fieldset.rating", new() { HasText = "Partnerschap" }).GetByText("4", new() { Exact = true }).ClickAsync();
        await emre.Locator("fieldset.rating", new() { HasText = "Empathie" }).GetByText("5", new() { Exact = true }).ClickAsync();
        await emre.GetByRole(AriaRole.Button, new() { Name = "Beoordeling opslaan" }).ClickAsync();
        await Assertions.Expect(emre.Locator(".notice")).ToContainTextAsync("Uw beoordeling is opgeslagen.");
        await ChromiumBrowser.ScreenshotsAsync(emre, "practice-rubric");

        // The conductor answers a question so the script's coverage shows, then ends the practice.
        await script.Locator("input[name='a.persoonlijk-geld'][value='nee']").CheckAsync();
        await Assertions.Expect(script.Locator("[data-question='persoonlijk-geld'] .save-status")).ToContainTextAsync("Opgeslagen");
        await sanne.GotoAsync(practiceUrl);
        await sanne.GetByRole(AriaRole.Button, new() { Name = "Oefening afronden en nabespreken" }).ClickAsync();
        await Assertions.Expect(sanne.Locator("h1")).ToHaveTextAsync("Nabespreking: Moeder met geldzorgen die zich schaamt");

        // The debrief: taps under the sections they were made in, ratios beside the thresholds.
        var gezin = sanne.Locator("ol.timeline > li[data-section='gezin']");
        var persoonlijk = sanne.Locator("ol.timeline > li[data-section='persoonlijk']");
        await Assertions.Expect(gezin.Locator(".taps li")).ToHaveCountAsync(3);
        await Assertions.Expect(gezin).ToContainTextAsync("Open vraag");
        await Assertions.Expect(gezin).ToContainTextAsync("Simpele reflectie");
        await Assertions.Expect(persoonlijk.Locator(".taps li")).ToHaveCountAsync(1);
        await Assertions.Expect(persoonlijk).ToContainTextAsync("Complexe reflectie");
        var ratio = sanne.Locator("table.figures tr", new() { HasText = "Reflecties per vraag" });
        await Assertions.Expect(ratio).ToContainTextAsync("1,0"); // two reflections to two questions
        await Assertions.Expect(ratio).ToContainTextAsync("redelijk");
        await Assertions.Expect(sanne.Locator("#dekking-kop + p")).ToContainTextAsync("1 van de");

        await sanne.GetByLabel("Uw notitie (wat ging goed, wat oefent u nog?)").FillAsync("Meer doorvragen bij geld.");
        await sanne.GetByRole(AriaRole.Button, new() { Name = "Notitie opslaan" }).ClickAsync();
        await Assertions.Expect(sanne.Locator(".notice")).ToContainTextAsync("Uw notitie is opgeslagen.");
        await ChromiumBrowser.ScreenshotsAsync(sanne, "practice-debrief");

        // The trainer sees the same debrief with the conductor's note; the outsider does not.
        await Page.GotoAsync(PracticeDebriefPage.Url(long.Parse(practiceUrl.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture)));
        await Assertions.Expect(Page.Locator("article.note")).ToContainTextAsync("Meer doorvragen bij geld.");
        Assert.Equal(404, (await outsider.GotoAsync(practiceUrl + "/nabespreking"))!.Status);
    }

    /// <summary>The practice page's call, in its frame, once the join link has loaded in it.</summary>
    private static async Task<IFrame> CallFrameAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#practice-call-frame")).ToBeVisibleAsync();
        await Assertions.Expect(page.FrameLocator("#practice-call-frame").Locator("#check")).ToBeAttachedAsync();
        return page.Frame("practice-call") ?? throw new Xunit.Sdk.XunitException("no call frame");
    }

    private static async Task TapAsync(IPage page, string key, string title, int expected)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-tally='{key}']")).ToHaveTextAsync(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
