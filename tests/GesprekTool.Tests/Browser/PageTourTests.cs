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
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath(screenshot), FullPage = true });
    }

    [Fact]
    public async Task A_worker_walks_from_the_caseload_through_wrap_up_and_history()
    {
        var worker = await World.UserAsync("sanne", Roles.Worker);
        var household = await World.HouseholdAsync(worker, "Gezin Rondleiding");
        var conversation = await World.ConversationAsync(worker, household);
        await SignInAsync("sanne");

        await VisitAsync("/gezinnen/nieuw", "Gezin toevoegen", "household-form");
        await VisitAsync($"/gesprekken/{conversation.Id}/afronden", $"Gesprek van {DutchDate.Long(conversation.HeldOn)}", "wrap-up");
        await Page.GetByLabel("Toelichting (wie doet wat?)").FillAsync("Laptop aanvragen bij de school");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Actie toevoegen" }).ClickAsync();
        await Assertions.Expect(Page.Locator("table.list")).ToContainTextAsync("Laptop aanvragen bij de school");
        await Page.GetByLabel("Ja").CheckAsync();
        await Page.GetByLabel("Voorkeursmoment").FillAsync("dinsdagmiddag");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Opslaan", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator("[role=status]")).ToHaveTextAsync("Opgeslagen.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Gesprek afronden" }).ClickAsync();
        await Page.WaitForURLAsync($"**/gezinnen/{household}", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(Page.Locator("table.list")).ToContainTextAsync("Afgerond");
        await VisitAsync($"/gesprekken/{conversation.Id}", $"Gesprek van {DutchDate.Long(conversation.HeldOn)}", "conversation-finished");
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Heropenen om te corrigeren" })).ToBeVisibleAsync();
        await VisitAsync($"/gesprekken/{conversation.Id}/geschiedenis", "Geschiedenis van wijzigingen", "history");
    }

    [Fact]
    public async Task An_admin_sees_users_schools_and_the_audit_log_and_a_worker_does_not()
    {
        await World.UserAsync("beheer", Roles.Admin);
        await World.UserAsync("sanne", Roles.Worker);
        await World.SchoolAsync("De Regenboog");
        await SignInAsync("beheer");

        await VisitAsync("/beheer/gebruikers", "Gebruikers", "admin-users");
        await VisitAsync("/beheer/scholen", "Scholen", "admin-schools");
        await VisitAsync("/beheer/auditlog", "Auditlog", "admin-audit-log");
        await Assertions.Expect(Page.Locator("table.list")).ToContainTextAsync("signin");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).ClickAsync();
        await SignInAsync("sanne");
        await VisitAsync("/beheer/auditlog", "Geen toegang", "access-denied");
        await VisitAsync("/gezinnen/424242", "Niet gevonden", "not-found");
    }
}
