using GesprekTool.Calls;
using MimeKit;

namespace GesprekTool.Tests.Calls;

public sealed class InvitationMailBuildTests
{
    private static readonly Invitation Dutch = new("Nederlands", "nl", false, "Hallo! Open deze link: https://gesprek.test/j/abc");
    private static readonly Invitation Turkish = new("Türkçe", "tr", false, "Merhaba! Bu bağlantıyı açın: https://gesprek.test/j/abc");

    [Fact]
    public void A_winter_evening_is_written_in_Amsterdam_time_with_the_zone_and_long_lines_folded()
    {
        var planned = new DateTimeOffset(2026, 12, 8, 18, 30, 0, TimeSpan.Zero); // 19:30 in Amsterdam (CET)
        var ics = InvitationMail.Calendar(planned, "https://gesprek.test/j/" + new string('x', 120), "Stichting Jeugd en Gezin Rijnland",
            new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero), "gesprek.test", "Uitnodiging voor een videogesprek");

        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20261208T193000\r\n", ics);
        Assert.Contains("DTSTAMP:20261205T090000Z\r\n", ics);
        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Contains("\r\n ", ics); // the long URL was folded
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics);
        Assert.EndsWith("END:VCALENDAR\r\n", ics);
    }

    [Fact]
    public void A_summer_time_and_a_comma_in_the_organisation_are_written_as_RFC_5545_wants()
    {
        var ics = InvitationMail.Calendar(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero), "https://gesprek.test/j/a", "Jeugd, Gezin; en meer",
            DateTimeOffset.UnixEpoch, "gesprek.test", "Davet");
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20260701T140000", ics); // CEST
        Assert.Contains(@"SUMMARY:Davet (Jeugd\, Gezin\; en meer)", ics);
    }

    [Fact]
    public void The_household_reads_their_own_language_first_and_without_a_time_there_is_no_calendar()
    {
        var message = InvitationMail.Build("familie@voorbeeld.test", [Dutch, Turkish], "https://gesprek.test/j/abc", null, "Organisatie",
            DateTimeOffset.UnixEpoch, "gesprek.test");

        Assert.Equal("Görüntülü görüşme daveti", message.Subject);
        Assert.StartsWith("Merhaba!", message.TextBody);
        Assert.Contains("Hallo!", message.TextBody);
        Assert.Contains("lang=\"tr\"", message.HtmlBody);
        Assert.DoesNotContain(message.BodyParts.OfType<MimePart>(), part => part.ContentType.IsMimeType("text", "calendar"));
        Assert.Equal("familie@voorbeeld.test", ((MailboxAddress)message.To.Single()).Address);
    }
}
