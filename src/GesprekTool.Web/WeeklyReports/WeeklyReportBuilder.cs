using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Questionnaires;
using Microsoft.Extensions.Options;

namespace GesprekTool.WeeklyReports;

/// <summary>
/// Builds one week's documents: the municipality report, one report per school that is large enough
/// to show, and the colleagues' newsletter; prints them in one browser and stores them with the run.
/// A failure (no Chromium, say) is recorded on the run with its reason, and nothing half-made is listed.
/// </summary>
public sealed class WeeklyReportBuilder(
    WeeklyReportStore store, QuestionnaireCatalog questionnaires, ReportRenderer renderer, PdfPrinter printer, AuditLog audit,
    IOptionsMonitor<ReportOptions> options, IConfiguration configuration, WeeklyBuildProgress progress, ILogger<WeeklyReportBuilder> logger)
{
    public async Task<WeekFigures> FiguresAsync(ReportWeek week)
    {
        var trend = week.WithPrevious(8);
        var conversations = await store.ConversationsAsync(trend[0], week);
        var callbacks = await store.CallbacksAsync(week);
        var schools = await store.SchoolsAsync();
        var questionnaire = questionnaires.Current(configuration["Questionnaires:Default"] ?? "jes-gesprekstoel");
        return WeeklyAggregation.Aggregate(week, conversations, callbacks, schools, options.CurrentValue.Threshold, questionnaire);
    }

    public const string AlreadyBuilding = "Er worden op dit moment al documenten gemaakt. Wacht tot die klaar zijn.";

    /// <summary>
    /// Returns null when the week was built, or the reason it failed (in Dutch, for the page). One
    /// week at a time per instance; the weekly overview's page follows the progress.
    /// </summary>
    public async Task<string?> BuildAsync(ReportWeek week, CurrentUser? requestedBy, CancellationToken cancellationToken = default)
    {
        if (!progress.TryStart(week))
        {
            return AlreadyBuilding;
        }
        try
        {
            return await BuildNowAsync(week, requestedBy, cancellationToken);
        }
        finally
        {
            await progress.FinishedAsync();
        }
    }

    private async Task<string?> BuildNowAsync(ReportWeek week, CurrentUser? requestedBy, CancellationToken cancellationToken)
    {
        var runId = await store.StartRunAsync(week, requestedBy);
        try
        {
            var figures = await FiguresAsync(week);
            var tips = await store.TipsAsync();
            var documents = await RenderAsync(figures, tips);
            await progress.RenderedAsync(documents.Select(d => d.Document.Title));
            var header = $"GesprekTool · {week.Title} · {week.DateRange}";
            IReadOnlyList<byte[]> pdfs;
            await using (var batch = await printer.StartBatchAsync())
            {
                pdfs = await batch.PrintAllAsync(documents.Select(d => (d.Html, $"{header} · {d.Document.Title}")).ToList(), printed: progress.PrintedAsync);
            }
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < documents.Count; i++)
            {
                await store.SaveDocumentAsync(runId, week, documents[i].Document, pdfs[i], documents[i].Headlines);
            }
            await store.FinishRunAsync(runId, WeeklyReportStore.Succeeded, null);
            await audit.WriteAsync(requestedBy, "reports.generated", "week", week.Year * 100 + week.Week, $"{week}: {documents.Count} documenten");
            logger.LogInformation("Built the weekly documents of {Week}: {Count} PDFs", week, documents.Count);
            return null;
        }
        catch (ChromiumNotFoundException e)
        {
            logger.LogError("Weekly documents of {Week} not built: {Reason}", week, e.Message);
            return await FailAsync(runId, $"De PDF's konden niet worden gemaakt: Chromium is niet gevonden op {options.CurrentValue.ChromiumPath}. Installeer het pakket chromium; de volgende poging volgt vanzelf.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Weekly documents of {Week} not built", week);
            return await FailAsync(runId, $"De PDF's konden niet worden gemaakt: {e.Message}");
        }
    }

    private async Task<string> FailAsync(long runId, string reason)
    {
        await store.FinishRunAsync(runId, WeeklyReportStore.Failed, reason);
        return reason;
    }

    private async Task<List<(WeeklyDocument Document, string Html, IReadOnlyList<Headline> Headlines)>> RenderAsync(WeekFigures figures, IReadOnlyList<NewsletterTip> tips)
    {
        var documents = new List<(WeeklyDocument, string, IReadOnlyList<Headline>)>();
        foreach (var document in WeeklyDocumentCatalog.ForWeek(figures, tips))
        {
            documents.Add((document.Document, await renderer.RenderAsync(document), document.Headlines));
        }
        return documents;
    }
}
