using GesprekTool.Accounts;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>Every page opens in Chromium for the role it is meant for; screenshots are left in artifacts/screenshots.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageTourTests(ChromiumBrowser chromium, PostgresServer postgres) : BrowserTestBase(chromium, postgres)
{
    private async Task VisitAsync(string url, string heading, string screenshot)
    {
        await Page.GotoAsync(url);
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync(heading);
        await Accessibility.ExpectNoViolationsAsync(Page, screenshot);
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath(screenshot), FullPage = true });
    }

    [Fact]
    public async Task A_worker_reads_the_script_in_arabic_beside_the_dutch_for_an_arabic_household()
    {
        var worker = await World.UserAsync("sanne", Roles.Worker);
        var conversation = await World.ConversationAsync(worker, await World.HouseholdAsync(worker, "Gezin Arabisch", "ar"));
        await SignInAsync("sanne");

        await Page.GotoAsync(ConversationPage.Url(conversation.Id, "school"));
        await Assertions.Expect(Page.Locator("#vraag-school-wifi .translation")).ToHaveTextAsync("هل يوجد اتصال واي فاي يعمل في البيت؟");
        await Assertions.Expect(Page.Locator("#vraag-school-wifi .option-translation").First).ToHaveTextAsync("نعم");
        await ChromiumBrowser.ScreenshotsAsync(Page, "conversation-arabic-household");
    }

    [Fact]
    public async Task A_worker_reads_the_caseload_on_a_phone_and_the_script_beside_the_video_starts_with_the_questions()
    {
        var worker = await World.UserAsync("sanne", Roles.Worker);
        var household = await World.HouseholdAsync(worker, "Gezin Treinreis");
        var conversation = await World.ConversationAsync(worker, household);
        await SignInAsync("sanne");

        await Page.SetViewportSizeAsync(360, 640);
        await Page.GotoAsync(Caseload.Url());
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Gezin Treinreis" })).ToBeVisibleAsync();
        Assert.False(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"),
            "the caseload scrolls sideways on a phone");
        // The menu is one row, the worker's name one line.
        var menu = (await Page.Locator("header nav ul").BoundingBoxAsync())!;
        var item = (await Page.Locator("header nav ul li").First.BoundingBoxAsync())!;
        Assert.True(menu.Height < item.Height * 1.5, $"the menu takes {menu.Height:0} px for items of {item.Height:0} px");
        var name = (await Page.Locator("header .who").BoundingBoxAsync())!;
        Assert.True(name.Height < 40, $"the worker's name takes {name.Height:0} px");
        await Assertions.Expect(Page.Locator("td[data-label='Thuistaal']").First).ToBeVisibleAsync();
        await ChromiumBrowser.ScreenshotsAsync(Page, "caseload-phone");

        await Page.SetViewportSizeAsync(1280, 800);
        await Page.GotoAsync(GesprekTool.Calls.CallPage.Url(conversation.Id));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Videogesprek starten" }).ClickAsync();
        var script = Page.FrameLocator("iframe.script-panel");
        await Assertions.Expect(script.Locator(".question").First).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("call-script-beside-video") });
        var frameTop = (await Page.Locator("iframe.script-panel").BoundingBoxAsync())!.Y;
        var firstQuestion = (await script.Locator(".question").First.BoundingBoxAsync())!.Y;
        Assert.True(firstQuestion - frameTop < 250, $"question 1 starts {firstQuestion - frameTop:0} px down the script beside the video");
        await Assertions.Expect(script.Locator(".breadcrumb")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_worker_walks_from_the_caseload_through_wrap_up_and_history()
    {
        var worker = await World.UserAsync("sanne", Roles.Worker);
        var household = await World.HouseholdAsync(worker, "Gezin Rondleiding");
        var conversation = await World.ConversationAsync(worker, household);
        await SignInAsync("sanne");

        await VisitAsync(HouseholdForm.NewUrl(), "Gezin toevoegen", "household-form");
        await VisitAsync(WrapUp.Url(conversation.Id), $"Gesprek van {DutchDate.Long(conversation.HeldOn)}", "wrap-up");
        await Page.GetByLabel("Toelichting (wie doet wat?)").FillAsync("Laptop aanvragen bij de school");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Actie toevoegen" }).ClickAsync();
        await Assertions.Expect(Page.Locator("table.list")).ToContainTextAsync("Laptop aanvragen bij de school");
        await Page.GetByLabel("Ja").CheckAsync();
        await Page.GetByLabel("Voorkeursmoment").FillAsync("dinsdagmiddag");
        await Page.Locator("form", new() { Has = Page.GetByLabel("Voorkeursmoment") }).GetByRole(AriaRole.Button, new() { Name = "Opslaan", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator("[role=status]")).ToHaveTextAsync("Opgeslagen.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Gesprek afronden" }).ClickAsync();
        await Arrival.AtAsync(Page, HouseholdDetail.Url(household));
        await Assertions.Expect(Page.Locator("[role=status]")).ToHaveTextAsync("Het gesprek is afgerond.");
        await Assertions.Expect(Page.Locator("table.list")).ToContainTextAsync("Afgerond");
        await VisitAsync(ConversationPage.Url(conversation.Id), $"Gesprek van {DutchDate.Long(conversation.HeldOn)}", "conversation-finished");
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Heropenen om te corrigeren" })).ToBeVisibleAsync();
        await VisitAsync(History.Url(conversation.Id), "Geschiedenis van wijzigingen", "history");

        // Her own figures beside the team's, once there are enough finished conversations to show them.
        for (var i = 0; i < 5; i++)
        {
            await World.FinishedConversationAsync(worker, $"Gezin Cijfers {i}");
        }
        await Page.GetByRole(AriaRole.Link, new() { Name = "Mijn gesprekken" }).ClickAsync();
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Mijn gesprekken");
        await ScreenshotsAsync("my-conversations");
    }

    [Fact]
    public async Task An_admin_sees_users_schools_and_the_audit_log_and_a_worker_does_not()
    {
        await World.UserAsync("beheer", Roles.Admin);
        await World.UserAsync("sanne", Roles.Worker);
        await World.SchoolAsync("De Regenboog");
        await SignInAsync("beheer", UsersPage.Url());

        await VisitAsync(UsersPage.Url(), "Gebruikers", "admin-users");
        await VisitAsync(SchoolsPage.Url(), "Scholen", "admin-schools");
        await VisitAsync(AuditPage.Url(), "Auditlog", "admin-audit-log");
        await Assertions.Expect(Page.Locator("table.list")).ToContainTextAsync("signin");
        await VisitAsync(GesprekTool.Quality.PerWorkerFiguresPage.Url(), "Cijfers per medewerker", "admin-per-worker-figures");
        await Page.GetByLabel("Instemming van de ondernemingsraad (datum en kenmerk van het besluit)").FillAsync("OR-besluit 12-11-2026, OR-2026-31");
        await Page.GetByLabel("De ondernemingsraad heeft ingestemd met cijfers per medewerker voor trainers.").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cijfers per medewerker aanzetten" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#stand-kop")).ToHaveTextAsync("Nu: aan");
        await ScreenshotsAsync("admin-per-worker-figures-on");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).ClickAsync();
        await SignInAsync("sanne");
        await VisitAsync(AuditPage.Url(), "Geen toegang", "access-denied");
        await VisitAsync(HouseholdDetail.Url(424242), "Niet gevonden", "not-found");
    }

    [Fact]
    public async Task A_trainer_sees_the_team_figures_by_week_and_mode_most_skipped_first()
    {
        CurrentUser[] workers = [await World.UserAsync("sanne", Roles.Worker), await World.UserAsync("youssef", Roles.Worker), await World.UserAsync("emre", Roles.Worker)];
        await World.UserAsync("ido", Roles.Trainer);
        for (var i = 0; i < 6; i++)
        {
            await World.FinishedConversationAsync(workers[i % 3], $"Gezin Team {i}");
        }
        await SignInAsync("ido", GesprekTool.Coaching.CoachingListPage.Url());
        await Page.GetByRole(AriaRole.Link, new() { Name = "Gesprekken team" }).ClickAsync();
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Gesprekken van het team");
        // It opens on the last complete week; these conversations were finished this week.
        var thisWeek = GesprekTool.WeeklyReports.ReportWeek.Containing(DateTimeOffset.UtcNow);
        await Page.GetByRole(AriaRole.Link, new() { Name = $"{thisWeek.Title} →" }).ClickAsync();
        await Assertions.Expect(Page.Locator("table.questions-table tbody tr").First.Locator("td").Last).ToContainTextAsync("100");
        await ScreenshotsAsync("team-conversations");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Telefoon" }).ClickAsync();
        await Assertions.Expect(Page.Locator("tr", new() { HasText = "Afgeronde gesprekken" })).ToContainTextAsync("0");
    }

    [Fact]
    public async Task A_coordinator_builds_a_week_downloads_its_pdfs_and_keeps_the_newsletter_tips()
    {
        await World.UserAsync("coord", Roles.Coordinator, Roles.Worker);
        await SignInAsync("coord");
        await VisitAsync(TipsPage.Url(), "Tips voor beeldbellen", "weekly-tips");
        await Page.GetByLabel("Tip").FillAsync("Vraag aan het begin of iedereen elkaar goed kan zien en horen.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Toevoegen" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".plain-list")).ToContainTextAsync("goed kan zien en horen");

        await VisitAsync(WeeklyReportsPage.Url(), "Weekoverzicht", "weekly-reports-empty");
        await Page.GetByRole(AriaRole.Button, new() { Name = "PDF's maken" }).ClickAsync();
        // While Chromium prints, the page says how far it is, document by document.
        await Assertions.Expect(Page.Locator(".build-progress")).ToContainTextAsync("documenten klaar");
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("weekly-reports-building"), FullPage = true });
        await Assertions.Expect(Page.Locator("p.notice[role=status]")).ToContainTextAsync("zijn gemaakt", new() { Timeout = 30000 });
        await Assertions.Expect(Page.Locator("table.list")).ToContainTextAsync("Nieuwsbrief voor collega's");
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("weekly-reports"), FullPage = true });

        var href = await Page.GetByRole(AriaRole.Link, new() { Name = "Weekoverzicht gemeente" }).GetAttributeAsync("href");
        var download = await Page.APIRequest.GetAsync(href!);
        Assert.Equal("application/pdf", download.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await download.BodyAsync())[..4]));

        await Page.GotoAsync(WeeklyReportsPage.Url());
        await Page.GetByRole(AriaRole.Link, new() { Name = "gemeente", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Weekoverzicht gemeente");
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("weekly-preview-municipality"), FullPage = true });
    }

    [Fact]
    public async Task A_worker_marks_an_answer_shareable_or_the_whole_conversation_confidential()
    {
        var worker = await World.UserAsync("sanne", Roles.Worker);
        var conversation = await World.ConversationAsync(worker, await World.HouseholdAsync(worker, "Gezin Delen"));
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<GesprekTool.Conversations.AnswerSaving>(App.Services)
            .SaveAsync(conversation, worker, "verdieping-volhouden", ["De buurvrouw kookt soms voor ons"], 1);
        await SignInAsync("sanne");
        await Page.GotoAsync(WrapUp.Url(conversation.Id));
        await Page.GetByLabel("Wat helpt u om het vol te houden?").CheckAsync();
        await Page.Locator("form", new() { Has = Page.GetByLabel("Dit gesprek is vertrouwelijk") }).GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(Page.GetByLabel("Wat helpt u om het vol te houden?")).ToBeCheckedAsync();
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("wrap-up-sharing"), FullPage = true });

        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<GesprekTool.Conversations.ConversationStore>(App.Services);
        Assert.Equal((false, true), await SharingOf(store, conversation.Id));
        await Page.GetByLabel("Dit gesprek is vertrouwelijk").CheckAsync();
        await Page.Locator("form", new() { Has = Page.GetByLabel("Dit gesprek is vertrouwelijk") }).GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(Page.GetByLabel("Dit gesprek is vertrouwelijk")).ToBeCheckedAsync();
        Assert.Equal((true, true), await SharingOf(store, conversation.Id));
    }

    private static async Task<(bool Confidential, bool Shared)> SharingOf(GesprekTool.Conversations.ConversationStore store, long id)
    {
        var (confidential, shareable) = await store.SharingAsync(id);
        return (confidential, shareable.Contains("verdieping-volhouden"));
    }
}
