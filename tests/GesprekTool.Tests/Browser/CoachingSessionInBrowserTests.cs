using Dapper;
using GesprekTool.Coaching;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// A trainer plans an incidentmethode session and four workers follow it in their own browsers:
/// the chair moves the steps and every page follows, a case with a name is flagged before it is
/// shared, contributions stay hidden until revealed, a poll is answered anonymously, a hand goes up,
/// and an agreement ends on the worker's start page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CoachingSessionInBrowserTests(ChromiumBrowser chromium, PostgresServer postgres)
    : BrowserTestBase(chromium, postgres, viewportHeight: 900)
{
    private Task<IPage> SignedInWorkerAsync(string userName) => SignedInElsewhereAsync(userName, Caseload.Url());

    private static Task ShowsStepAsync(IPage page, string title) =>
        Assertions.Expect(page.Locator("#stap")).ToHaveTextAsync(title, new() { Timeout = 10_000 });

    [Fact]
    public async Task Four_workers_follow_an_incidentmethode_session_the_chair_leads()
    {
        await World.UserAsync("ido", Roles.Trainer);
        foreach (var name in new[] { "sanne", "youssef", "emre", "petra" })
        {
            await World.UserAsync(name, Roles.Worker);
        }
        await World.UserAsync("buiten", Roles.Worker);

        // The trainer plans the session with the form.
        await SignInAsync("ido", CoachingListPage.Url());
        await Page.GetByRole(AriaRole.Link, new() { Name = "Sessie plannen" }).ClickAsync();
        await Page.GetByLabel("Titel").FillAsync("Doorvragen over geld");
        foreach (var name in new[] { "sanne", "youssef", "emre", "petra" })
        {
            await Page.GetByLabel($"{name} (test)", new() { Exact = true }).CheckAsync();
        }
        await Page.GetByLabel("Voorzitter").SelectOptionAsync(new SelectOptionValue { Label = "sanne (test)" });
        await Page.GetByLabel("Inbrenger").SelectOptionAsync(new SelectOptionValue { Label = "youssef (test)" });
        await ScreenshotsAsync("coaching-plan");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sessie plannen" }).ClickAsync();
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Doorvragen over geld");
        var sessionUrl = new Uri(Page.Url).AbsolutePath;

        // Invitees see it on their start page and open it; someone not invited gets "niet gevonden".
        var sanne = await SignedInWorkerAsync("sanne");
        await Assertions.Expect(sanne.Locator(".coaching-agenda")).ToContainTextAsync("Doorvragen over geld");
        var youssef = await SignedInWorkerAsync("youssef");
        var emre = await SignedInWorkerAsync("emre");
        var petra = await SignedInWorkerAsync("petra");
        var outsider = await SignedInWorkerAsync("buiten");
        var refused = await outsider.GotoAsync(sessionUrl);
        Assert.Equal(404, refused!.Status);
        IPage[] workers = [sanne, youssef, emre, petra];
        foreach (var page in workers)
        {
            await page.GotoAsync(sessionUrl);
            await Assertions.Expect(page.Locator("h2").First).ToHaveTextAsync("Nog niet begonnen");
        }

        // The trainer starts; every page follows without a reload.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sessie starten" }).ClickAsync();
        foreach (var page in workers.Append(Page))
        {
            await ShowsStepAsync(page, "Terugblik");
        }

        // The trainer makes a guest link; it is shown once, so someone else's change must not take it away.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Gastlink maken" }).ClickAsync();
        var link = await Page.Locator("#gastlink").InputValueAsync();
        await petra.GetByRole(AriaRole.Button, new() { Name = "Hand opsteken" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".participants")).ToContainTextAsync("Hand opgestoken: 1. petra (test)");
        await Assertions.Expect(Page.Locator("#gastlink")).ToHaveValueAsync(link);
        await petra.GetByRole(AriaRole.Button, new() { Name = "Hand laten zakken" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".participants")).Not.ToContainTextAsync("Hand opgestoken");
        await sanne.GetByRole(AriaRole.Button, new() { Name = "Volgende stap: Casussen inbrengen" }).ClickAsync();
        foreach (var page in workers.Append(Page))
        {
            await ShowsStepAsync(page, "Casussen inbrengen");
            await Assertions.Expect(page.Locator(".countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*(9|10):\d\d\s*$"));
        }

        // A late reload lands in the current step with the same countdown.
        await emre.ReloadAsync();
        await ShowsStepAsync(emre, "Casussen inbrengen");

        // A case with a name is flagged first; without it, it is saved but hidden until revealed.
        await youssef.GetByLabel("Uw casus, zonder namen").FillAsync("Ik sprak mevrouw Jansen over de huur; ze schaamt zich.");
        await youssef.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(youssef.Locator(".privacy-flags")).ToContainTextAsync("mevrouw Jansen");
        await Assertions.Expect(youssef.GetByLabel("Uw casus, zonder namen")).ToHaveValueAsync("Ik sprak mevrouw Jansen over de huur; ze schaamt zich.");
        await youssef.GetByLabel("Uw casus, zonder namen").FillAsync("Een moeder van drie kinderen schaamt zich over de huurachterstand.");
        await youssef.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(youssef.Locator(".contributions")).ToContainTextAsync("nog alleen voor u zichtbaar");
        await Assertions.Expect(emre.Locator(".contributions-panel")).Not.ToContainTextAsync("huurachterstand");
        await sanne.GetByRole(AriaRole.Button, new() { Name = "Alle bijdragen van deze stap tonen" }).ClickAsync();
        await Assertions.Expect(emre.Locator(".contributions")).ToContainTextAsync("huurachterstand");
        await Assertions.Expect(emre.Locator(".contributions")).ToContainTextAsync("anoniem");
        await Assertions.Expect(emre.Locator(".contributions")).Not.ToContainTextAsync("youssef");

        // A poll: answers arrive live and are stored as counts only.
        await Page.GetByLabel("Vraag", new() { Exact = true }).FillAsync("Welke vraag stel je het minst graag?");
        await Page.GetByLabel("Keuzes (alleen bij meerkeuze, één per regel)").FillAsync("Geld\nGezondheid");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vraag openen" }).ClickAsync();
        foreach (var (page, answer) in new[] { (sanne, "Geld"), (youssef, "Geld"), (emre, "Gezondheid"), (petra, "Geld") })
        {
            await page.GetByLabel(answer, new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Antwoord geven" }).ClickAsync();
        }
        await Assertions.Expect(Page.Locator(".poll .meta").First).ToContainTextAsync("4 antwoorden");
        await Assertions.Expect(Page.Locator(".bars li", new() { HasText = "Geld" }).Locator(".bar-count")).ToHaveTextAsync("3");
        await using (var connection = await App.Services.GetRequiredService<Database>().OpenAsync())
        {
            Assert.Equal(4, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM coaching_poll_voters"));
            Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM coaching_poll_counts"));
        }

        // A raised hand shows in order for everyone.
        await petra.GetByRole(AriaRole.Button, new() { Name = "Hand opsteken" }).ClickAsync();
        await Assertions.Expect(sanne.Locator(".participants")).ToContainTextAsync("Hand opgestoken: 1. petra (test)");
        await ScreenshotsAsync("coaching-session");

        // On to the agreements; Petra's agreement becomes an action point on her start page.
        foreach (var next in new[] { "Eén casus kiezen", "Vragenronde", "Analyse", "Adviesronde", "Evaluatie en afspraken" })
        {
            await sanne.GetByRole(AriaRole.Button, new() { Name = $"Volgende stap: {next}" }).ClickAsync();
            await ShowsStepAsync(petra, next);
        }
        await petra.GetByLabel("Uw afspraak (komt op uw startpagina)").FillAsync("Volgende gesprekken vraag ik door over geld.");
        await petra.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(petra.Locator(".contributions")).ToContainTextAsync("vraag ik door over geld");
        await sanne.GetByRole(AriaRole.Button, new() { Name = "Sessie beëindigen" }).ClickAsync();
        await Assertions.Expect(petra.Locator("#afgelopen")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await ScreenshotsAsync("coaching-ended");
        await petra.GotoAsync(Caseload.Url());
        await Assertions.Expect(petra.Locator(".coaching-agenda")).ToContainTextAsync("Volgende gesprekken vraag ik door over geld.");
    }
}
