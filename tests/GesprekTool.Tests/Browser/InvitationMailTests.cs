using Dapper;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// The worker mails the household's join link from the call page, through a real relay (aiosmtpd with
/// STARTTLS and AUTH): in the household's language, with the planned time as a calendar event.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InvitationMailTests(ChromiumBrowser chromium, PostgresServer postgres) : CallTestBase(chromium, postgres)
{
    private const string FamilyAddress = "familie.a@voorbeeld.test";
    private SmtpServer _smtp = default!;

    protected override IReadOnlyDictionary<string, string?> AppSettings => _smtp.Settings;

    public override async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync(refuse: "weg@voorbeeld.test");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task The_join_link_reaches_the_family_by_mail_in_their_language_with_the_planned_time_in_their_calendar()
    {
        await StartCallAsync(homeLanguage: "ar", email: FamilyAddress);
        // In two hours, Amsterdam time, on the minute: while the link works.
        var soon = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(2), TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime;
        var planned = new DateTime(soon.Year, soon.Month, soon.Day, soon.Hour, soon.Minute / 5 * 5, 0);
        await Room.Locator("#planned-at").FillAsync(planned.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Room.Locator("#planned-at").DispatchEventAsync("change");
        var link = await CreateLinkAsync("Link voor het gezin maken");

        await Room.GetByRole(AriaRole.Button, new() { Name = "Per e-mail naar het gezin" }).ClickAsync();

        await Assertions.Expect(Room.Locator(".status-message")).ToHaveTextAsync("De uitnodiging is per e-mail verstuurd.");
        var mail = Assert.Single(_smtp.Received());
        Assert.Equal([FamilyAddress], mail.Recipients);
        Assert.Equal("دعوة إلى مكالمة فيديو", mail.Message.Subject);
        Assert.Contains(link, mail.Message.TextBody);
        Assert.Contains(link, mail.Message.HtmlBody);
        Assert.Contains("U krijgt dit bericht van", mail.Message.TextBody); // the Dutch text too, after the Arabic
        Assert.True(mail.Message.BodyParts.OfType<MimePart>().Any(part => part.ContentType.IsMimeType("text", "calendar")),
            string.Join(", ", mail.Message.BodyParts.Select(p => p.ContentType.MimeType)) + "\n" + mail.Message.TextBody);
        var calendar = mail.Message.BodyParts.OfType<MimePart>().Single(part => part.ContentType.IsMimeType("text", "calendar"));
        Assert.NotNull(calendar.Content);
        using var ics = new MemoryStream();
        await calendar.Content!.DecodeToAsync(ics);
        var lines = Unfold(System.Text.Encoding.UTF8.GetString(ics.ToArray()));
        Assert.Contains($"DTSTART;TZID=Europe/Amsterdam:{planned:yyyyMMdd'T'HHmm}00", lines);
        Assert.Contains("DURATION:PT45M", lines);
        Assert.Contains("BEGIN:VTIMEZONE", lines);
        Assert.Contains(lines, line => line.StartsWith("URL:", StringComparison.Ordinal) && line[4..] == link);

        // The audit log says a link went by mail, never to which address.
        await using var connection = await App.Services.GetRequiredService<Database>().OpenAsync();
        var details = (await connection.QueryAsync<string>("SELECT detail FROM audit_log WHERE action = 'call.link_sent'")).ToList();
        Assert.Contains(details, detail => detail.EndsWith("per e-mail, verstuurd", StringComparison.Ordinal));
        Assert.DoesNotContain(details, detail => detail.Contains("voorbeeld.test", StringComparison.Ordinal));
        await ChromiumBrowser.ScreenshotsAsync(Page, "invitation-mailed");
    }

    [Fact]
    public async Task A_refused_address_is_said_on_the_page_and_a_household_without_an_address_gets_the_way_to_add_one()
    {
        await StartCallAsync(email: "weg@voorbeeld.test");
        await CreateLinkAsync("Link voor het gezin maken");
        await Room.GetByRole(AriaRole.Button, new() { Name = "Per e-mail naar het gezin" }).ClickAsync();
        await Assertions.Expect(Room.Locator(".status-message")).ToContainTextAsync("De mailserver weigerde het adres van het gezin (550");
        Assert.Empty(_smtp.Received());

        await using (var connection = await App.Services.GetRequiredService<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE households SET email = NULL");
        }
        await Room.GetByRole(AriaRole.Button, new() { Name = "Per e-mail naar het gezin" }).ClickAsync();
        await Assertions.Expect(Room.Locator(".status-message")).ToContainTextAsync("Er staat geen e-mailadres bij dit gezin");
    }

    /// <summary>RFC 5545 unfolding: a line starting with a space continues the previous one.</summary>
    private static List<string> Unfold(string ics)
    {
        var lines = new List<string>();
        foreach (var line in ics.Split("\r\n"))
        {
            if (line.StartsWith(' ') && lines.Count > 0)
            {
                lines[^1] += line[1..];
            }
            else if (line.Length > 0)
            {
                lines.Add(line);
            }
        }
        return lines;
    }
}
