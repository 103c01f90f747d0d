using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using GesprekTool.Tests.WeeklyReports;
using GesprekTool.WeeklyReports;
using GesprekTool.WeeklyReports.Sending;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// A coordinator keeps the recipients, looks at the week's documents and who gets them, presses
/// "Versturen" and watches the messages go through a real relay (aiosmtpd with STARTTLS and AUTH),
/// one address refused with 550; then sends one document again after a correction.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WeeklyMailInBrowserTests(ChromiumBrowser chromium, PostgresServer postgres) : BrowserTestBase(chromium, postgres)
{
    private SmtpServer _relay = default!;

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>(_relay.Settings)
    {
        ["WeeklyReports:Sending:JobEnabled"] = "true",
        ["WeeklyReports:Sending:PollSeconds"] = "0.5",
    };

    public override async Task InitializeAsync()
    {
        _relay = await SmtpServer.StartAsync(refuse: "weg@gemeente.test");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _relay.DisposeAsync();
    }

    private async Task AddRecipientAsync(string destination, string name, string address)
    {
        await Page.GetByLabel("Krijgt").SelectOptionAsync(new SelectOptionValue { Label = destination });
        await Page.GetByLabel("Naam of functie").FillAsync(name);
        await Page.GetByLabel("E-mailadres").FillAsync(address);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Toevoegen" }).ClickAsync();
    }

    [Fact]
    public async Task A_coordinator_sends_the_week_each_recipient_gets_the_pdf_a_refusal_shows_and_one_document_goes_again()
    {
        await World.UserAsync("coord", Roles.Coordinator);
        var week = WeeklySchedule.LatestDueWeek(DateTimeOffset.UtcNow);
        Assert.Null(await App.Services.GetRequiredService<WeeklyReportBuilder>().BuildAsync(week, null));
        await SignInAsync("coord");

        await Page.GotoAsync(RecipientsPage.Url());
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Ontvangers van het weekoverzicht");
        await AddRecipientAsync("Weekoverzicht gemeente", "Afdeling Jeugd", "jeugd@gemeente"); // the browser lets it through; the server does not
        await Assertions.Expect(Page.Locator(".field-error")).ToContainTextAsync("Dit is geen e-mailadres");
        await AddRecipientAsync("Weekoverzicht gemeente", "Afdeling Jeugd", "jeugd@gemeente.test");
        await Assertions.Expect(Page.Locator("#gemeente + ul")).ToContainTextAsync("jeugd@gemeente.test");
        await AddRecipientAsync("Weekoverzicht gemeente", "Oud adres", "weg@gemeente.test");
        await AddRecipientAsync("Weekoverzicht gemeente", "Afdeling Jeugd", "JEUGD@gemeente.test");
        await Assertions.Expect(Page.Locator(".field-error")).ToContainTextAsync("Dit adres krijgt dit document al");
        await Accessibility.ExpectNoViolationsAsync(Page, "the recipients page");
        await ScreenshotsAsync("weekly-mail-recipients");

        // Before anything goes: the newsletter has nobody yet, and the page says so.
        await Page.GotoAsync(SendingPage.Url(week));
        await Assertions.Expect(Page.Locator(".warning")).ToContainTextAsync("Voor \"Nieuwsbrief voor collega's\" is geen ontvanger ingesteld.");
        await Page.GotoAsync(RecipientsPage.Url());
        await AddRecipientAsync("Nieuwsbrief voor collega's", "Alle collega's", "collegas@organisatie.test");

        await Page.GotoAsync(WeeklyReportsPage.Url());
        await Page.GetByRole(AriaRole.Link, new() { Name = $"{week.Title} versturen" }).ClickAsync();
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync($"Versturen: {week.Title.ToLowerInvariant()}");
        await Assertions.Expect(Page.Locator(".warning")).ToHaveCountAsync(0);
        await Accessibility.ExpectNoViolationsAsync(Page, "the sending page before sending");
        await ScreenshotsAsync("weekly-mail-before");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Versturen aan 3 ontvangers" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#voortgang-tekst")).ToHaveTextAsync("2 van 3 berichten verstuurd, 1 niet (zeker) aangekomen: zie hieronder.", new() { Timeout = 30_000 });
        await Assertions.Expect(Page.Locator("tr", new() { HasText = "weg@gemeente.test" })).ToContainTextAsync("Geweigerd: 550");
        await Accessibility.ExpectNoViolationsAsync(Page, "the sending page after sending");
        await ScreenshotsAsync("weekly-mail-sent");

        var received = _relay.Received();
        Assert.Equal(["collegas@organisatie.test", "jeugd@gemeente.test"], received.SelectMany(r => r.Recipients).Order());
        var municipality = received.Single(r => r.Recipients[0] == "jeugd@gemeente.test").Message;
        Assert.Equal($"Weekoverzicht gemeente, {week.Title.ToLowerInvariant()}", municipality.Subject);
        using var attached = new MemoryStream();
        ((MimePart)municipality.Attachments.Single()).Content!.DecodeTo(attached);
        await using (var connection = await App.Services.GetRequiredService<Database>().OpenAsync())
        {
            var stored = await connection.QuerySingleAsync<byte[]>("SELECT pdf FROM weekly_documents WHERE kind = @kind", new { kind = WeeklyDocument.Municipality });
            Assert.Equal(stored, attached.ToArray());
        }
        Assert.Contains("Weekoverzicht gemeente", await WeeklyDocumentsTests.PdfToTextAsync(attached.ToArray()), StringComparison.Ordinal);
        Assert.Contains("Gesprekken gevoerd: geen", municipality.TextBody, StringComparison.Ordinal);
        Assert.Contains("Met vriendelijke groet,\nGezinswerk", municipality.TextBody, StringComparison.Ordinal); // signed by the organisation (Mail:FromName)
        // The message as a phone's mail app shows it, for people to look at.
        var viewer = await Context.NewPageAsync();
        await viewer.SetContentAsync(municipality.HtmlBody ?? "");
        await ChromiumBrowser.ScreenshotsAsync(viewer, "weekly-mail-message");
        await viewer.CloseAsync();

        // A correction: the municipality's copy goes once more, to that address only.
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Weekoverzicht gemeente opnieuw versturen aan jeugd@gemeente.test" }).ClickAsync();
        await Assertions.Expect(Page.Locator("p.notice[role=status]")).ToContainTextAsync("gaat opnieuw naar jeugd@gemeente.test");
        await Assertions.Expect(Page.Locator("#voortgang-tekst")).ToHaveTextAsync("3 van 4 berichten verstuurd, 1 niet (zeker) aangekomen: zie hieronder.", new() { Timeout = 30_000 });
        Assert.Equal(2, _relay.Received().Count(r => r.Recipients[0] == "jeugd@gemeente.test"));

        // The weekly overview says how far the week went.
        await Page.GotoAsync(WeeklyReportsPage.Url());
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"{week.Title}: 3 van 4 verstuurd" })).ToBeVisibleAsync();

        // Who was added and what was sent is in the audit log, never the addresses themselves.
        await using (var connection = await App.Services.GetRequiredService<Database>().OpenAsync())
        {
            var audit = (await connection.QueryAsync<(string Action, string? Detail)>(
                "SELECT action, detail FROM audit_log WHERE action LIKE 'recipients.%' OR action LIKE 'reports.mail%'")).ToList();
            Assert.Equal(3, audit.Count(a => a.Action == "recipients.added"));
            Assert.Contains(audit, a => a.Action == "reports.mail_queued");
            Assert.Contains(audit, a => a.Action == "reports.mail_resent");
            Assert.DoesNotContain(audit, a => a.Detail?.Contains('@') == true);
        }
    }

    [Fact]
    public async Task A_worker_cannot_open_the_sending_or_recipients_pages()
    {
        await World.UserAsync("sanne", Roles.Worker);
        await SignInAsync("sanne");
        var week = WeeklySchedule.LatestDueWeek(DateTimeOffset.UtcNow);
        foreach (var url in new[] { RecipientsPage.Url(), SendingPage.Url(week) })
        {
            var response = await Page.GotoAsync(url);
            await Assertions.Expect(Page.Locator("h1")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Ontvangers|Versturen"));
            Assert.NotNull(response);
        }
    }
}
