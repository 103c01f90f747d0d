// Weekly mail benchmark: a large city's week (200 schools, 2 care coordinators each, the
// municipality and the newsletter: 402 messages) sent through a local relay (aiosmtpd with STARTTLS
// and AUTH, started by bench/weekly-mail.sh) by the app's own job: queue, claim, compose, send,
// record. The baseline, in the same process against the same relay, is MailKit alone sending the
// same messages with a connection per message (as the job does), so the ratio is the job's own
// cost; a second line sends them over one connection, the most batching could gain.
using System.Diagnostics;
using Dapper;
using GesprekTool.Data;
using GesprekTool.WeeklyReports;
using GesprekTool.WeeklyReports.Sending;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace GesprekTool.Bench;

internal static class MailBench
{
    public static async Task RunAsync(string root, int port, int schools, int perSchool, int runs)
    {
        var relayPort = int.Parse(Environment.GetEnvironmentVariable("BENCH_SMTP_PORT")!, System.Globalization.CultureInfo.InvariantCulture);
        var password = Environment.GetEnvironmentVariable("BENCH_SMTP_PASSWORD")!;
        var settings = new Dictionary<string, string?>
        {
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = $"{relayPort}",
            ["Mail:User"] = "gesprektool",
            ["Mail:Password"] = password,
            ["Mail:FromAddress"] = "gezinswerk@organisatie.test",
            ["Mail:TrustedCertificateSha256"] = Environment.GetEnvironmentVariable("BENCH_SMTP_SHA256"),
            ["WeeklyReports:Sending:JobEnabled"] = "true",
            ["WeeklyReports:Sending:PollSeconds"] = "0.05",
        };
        await using var app = await BenchApp.StartAsync(root, port, settings);
        var week = WeeklySchedule.LatestDueWeek(DateTimeOffset.UtcNow);
        await Seed.WeekAsync(app, week, schools * 10, schools);
        if (await app.Services.GetRequiredService<WeeklyReportBuilder>().BuildAsync(week, null) is { } failure)
        {
            throw new InvalidOperationException(failure);
        }
        var recipients = await RecipientsAsync(app, week, perSchool);
        var store = app.Services.GetRequiredService<WeeklyMailStore>();
        var job = app.Services.GetRequiredService<WeeklyMailJob>();
        var database = app.Services.GetRequiredService<Database>();
        var pdfKb = await AveragePdfKbAsync(database);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {schools} schools, {recipients} messages, PDFs {pdfKb:F0} kB on average; {runs} runs each");

        var jobRates = new List<double>();
        var connectionRates = new List<double>();
        var reusedRates = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using (var connection = await database.OpenAsync())
            {
                await connection.ExecuteAsync("DELETE FROM weekly_mail_messages");
            }
            var clock = Stopwatch.StartNew();
            await store.QueueWeekAsync(week, null);
            job.Wake();
            while ((await store.ForWeekAsync(week)).Any(m => MessageStatus.IsOpen(m.Status)))
            {
                await Task.Delay(20);
            }
            jobRates.Add(recipients / clock.Elapsed.TotalSeconds);
            var failed = (await store.ForWeekAsync(week)).Count(m => m.Status != MessageStatus.Sent);
            if (failed > 0)
            {
                throw new InvalidOperationException($"{failed} messages not sent");
            }

            var messages = await MessagesAsync(database, week);
            connectionRates.Add(await RawAsync(messages, relayPort, password, reuse: false));
            reusedRates.Add(await RawAsync(messages, relayPort, password, reuse: true));
        }
        Console.WriteLine($"the app's job (queue to last recorded): {Describe(jobRates)} messages/s");
        Console.WriteLine($"baseline, MailKit alone, a connection per message: {Describe(connectionRates)} messages/s");
        Console.WriteLine($"MailKit alone, one connection for all: {Describe(reusedRates)} messages/s");
        Console.WriteLine($"ratio job/baseline: {Median(jobRates) / Median(connectionRates):F2}; week of {recipients} messages by the job: {recipients / Median(jobRates):F1} s");
    }

    private static async Task<int> RecipientsAsync(BenchApp app, ReportWeek week, int perSchool)
    {
        long addedBy;
        await using (var connection = await app.Services.GetRequiredService<Database>().OpenAsync())
        {
            addedBy = await connection.ExecuteScalarAsync<long>("SELECT MIN(id) FROM users"); // the seeded worker
        }
        var recipients = app.Services.GetRequiredService<RecipientStore>();
        var documents = await app.Services.GetRequiredService<WeeklyMailStore>().DocumentsAsync(week);
        var count = 0;
        foreach (var document in documents)
        {
            var copies = document.Kind == WeeklyDocument.School ? perSchool : 1;
            for (var n = 1; n <= copies; n++)
            {
                await recipients.AddAsync(document.Kind, document.SchoolId, "Ontvanger", $"ontvanger{n}.{document.Id}@bench.test", addedBy);
                count++;
            }
        }
        return count;
    }

    private static async Task<double> AveragePdfKbAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<double>("SELECT AVG(LENGTH(pdf)) / 1024.0 FROM weekly_documents");
    }

    /// <summary>The same messages the job sent (composed the same way), for MailKit alone to send.</summary>
    private static async Task<List<MimeMessage>> MessagesAsync(Database database, ReportWeek week)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(string Address, string Title, string FileName, byte[] Pdf, string? Headlines)>(
            """
            SELECT m.address, d.title, d.file_name, d.pdf, d.headlines
            FROM weekly_mail_messages m JOIN weekly_documents d ON d.id = m.document_id ORDER BY m.id
            """);
        return rows.Select((r, i) =>
        {
            var message = WeeklyMail.Build(r.Address, "Ontvanger", week, r.Title, r.FileName, r.Pdf, Headlines.FromJson(r.Headlines), 5, false,
                $"bench-{i}@organisatie.test", DateTimeOffset.UtcNow);
            message.From.Add(new MailboxAddress("Gezinswerk", "gezinswerk@organisatie.test"));
            return message;
        }).ToList();
    }

    private static async Task<double> RawAsync(IReadOnlyList<MimeMessage> messages, int port, string password, bool reuse)
    {
        var clock = Stopwatch.StartNew();
        SmtpClient? open = null;
        foreach (var message in messages)
        {
            var client = open ?? await ConnectAsync(port, password);
            await client.SendAsync(message);
            if (reuse)
            {
                open = client;
            }
            else
            {
                await client.DisconnectAsync(true);
                client.Dispose();
            }
        }
        if (open is not null)
        {
            await open.DisconnectAsync(true);
            open.Dispose();
        }
        return messages.Count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<SmtpClient> ConnectAsync(int port, string password)
    {
        var client = new SmtpClient { ServerCertificateValidationCallback = (_, _, _, _) => true }; // the bench's own throwaway relay
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.StartTls);
        await client.AuthenticateAsync("gesprektool", password);
        return client;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Describe(List<double> values) =>
        $"median {Median(values):F1} (min {values.Min():F1}, max {values.Max():F1})";
}
