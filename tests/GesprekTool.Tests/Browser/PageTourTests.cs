using GesprekTool.Accounts;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>Every page opens in Chromium for the role it is meant for; screenshots are left in artifacts/screenshots.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageTourTests(ChromiumBrowser chromium, PostgresServer postgres) : IAsyncLifetime
{
    private GesprekToolFactory _app = default!;
    private IBrowserContext _context = default!;
    private IPage _page = default!;
    private TestWorld _world = default!;

    public async Task InitializeAsync()
    {
        _app = await GesprekToolFactory.CreateAsync(DatabaseEngine.Sqlite, postgres, FreePort.Next());
        _app.StartServer();
        _world = new TestWorld(_app.Services);
        _context = await chromium.Browser.NewContextAsync(new() { BaseURL = _app.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.CloseAsync();
        await _app.DisposeAsync();
    }

    private async Task SignInAsync(string userName)
    {
        await _page.GotoAsync("/aanmelden");
        await _page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        await _page.GetByLabel("Wachtwoord").FillAsync(TestWorld.Password);
        await _page.Keyboard.PressAsync("Enter");
        await _page.WaitForURLAsync("**/gezinnen", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    private async Task VisitAsync(string url, string heading, string screenshot)
    {
        await _page.GotoAsync(url);
        await Assertions.Expect(_page.Locator("h1")).ToHaveTextAsync(heading);
        await _page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath(screenshot), FullPage = true });
    }

    [Fact]
    public async Task A_worker_walks_from_the_caseload_through_wrap_up_and_history()
    {
        var worker = await _world.UserAsync("sanne", Roles.Worker);
        var household = await _world.HouseholdAsync(worker, "Gezin Rondleiding");
        var conversation = await _world.ConversationAsync(worker, household);
        await SignInAsync("sanne");

        await VisitAsync("/gezinnen/nieuw", "Gezin toevoegen", "household-form");
        await VisitAsync($"/gesprekken/{conversation.Id}/afronden", $"Gesprek van {DutchDate.Long(conversation.HeldOn)}", "wrap-up");
        await _page.GetByLabel("Toelichting (wie doet wat?)").FillAsync("Laptop aanvragen bij de school");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Actie toevoegen" }).ClickAsync();
        await Assertions.Expect(_page.Locator("table.list")).ToContainTextAsync("Laptop aanvragen bij de school");
        await _page.GetByLabel("Ja").CheckAsync();
        await _page.GetByLabel("Voorkeursmoment").FillAsync("dinsdagmiddag");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Opslaan", Exact = true }).ClickAsync();
        await Assertions.Expect(_page.Locator("[role=status]")).ToHaveTextAsync("Opgeslagen.");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Gesprek afronden" }).ClickAsync();
        await _page.WaitForURLAsync($"**/gezinnen/{household}", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(_page.Locator("table.list")).ToContainTextAsync("Afgerond");
        await VisitAsync($"/gesprekken/{conversation.Id}", $"Gesprek van {DutchDate.Long(conversation.HeldOn)}", "conversation-finished");
        await Assertions.Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Heropenen om te corrigeren" })).ToBeVisibleAsync();
        await VisitAsync($"/gesprekken/{conversation.Id}/geschiedenis", "Geschiedenis van wijzigingen", "history");
    }

    [Fact]
    public async Task An_admin_sees_users_schools_and_the_audit_log_and_a_worker_does_not()
    {
        await _world.UserAsync("beheer", Roles.Admin);
        await _world.UserAsync("sanne", Roles.Worker);
        await _world.SchoolAsync("De Regenboog");
        await SignInAsync("beheer");

        await VisitAsync("/beheer/gebruikers", "Gebruikers", "admin-users");
        await VisitAsync("/beheer/scholen", "Scholen", "admin-schools");
        await VisitAsync("/beheer/auditlog", "Auditlog", "admin-audit-log");
        await Assertions.Expect(_page.Locator("table.list")).ToContainTextAsync("signin");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).ClickAsync();
        await SignInAsync("sanne");
        await VisitAsync("/beheer/auditlog", "Geen toegang", "access-denied");
        await VisitAsync("/gezinnen/424242", "Niet gevonden", "not-found");
    }
}
