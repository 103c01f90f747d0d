using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using GesprekTool.WeeklyReports;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.WeeklyReports;

/// <summary>
/// About sixty finished conversations across eight schools (two of them small), some confidential
/// with free text; the week is built and its PDFs are read back with pdftotext.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WeeklyDocumentsTests(PostgresServer postgres) : AppTestBase(postgres)
{
    private static readonly string[] LargeSchools = ["De Regenboog", "De Klimop", "Het Palet", "De Wilgen", "Sint Jozef", "De Horizon"];
    private const string SmallSchoolA = "De Zonnebloem";
    private const string SmallSchoolB = "Het Kompas";
    private const string ConfidentialText = "GEHEIM zorgen om oom in Aleppo";
    private const string SharedText = "De buurvrouw kookt soms voor ons";
    private const string UnsharedText = "NIETGEDEELD verhaal over de huisbaas";

    [Fact]
    public async Task A_week_of_sixty_conversations_gives_correct_pdfs_that_name_no_small_school_and_quote_nothing_confidential()
    {
        var (app, world) = await StartAsync();
        var week = WeeklySchedule.LatestDueWeek(DateTimeOffset.UtcNow);
        var expected = await SeedAsync(app, world, week);

        var failure = await app.Services.GetRequiredService<WeeklyReportBuilder>().BuildAsync(week, null);
        Assert.Null(failure);

        var store = app.Services.GetRequiredService<WeeklyReportStore>();
        var documents = await store.DocumentsAsync();
        Assert.Equal(1 + LargeSchools.Length + 1, documents.Count);
        var texts = new Dictionary<string, string>();
        foreach (var document in documents)
        {
            var (_, pdf, _) = (await store.DocumentAsync(document.Id))!.Value;
            texts[document.Title] = await PdfToTextAsync(pdf);
        }
        var municipality = texts["Weekoverzicht gemeente"];
        SavePagesForPeople(documents, store);
        Assert.Matches(@"Gesprekken gevoerd\s+60", municipality);
        Assert.Matches(@"Gezinnen bereikt\s+53", municipality);
        Assert.Contains("Nieuw contact 53", Flat(municipality)); // seven households came twice, all for the first time this week
        Assert.Contains("Herhaald contact 0", Flat(municipality));
        Assert.Contains(week.Title, municipality);
        Assert.Contains(week.DateRange, municipality);
        // Schools of eight families: their shares are ranges, so the total is withheld (else it minus the rows gives them back).
        Assert.Contains("Alle scholen 53 niet getoond niet getoond niet getoond", Flat(municipality));
        Assert.Contains("Overige scholen 5 ", Flat(municipality));
        Assert.Contains("2 scholen zijn samengevoegd onder \"Overige scholen\"", Flat(municipality));
        Assert.Contains("Pagina 1 van", municipality);
        AssertNoSmallGroupBySubtraction(municipality);

        var regenboog = texts["Weekoverzicht De Regenboog"];
        Assert.Contains($"Ouders die hun kinderen kunnen helpen met huiswerk {expected.HomeworkRegenboog}", Flat(regenboog));
        // The school's own share is a range, so all schools minus it stays a range: the comparison may be exact.
        Assert.Contains($"kan {expected.HomeworkAll} helpen", Flat(regenboog));

        var newsletter = texts["Nieuwsbrief voor collega's"];
        Assert.Contains(SharedText, newsletter);
        foreach (var (title, text) in texts)
        {
            Assert.DoesNotContain(SmallSchoolA, text);
            Assert.DoesNotContain(SmallSchoolB, text);
            Assert.DoesNotContain("GEHEIM", text);
            Assert.DoesNotContain("NIETGEDEELD", text);
            Assert.DoesNotContain("Gezin Week", text);
            if (title != "Nieuwsbrief voor collega's")
            {
                Assert.DoesNotContain(SharedText, text);
            }
        }
        SavePagesForPeople(documents, store);
    }

    [Fact]
    public async Task Without_chromium_the_run_fails_with_a_clear_reason_and_the_next_run_tries_again()
    {
        var (app, _) = await StartAsync(settings: new Dictionary<string, string?> { ["WeeklyReports:ChromiumPath"] = "/nonexistent/chromium" });
        var job = app.Services.GetRequiredService<WeeklyReportJob>();
        Assert.False(await job.RunDueAsync());
        var runs = await app.Services.GetRequiredService<WeeklyReportStore>().RecentRunsAsync(5);
        var run = Assert.Single(runs);
        Assert.Equal(WeeklyReportStore.Failed, run.Status);
        Assert.Contains("Chromium is niet gevonden op /nonexistent/chromium", run.Error);
        Assert.False(await job.RunDueAsync());
        Assert.Equal(2, (await app.Services.GetRequiredService<WeeklyReportStore>().RecentRunsAsync(5)).Count);
    }

    [Fact]
    public async Task The_job_builds_a_week_once_and_catches_up_missed_weeks_after_downtime()
    {
        var (app, _) = await StartAsync();
        var latest = WeeklySchedule.LatestDueWeek(DateTimeOffset.UtcNow);
        await using (var connection = await app.Services.GetRequiredService<Database>().OpenAsync())
        {
            // The app was down: the last week it built was three weeks before the latest due week.
            var old = latest.Previous.Previous.Previous;
            await connection.ExecuteAsync(
                "INSERT INTO weekly_report_runs (iso_year, iso_week, status, started_at) VALUES (@Year, @Week, 'gelukt', @now)",
                new { old.Year, old.Week, now = DateTimeOffset.UtcNow });
        }
        var job = app.Services.GetRequiredService<WeeklyReportJob>();
        Assert.True(await job.RunDueAsync());
        Assert.True(await job.RunDueAsync()); // nothing left to do: no second build

        var built = (await app.Services.GetRequiredService<WeeklyReportStore>().RecentRunsAsync(10))
            .Where(r => r.Status == WeeklyReportStore.Succeeded).Select(r => new ReportWeek(r.Year, r.Week)).Order().ToList();
        Assert.Equal([latest.Previous.Previous.Previous, latest.Previous.Previous, latest.Previous, latest], built);
        // An empty week still gives valid, short documents that say so.
        var documents = await app.Services.GetRequiredService<WeeklyReportStore>().DocumentsAsync();
        var (_, pdf, _) = (await app.Services.GetRequiredService<WeeklyReportStore>().DocumentAsync(documents.First(d => d.Kind == WeeklyDocument.Municipality).Id))!.Value;
        Assert.Contains("In deze week zijn geen gesprekken afgerond.", await PdfToTextAsync(pdf));
    }

    private sealed record Expected(string HomeworkAll, string HomeworkRegenboog);

    private static async Task<Expected> SeedAsync(GesprekToolFactory app, TestWorld world, ReportWeek week)
    {
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var schoolIds = new Dictionary<string, long>();
        foreach (var name in LargeSchools.Append(SmallSchoolA).Append(SmallSchoolB))
        {
            schoolIds[name] = await world.SchoolAsync(name);
        }
        // 6 large schools x 8 households, then 3 + 2 households at the small schools = 53 households;
        // 7 of them have a second conversation in the same week: 60 conversations.
        var plan = LargeSchools.SelectMany(s => Enumerable.Repeat(s, 8)).Concat(Enumerable.Repeat(SmallSchoolA, 3)).Concat(Enumerable.Repeat(SmallSchoolB, 2)).ToList();
        var saving = app.Services.GetRequiredService<AnswerSaving>();
        var conversations = app.Services.GetRequiredService<ConversationStore>();
        var database = app.Services.GetRequiredService<Database>();
        var helpAll = 0;
        var helpRegenboog = 0;
        var regenboogConversations = 0;
        var n = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            var household = await world.HouseholdAsync(worker, $"Gezin Week {i}");
            foreach (var visit in i < 7 ? new[] { 0, 1 } : [0])
            {
                n++;
                var id = await conversations.StartAsync(worker, household, "jes-gesprekstoel", 1, "video", week.Monday.AddDays(n % 7), true);
                var conversation = (await conversations.FindAsync(worker, id))!;
                var helps = n % 4 != 0;
                helpAll += helps ? 1 : 0;
                if (plan[i] == "De Regenboog")
                {
                    regenboogConversations++;
                    helpRegenboog += helps ? 1 : 0;
                }
                var answers = new Dictionary<string, string[]>
                {
                    ["gezin-kinderen"] = ["2"], ["gezin-schoolgaand"] = ["ja"], ["school-contact"] = [n % 3 == 0 ? "weinig" : "goed"],
                    ["school-huiswerk-thuis"] = ["ja"], ["school-huiswerk-helpen"] = [helps ? "ja" : "nee"], ["school-wifi"] = [n % 5 == 0 ? "nee" : "ja"],
                    ["school-apparaat"] = [n % 6 == 0 ? "geen" : "genoeg"], ["school-naam"] = [schoolIds[plan[i]].ToString(CultureInfo.InvariantCulture)],
                    ["persoonlijk-geld"] = [n % 2 == 0 ? "ja" : "nee"], ["cijfer-ouder"] = [(3 + n % 7).ToString(CultureInfo.InvariantCulture)],
                    ["cijfer-kinderen"] = ["7"], ["verdieping-steun-mensen"] = ["ja"],
                    ["verdieping-volhouden"] = [n % 10 == 0 ? ConfidentialText : n == 7 ? SharedText : UnsharedText],
                };
                foreach (var (key, values) in answers)
                {
                    var result = await saving.SaveAsync(conversation, worker, key, values, 1000 + n);
                    Assert.Equal(AnswerSaveStatus.Saved, result.Status);
                }
                await conversations.SetStatusAsync(id, ConversationStatus.Finished, TestAudit.Event);
                await using var connection = await database.OpenAsync();
                // Every tenth conversation is confidential, and its worker (wrongly) marked the text shareable: it must still not appear.
                await connection.ExecuteAsync("UPDATE conversations SET is_confidential = @confidential WHERE id = @id", new { id, confidential = n % 10 == 0 });
                await connection.ExecuteAsync(
                    "UPDATE answers SET is_shareable = @shareable WHERE conversation_id = @id AND question_key = 'verdieping-volhouden'",
                    new { id, shareable = n % 10 == 0 || n == 7 });
            }
        }
        Assert.Equal(60, n);
        return new Expected(Share(helpAll, 60), Share(helpRegenboog, regenboogConversations));
    }

    [Fact]
    public async Task Week_46_two_schools_of_six_and_three_households_elsewhere_the_pdf_rows_add_up_without_a_small_remainder()
    {
        var (app, world) = await StartAsync();
        var week = WeeklySchedule.LatestDueWeek(DateTimeOffset.UtcNow);
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var plan = new[] { ("De Regenboog", 6), ("De Klimop", 6), (SmallSchoolA, 2), (SmallSchoolB, 1) };
        var saving = app.Services.GetRequiredService<AnswerSaving>();
        var conversations = app.Services.GetRequiredService<ConversationStore>();
        var n = 0;
        foreach (var (school, households) in plan)
        {
            var schoolId = await world.SchoolAsync(school);
            for (var h = 0; h < households; h++)
            {
                n++;
                var household = await world.HouseholdAsync(worker, $"Gezin {n}");
                var id = await conversations.StartAsync(worker, household, "jes-gesprekstoel", 1, "video", week.Monday.AddDays(n % 7), true);
                var conversation = (await conversations.FindAsync(worker, id))!;
                foreach (var (key, value) in new Dictionary<string, string>
                {
                    ["gezin-kinderen"] = "2", ["gezin-schoolgaand"] = "ja", ["school-huiswerk-helpen"] = n % 3 == 0 ? "nee" : "ja",
                    ["school-wifi"] = n % 4 == 0 ? "nee" : "ja", ["school-apparaat"] = "genoeg",
                    ["school-naam"] = schoolId.ToString(CultureInfo.InvariantCulture),
                })
                {
                    await saving.SaveAsync(conversation, worker, key, [value], 1000 + n);
                }
                await conversations.SetStatusAsync(id, ConversationStatus.Finished, TestAudit.Event);
            }
        }

        Assert.Null(await app.Services.GetRequiredService<WeeklyReportBuilder>().BuildAsync(week, null));

        var store = app.Services.GetRequiredService<WeeklyReportStore>();
        var documents = await store.DocumentsAsync();
        var municipality = await PdfToTextAsync((await store.DocumentAsync(documents.Single(d => d.Title == "Weekoverzicht gemeente").Id))!.Value.Pdf);
        Assert.Contains("Alle scholen 15 ", Flat(municipality));
        AssertNoSmallGroupBySubtraction(municipality);
        // De Regenboog's six families: one without working wifi (n = 4), two who cannot help with homework (n = 3, 6).
        var regenboogDocument = (await store.DocumentAsync(documents.Single(d => d.Title == "Weekoverzicht De Regenboog").Id))!.Value;
        Assert.Equal($"weekoverzicht-de-regenboog-{week}.pdf", regenboogDocument.FileName); // named after the school and week, not its id
        var regenboog = await PdfToTextAsync(regenboogDocument.Pdf);
        Assert.Contains("Gezinnen zonder werkende wifi minder dan 5 van 6", Flat(regenboog));
        Assert.Contains("Ouders die hun kinderen kunnen helpen met huiswerk minder dan 5 van 6", Flat(regenboog));
        Assert.DoesNotMatch(@"\b[1-4] van 6\b", Flat(regenboog));
        Assert.DoesNotMatch(@"\b[1-4] van 6 \(", Flat(regenboog));
        Assert.Contains("dan staat er \"minder dan 5\"", Flat(regenboog));
        // De Klimop joined "Overige scholen" to cover the three households elsewhere, so it gets no document
        // of its own; De Regenboog's comparison with all schools leaves a group of nine.
        Assert.Equal(["Weekoverzicht De Regenboog"], documents.Select(d => d.Title).Where(t => t.StartsWith("Weekoverzicht De", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Reads the "School en thuis" table back from the PDF's text: "Alle scholen" minus the rows shown
    /// must be nothing, or a group of at least the threshold, in households and in every share's numbers;
    /// a total printed exactly may only stand under rows printed exactly, or the subtraction gives a range back.
    /// </summary>
    private static void AssertNoSmallGroupBySubtraction(string pdfText, int threshold = 5)
    {
        // One table row per line in pdftotext's layout mode: name, households, three cells.
        const string cell = @"((\d+) van (\d+) \(\d+%\)|(?:minder|meer) dan \d+ van (\d+)|minder dan \d+ antwoorden|geen antwoorden|niet getoond)";
        var rows = pdfText.Split('\n')
            .Select(line => Regex.Match(line, $@"^\s*(\S.*?)\s{{2,}}(\d+)\s+{cell}\s+{cell}\s+{cell}\s*$"))
            .Where(m => m.Success)
            .Select(m => (Name: m.Groups[1].Value, Households: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                Cells: Enumerable.Range(0, 3).Select(c => (Exact: m.Groups[4 + 4 * c].Success, Part: Number(m.Groups[4 + 4 * c]), Of: Number(m.Groups[5 + 4 * c]))).ToArray(),
                Printed: Enumerable.Range(0, 3).Select(c => m.Groups[3 + 4 * c].Value).ToArray()))
            .ToList();
        var total = rows.Single(r => r.Name == "Alle scholen");
        var shown = rows.Where(r => r.Name != "Alle scholen").ToList();
        Assert.NotEmpty(shown);
        var households = total.Households - shown.Sum(r => r.Households);
        Assert.True(households <= 0 || households >= threshold, $"{households} households recoverable by subtraction");
        for (var column = 0; column < 3; column++)
        {
            Assert.DoesNotMatch(@"^[1-4] van", total.Printed[column]);
            Assert.All(shown, r => Assert.DoesNotMatch(@"^[1-4] van", r.Printed[column]));
            if (!total.Cells[column].Exact)
            {
                continue;
            }
            Assert.All(shown, r => Assert.True(r.Cells[column].Exact || r.Printed[column] == "geen antwoorden",
                $"{r.Name} printed as '{r.Printed[column]}' under an exact total '{total.Printed[column]}'"));
            var restOf = total.Cells[column].Of - shown.Sum(r => r.Cells[column].Of);
            var restPart = total.Cells[column].Part - shown.Sum(r => r.Cells[column].Part);
            Assert.True(restOf <= 0 || restOf >= threshold, $"a share over {restOf} conversations recoverable by subtraction");
            Assert.False(restPart is >= 1 and < 5, $"a count of {restPart} recoverable by subtraction");
        }

        static int Number(Group group) => group.Success ? int.Parse(group.Value, CultureInfo.InvariantCulture) : 0;
    }

    private static string Share(int part, int of) => SmallCells.Text(part, of, 5, "van");

    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    public static async Task<string> PdfToTextAsync(byte[] pdf)
    {
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("pdf"), "document.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return text;
    }

    /// <summary>The PDFs go to artifacts/reports for people to look at (pdftoppm turns them into PNGs).</summary>
    private static void SavePagesForPeople(IReadOnlyList<StoredDocument> documents, WeeklyReportStore store)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "artifacts", "reports");
        Directory.CreateDirectory(folder);
        foreach (var document in documents)
        {
            var (name, pdf, _) = store.DocumentAsync(document.Id).GetAwaiter().GetResult()!.Value;
            File.WriteAllBytes(Path.Combine(folder, name), pdf);
        }
    }
}
