using Dapper;
using GesprekTool.Data;
using GesprekTool.Schools;
using GesprekTool.Tests.TestInfrastructure;
using GesprekTool.WeeklyReports;
using GesprekTool.WeeklyReports.Sending;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.WeeklyReports.Sending;

/// <summary>
/// A built week to send in the sending tests: stored documents (the municipality's, one per school,
/// the newsletter) and their recipients, made through the app's own stores, as the builder and the
/// recipients page make them.
/// </summary>
public sealed class WeeklyMailWorld(IServiceProvider services)
{
    public static readonly ReportWeek Week = new(2026, 48);

    public Dictionary<long, byte[]> Pdfs { get; } = [];

    /// <summary>Every document's addresses: the municipality, <paramref name="schools"/> schools with <paramref name="perSchool"/> each, the newsletter.</summary>
    public async Task<IReadOnlyList<string>> WeekWithRecipientsAsync(int schools, int perSchool = 1, string? municipality = "jeugd@gemeente.test")
    {
        var coordinator = await new TestWorld(services).UserAsync($"coco{Guid.NewGuid():N}"[..12], GesprekTool.Accounts.Roles.Coordinator);
        var store = services.GetRequiredService<WeeklyReportStore>();
        var recipients = services.GetRequiredService<RecipientStore>();
        var runId = await store.StartRunAsync(Week, coordinator);
        var addresses = new List<string>();
        async Task AddAsync(WeeklyDocument document, IEnumerable<string> to)
        {
            await store.SaveDocumentAsync(runId, Week, document, System.Text.Encoding.UTF8.GetBytes($"%PDF-1.7 {document.Title}"),
                [new Headline("Gezinnen bereikt", "23")]);
            foreach (var address in to)
            {
                await recipients.AddAsync(document.Kind, document.SchoolId, "Ontvanger", address, coordinator.Id);
                addresses.Add(address);
            }
        }
        await AddAsync(new WeeklyDocument(WeeklyDocument.Municipality, null, "Weekoverzicht gemeente", "gemeente-2026-W48.pdf"), municipality is null ? [] : [municipality]);
        for (var i = 1; i <= schools; i++)
        {
            var schoolId = await services.GetRequiredService<SchoolStore>().AddAsync($"School {i}");
            await AddAsync(new WeeklyDocument(WeeklyDocument.School, schoolId, $"Weekoverzicht School {i}", $"weekoverzicht-school-{i}-2026-W48.pdf"),
                Enumerable.Range(1, perSchool).Select(n => $"ib{n}@school{i}.test"));
        }
        await AddAsync(new WeeklyDocument(WeeklyDocument.Newsletter, null, "Nieuwsbrief voor collega's", "nieuwsbrief-2026-W48.pdf"), ["collegas@organisatie.test"]);
        await store.FinishRunAsync(runId, WeeklyReportStore.Succeeded, null);
        await using var connection = await services.GetRequiredService<Database>().OpenAsync();
        foreach (var (id, pdf) in await connection.QueryAsync<(long, byte[])>("SELECT id, pdf FROM weekly_documents WHERE run_id = @runId", new { runId }))
        {
            Pdfs[id] = pdf;
        }
        return addresses;
    }

    public async Task<IReadOnlyList<WeeklyMessage>> MessagesAsync() => await services.GetRequiredService<WeeklyMailStore>().ForWeekAsync(Week);

    public static async Task UntilAsync(Func<Task<bool>> condition, Func<Task<string>> explain, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Not reached in {seconds} s: {await explain()}");
            }
            await Task.Delay(100);
        }
    }

    public async Task<string> DescribeAsync() =>
        string.Join("; ", (await MessagesAsync()).Select(m => $"{m.Address} {m.Status} x{m.Attempts} {m.Answer}"));
}
