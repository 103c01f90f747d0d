// Weekly report benchmark: aggregate and print one week of 60 conversations (JES's weekly volume)
// and one week of 10,000 conversations over 200 schools, through the app's real builder. Reports
// the aggregation time, the cold start of Chromium, and PDFs per second with one reused browser.
// Run by bench/weekly-reports.sh; figures in docs/performance.md.
using System.Diagnostics;
using Dapper;
using GesprekTool.Bench;
using GesprekTool.Data;
using GesprekTool.WeeklyReports;
using Microsoft.Extensions.DependencyInjection;

var root = Path.GetFullPath(Environment.GetEnvironmentVariable("REPO_ROOT") ?? Directory.GetCurrentDirectory());
var port = int.Parse(Environment.GetEnvironmentVariable("BENCH_PORT") ?? "5198", System.Globalization.CultureInfo.InvariantCulture);
// "mail SCHOOLSxRECIPIENTS RUNS": the weekly mail benchmark instead (MailBench.cs, bench/weekly-mail.sh).
if (args is ["mail", var mailSize, var mailRuns] && mailSize.Split('x') is [var mailSchools, var perSchool])
{
    await GesprekTool.Bench.MailBench.RunAsync(root, port, int.Parse(mailSchools, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(perSchool, System.Globalization.CultureInfo.InvariantCulture), int.Parse(mailRuns, System.Globalization.CultureInfo.InvariantCulture));
    return;
}
// The headline is the whole build as the Monday job runs it (aggregate, render, start Chromium, print
// the municipality's, every school's and the newsletter's PDF, store them): documents per second of
// that. The columns before it time the printing alone, in a browser already warm.
Console.WriteLine("scenario               conversations schools aggregate ms  cold browser ms  PDFs  PDFs/s 1-by-1  PDFs/s 4 at once  ratio  whole build s  whole build PDFs/s");
// Weeks as "conversations x schools", e.g. "60x8,10000x200" (the default); a smoke run takes a tiny one.
var weeks = (args.Length > 0 ? args[0] : "60x8,10000x200").Split(',')
    .Select(week => week.Split('x') is [var c, var s] ? (int.Parse(c, System.Globalization.CultureInfo.InvariantCulture), int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))
        : throw new ArgumentException($"a week is 'conversations x schools', not '{week}'"))
    .ToList();
foreach (var (conversations, schools) in weeks)
{
    await using var app = await BenchApp.StartAsync(root, port++);
    var week = WeeklySchedule.LatestDueWeek(DateTimeOffset.UtcNow);
    await Seed.WeekAsync(app, week, conversations, schools);
    var builder = app.Services.GetRequiredService<WeeklyReportBuilder>();
    var renderer = app.Services.GetRequiredService<ReportRenderer>();
    var printer = app.Services.GetRequiredService<PdfPrinter>();

    await builder.FiguresAsync(week); // warm-up: JIT and connection pool
    var clock = Stopwatch.StartNew();
    var figures = await builder.FiguresAsync(week);
    var aggregateMs = clock.Elapsed.TotalMilliseconds;

    // Render every school's document, then print them all with one browser.
    var pages = new List<string>();
    foreach (var school in figures.Schools)
    {
        pages.Add(await renderer.RenderAsync<SchoolReport>(new()
        {
            ["School"] = school, ["AllSchools"] = figures.AllSchools, ["Week"] = week, ["Threshold"] = figures.Threshold,
        }));
    }
    clock.Restart();
    await using (var batch = await printer.StartBatchAsync())
    {
        var coldMs = clock.Elapsed.TotalMilliseconds;
        await batch.PrintAsync(pages[0], "warm-up");
        clock.Restart();
        foreach (var html in pages)
        {
            await batch.PrintAsync(html, week.Title);
        }
        var sequentialSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await batch.PrintAllAsync(pages.Select(html => (html, week.Title)).ToList());
        var printSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var failure = await builder.BuildAsync(week, null);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        if (failure is not null)
        {
            throw new InvalidOperationException(failure);
        }
        Console.WriteLine($"{(conversations == 60 ? "JES week" : conversations >= 10_000 ? "large city week" : $"week of {conversations}"),-22} {conversations,13} {schools,7} {aggregateMs,12:F0} {coldMs,16:F0} {pages.Count,5} " +
            $"{pages.Count / sequentialSeconds,14:F1} {pages.Count / printSeconds,16:F1} {printSeconds / sequentialSeconds,6:F2} {buildSeconds,14:F2} " +
            $"{(pages.Count + 2) / buildSeconds,19:F1}"); // + the municipality's document and the newsletter
    }
}

/// <summary>Finished conversations with realistic answers, written straight into the tables (fast for 10,000).</summary>
internal static class Seed
{
    public static async Task WeekAsync(BenchApp app, ReportWeek week, int conversations, int schools)
    {
        var (worker, _, _) = await app.WorkerWithCallAsync();
        await using var connection = await app.Services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var schoolIds = new List<long>();
        for (var s = 0; s < schools; s++)
        {
            schoolIds.Add(await connection.ExecuteScalarAsync<long>("INSERT INTO schools (name) VALUES (@name) RETURNING id", new { name = $"School {s + 1:000}" }, transaction));
        }
        var now = DateTimeOffset.UtcNow;
        for (var n = 0; n < conversations; n++)
        {
            var household = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO households (display_name, contact_channel, home_language, status, assigned_worker_id, created_at, updated_at)
                VALUES (@name, 'telefoon', 'nl', 'bekend', @worker, @now, @now) RETURNING id
                """, new { name = $"Gezin {n}", worker = worker.Id, now }, transaction);
            var conversation = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO conversations (household_id, worker_id, questionnaire_id, questionnaire_version, mode, held_on,
                                           confidentiality_stated, status, created_at, finished_at)
                VALUES (@household, @worker, 'jes-gesprekstoel', 1, 'video', @heldOn, TRUE, 'afgerond', @now, @now) RETURNING id
                """, new { household, worker = worker.Id, heldOn = week.Monday.AddDays(n % 7), now }, transaction);
            var answers = new Dictionary<string, string>
            {
                ["gezin-kinderen"] = "2", ["gezin-schoolgaand"] = "ja", ["school-contact"] = n % 3 == 0 ? "weinig" : "goed",
                ["school-huiswerk-thuis"] = "ja", ["school-huiswerk-helpen"] = n % 4 == 0 ? "nee" : "ja", ["school-wifi"] = n % 5 == 0 ? "nee" : "ja",
                ["school-apparaat"] = n % 6 == 0 ? "geen" : "genoeg", ["school-naam"] = schoolIds[n % schools].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["persoonlijk-geld"] = n % 2 == 0 ? "ja" : "nee", ["cijfer-ouder"] = (3 + n % 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["cijfer-kinderen"] = "7", ["verdieping-steun-mensen"] = "ja", ["verdieping-behoefte"] = n % 2 == 0 ? "laptop;huiswerkhulp" : "geld",
            };
            foreach (var (key, value) in answers)
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO answers (conversation_id, question_key, questionnaire_version, value, revision, answered_by, answered_at, client_stamp, is_current)
                    VALUES (@conversation, @key, 1, @value, 1, @worker, @now, 1, TRUE)
                    """, new { conversation, key, value, worker = worker.Id, now }, transaction);
            }
        }
        await transaction.CommitAsync();
    }
}
