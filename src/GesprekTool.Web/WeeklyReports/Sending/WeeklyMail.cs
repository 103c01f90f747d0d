using System.Net;
using System.Text;
using MimeKit;

namespace GesprekTool.WeeklyReports.Sending;

/// <summary>
/// The message that carries one weekly document to one recipient: a short Dutch body with the
/// document's headline figures (HTML readable on a phone, and the same as plain text), the PDF
/// attached, and this recipient alone in To. Plain C#: no web types.
/// </summary>
public static class WeeklyMail
{
    public static MimeMessage Build(string to, string recipientName, ReportWeek week, string title, string fileName, byte[] pdf,
        IReadOnlyList<Headline> headlines, int threshold, bool isInternal, string messageId, DateTimeOffset now, string signedBy = "GesprekTool")
    {
        var message = new MimeMessage();
        message.To.Add(new MailboxAddress(recipientName, to));
        message.Subject = $"{title}, {week.Title.ToLowerInvariant()}"; // short: a phone shows about forty characters; the dates are in the body
        message.Date = now;
        message.MessageId = messageId;
        var intro = $"Hierbij het {title.ToLowerInvariant()} van {week.Title.ToLowerInvariant()} ({week.DateRange}). Het hele overzicht staat in de bijlage (PDF).";
        var privacy = isInternal
            ? "Deze nieuwsbrief is alleen voor collega's. Stuur hem niet door."
            : $"Er staan geen namen en geen antwoorden van gezinnen in. Groepen kleiner dan {threshold} gezinnen tonen we niet precies, zodat geen gezin herkenbaar is.";
        var body = new BodyBuilder
        {
            TextBody = Text(recipientName, intro, headlines, privacy, signedBy),
            HtmlBody = Html(message.Subject, recipientName, intro, headlines, privacy, signedBy),
        };
        body.Attachments.Add(fileName, pdf, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string Text(string name, string intro, IReadOnlyList<Headline> headlines, string privacy, string signedBy)
    {
        var text = new StringBuilder($"Beste {name},\n\n{intro}\n\n");
        if (headlines.Count > 0)
        {
            text.Append("In het kort:\n");
            foreach (var headline in headlines)
            {
                text.Append($"- {headline.Label}: {headline.Value}\n");
            }
            text.Append('\n');
        }
        return text.Append($"{privacy}\n\nMet vriendelijke groet,\n{signedBy}\n").ToString();
    }

    private static string Html(string subject, string name, string intro, IReadOnlyList<Headline> headlines, string privacy, string signedBy)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder(
            "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
            + $"<title>{E(subject)}</title></head>"
            + "<body style=\"font-family:sans-serif;font-size:16px;line-height:1.5;max-width:36em;margin:0;padding:12px;color:#1d2330\"><main>");
        html.Append($"<p>Beste {E(name)},</p><p>{E(intro)}</p>");
        if (headlines.Count > 0)
        {
            html.Append("<h2 style=\"font-size:18px;margin:20px 0 8px\">In het kort</h2><table style=\"border-collapse:collapse;width:100%\">");
            foreach (var headline in headlines)
            {
                html.Append($"<tr><th scope=\"row\" style=\"text-align:left;font-weight:normal;padding:6px 8px 6px 0;border-bottom:1px solid #d5d9e0\">{E(headline.Label)}</th>"
                    + $"<td style=\"text-align:right;font-weight:bold;padding:6px 0;border-bottom:1px solid #d5d9e0;white-space:nowrap\">{E(headline.Value)}</td></tr>");
            }
            html.Append("</table>");
        }
        html.Append($"<p style=\"color:#4a5160;font-size:14px\">{E(privacy)}</p><p>Met vriendelijke groet,<br>{E(signedBy)}</p></main></body></html>");
        return html.ToString();
    }
}
