using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;

namespace GesprekTool.Calls;

/// <summary>
/// The e-mail that carries a household's join link: the invitation in the household's language (and
/// in Dutch when that is another), a plain-text and a simple HTML part, and, when the worker planned
/// a time, the call as an .ics event (RFC 5545) in Europe/Amsterdam time, so it lands in the family's
/// calendar. Plain C#: no web types.
/// </summary>
public static class InvitationMail
{
    // Short subjects: a phone's mail list shows about forty characters.
    private static readonly Dictionary<string, string> Subjects = new()
    {
        ["nl"] = "Uitnodiging voor een videogesprek",
        ["en"] = "Invitation to a video call",
        ["ar"] = "دعوة إلى مكالمة فيديو",
        ["tr"] = "Görüntülü görüşme daveti",
        ["pl"] = "Zaproszenie na rozmowę wideo",
        ["uk"] = "Запрошення на відеорозмову",
        ["ti"] = "ዕድመ ንቪድዮ ዝርርብ",
    };

    public const int CallMinutes = 45;

    /// <param name="invitations">The link's invitations: Dutch first, then the household's language if another.</param>
    public static MimeMessage Build(string to, IReadOnlyList<Invitation> invitations, string url, DateTimeOffset? plannedAt,
        string organisation, DateTimeOffset now, string uidDomain)
    {
        var own = invitations[^1]; // the household's language (or Dutch)
        var message = new MimeMessage();
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = Subjects.GetValueOrDefault(own.Code, Subjects["nl"]);
        message.Date = now;
        var ordered = invitations.OrderByDescending(i => i == own).ToList();
        var body = new BodyBuilder
        {
            TextBody = string.Join("\n\n", ordered.Select(i => i.Text)) + "\n",
            HtmlBody = Html(ordered, url),
        };
        if (plannedAt is { } at)
        {
            var calendar = body.Attachments.Add("gesprek.ics", Encoding.UTF8.GetBytes(Calendar(at, url, organisation, now, uidDomain, message.Subject)),
                new ContentType("text", "calendar"));
            calendar.ContentType.Parameters.Add("method", "PUBLISH");
            calendar.ContentType.Charset = "utf-8";
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string Html(IEnumerable<Invitation> invitations, string url)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif;font-size:16px;line-height:1.5;max-width:36em\">");
        foreach (var invitation in invitations)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p lang=\"{invitation.Code}\" dir=\"{(invitation.RightToLeft ? "rtl" : "ltr")}\">{WebUtility.HtmlEncode(invitation.Text)}</p>");
        }
        html.Append(CultureInfo.InvariantCulture,
            $"<p><a href=\"{WebUtility.HtmlEncode(url)}\" style=\"display:inline-block;padding:12px 20px;background:#1f5fa8;color:#fff;text-decoration:none;border-radius:6px\">Videogesprek openen</a></p></body></html>");
        return html.ToString();
    }

    /// <summary>One event at the planned time (45 minutes), with Amsterdam's time zone written out so every calendar shows the same hour.</summary>
    public static string Calendar(DateTimeOffset plannedAt, string url, string organisation, DateTimeOffset now, string uidDomain, string summary)
    {
        var local = DutchDate.Local(plannedAt).DateTime;
        string Text(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        var lines = new[]
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//GesprekTool//Uitnodiging//NL",
            "METHOD:PUBLISH",
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Amsterdam",
            "BEGIN:DAYLIGHT",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "TZNAME:CEST",
            "DTSTART:19700329T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "TZNAME:CET",
            "DTSTART:19701025T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            $"UID:{Guid.NewGuid():N}@{uidDomain}",
            $"DTSTAMP:{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}",
            $"DTSTART;TZID=Europe/Amsterdam:{local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}",
            $"DURATION:PT{CallMinutes}M",
            $"SUMMARY:{Text(summary)} ({Text(organisation)})",
            $"DESCRIPTION:{Text(url)}",
            $"URL:{url}",
            "END:VEVENT",
            "END:VCALENDAR",
        };
        return string.Join("\r\n", lines.SelectMany(Fold)) + "\r\n";
    }

    /// <summary>RFC 5545 §3.1: lines longer than 75 octets are folded (a CRLF and a space), never inside a UTF-8 character.</summary>
    private static IEnumerable<string> Fold(string line)
    {
        var part = new StringBuilder();
        var octets = 0;
        var first = true;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > (first ? 75 : 74))
            {
                yield return (first ? "" : " ") + part;
                part.Clear();
                octets = 0;
                first = false;
            }
            part.Append(rune.ToString());
            octets += size;
        }
        yield return (first ? "" : " ") + part;
    }
}
