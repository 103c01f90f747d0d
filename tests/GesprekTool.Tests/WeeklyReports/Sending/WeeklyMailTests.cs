using GesprekTool.WeeklyReports;
using GesprekTool.WeeklyReports.Sending;
using MimeKit;

namespace GesprekTool.Tests.WeeklyReports.Sending;

/// <summary>The message that carries a weekly document, the checks before sending, and the retry waits.</summary>
public sealed class WeeklyMailTests
{
    private static readonly ReportWeek Week = new(2026, 48);
    private static readonly byte[] Pdf = "%PDF-1.7 test"u8.ToArray();

    private static MimeMessage School(IReadOnlyList<Headline> headlines) => WeeklyMail.Build("ib@school.test", "Intern begeleider", Week,
        "Weekoverzicht De Regenboog", "weekoverzicht-de-regenboog-2026-W48.pdf", Pdf, headlines, 5, isInternal: false,
        "weekoverzicht-12@organisatie.test", new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(1)));

    [Fact]
    public void A_school_gets_a_message_of_its_own_with_the_headline_figures_in_html_and_text_and_the_pdf_attached()
    {
        var message = School([new("Gezinnen met kinderen op uw school gesproken", "12"), new("Gezinnen zonder werkende wifi", "minder dan 5 van 12")]);

        Assert.Equal(["ib@school.test"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Empty(message.Cc);
        Assert.Empty(message.Bcc);
        Assert.Equal("Weekoverzicht De Regenboog, week 48 van 2026", message.Subject);
        Assert.Contains("(23 t/m 29 november 2026)", message.TextBody, StringComparison.Ordinal);
        Assert.Equal("weekoverzicht-12@organisatie.test", message.MessageId);
        Assert.Contains("Gezinnen zonder werkende wifi: minder dan 5 van 12", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("minder dan 5 van 12", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Groepen kleiner dan 5 gezinnen", message.TextBody, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        Assert.Equal("weekoverzicht-de-regenboog-2026-W48.pdf", attachment.FileName);
        using var bytes = new MemoryStream();
        attachment.Content!.DecodeTo(bytes);
        Assert.Equal(Pdf, bytes.ToArray());
    }

    [Fact]
    public void Text_from_the_figures_is_escaped_in_the_html_part()
    {
        var message = School([new("<script>alert(1)</script>", "1 & 2")]);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("1 &amp; 2", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_built_before_headlines_were_kept_points_at_the_attachment_only()
    {
        var message = School(Headlines.FromJson(null));
        Assert.DoesNotContain("In het kort", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("in de bijlage (PDF)", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schools_headlines_hide_small_groups_as_its_document_does()
    {
        var school = new SchoolFigures(3, "De Regenboog", 12, 12, new Share(10, 12), new Share(2, 12), new Share(0, 12), [], []);
        var headlines = Headlines.School(school, 5);
        Assert.Equal("minder dan 5 van 12", headlines.Single(h => h.Label == "Gezinnen zonder werkende wifi").Value);
        Assert.Equal("meer dan 7 van 12", headlines.Single(h => h.Label == "Ouders die kunnen helpen met huiswerk").Value);
        Assert.Equal(headlines, Headlines.FromJson(Headlines.ToJson(headlines)));
    }

    [Fact]
    public void Every_document_needs_a_recipient_before_a_week_goes_out_by_itself()
    {
        MailableDocument Document(long id, string kind, long? school, string title) => new() { Id = id, Kind = kind, SchoolId = school, Title = title };
        var documents = new[]
        {
            Document(1, WeeklyDocument.Municipality, null, "Weekoverzicht gemeente"),
            Document(2, WeeklyDocument.School, 7, "Weekoverzicht De Regenboog"),
            Document(3, WeeklyDocument.School, 8, "Weekoverzicht Het Anker"),
        };
        var recipients = new[]
        {
            new Recipient { Id = 1, Kind = WeeklyDocument.Municipality, Address = "jeugd@gemeente.test" },
            new Recipient { Id = 2, Kind = WeeklyDocument.School, SchoolId = 7, Address = "ib@regenboog.test" },
        };

        Assert.Equal(["Voor \"Weekoverzicht Het Anker\" is geen ontvanger ingesteld."], SendingChecks.Problems(documents, recipients));
        Assert.Empty(SendingChecks.Problems(documents[..2], recipients));
        Assert.Equal(["De documenten van deze week zijn nog niet gemaakt."], SendingChecks.Problems([], recipients));
    }

    [Theory]
    [InlineData("2026-11-30T07:59:00+01:00", 8, null)] // Monday, before the chosen hour
    [InlineData("2026-11-30T08:00:00+01:00", 8, "2026-W48")] // Monday at the hour: the week that just ended
    [InlineData("2026-11-30T16:30:00+01:00", 9, "2026-W48")]
    [InlineData("2026-12-01T09:00:00+01:00", 9, null)] // Tuesday: a missed Monday is sent by a person
    [InlineData("2026-03-30T09:00:00+02:00", 9, "2026-W13")] // after the clocks went forward
    public void A_week_goes_out_by_itself_only_on_its_Monday_from_the_chosen_hour(string now, int hour, string? expected)
    {
        Assert.Equal(expected, SendingChecks.AutoSendWeek(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), hour)?.ToString());
    }

    [Fact]
    public void Waits_between_attempts_double_up_to_the_most()
    {
        var options = new WeeklyMailOptions { RetryFirstSeconds = 30, RetryMaxSeconds = 1800 };
        Assert.Equal([30, 60, 120, 240, 480, 960, 1800, 1800], Enumerable.Range(1, 8).Select(a => options.RetryAfter(a).TotalSeconds));
    }
}
