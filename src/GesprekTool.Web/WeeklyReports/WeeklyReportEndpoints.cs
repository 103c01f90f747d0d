using GesprekTool.Accounts;
using GesprekTool.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GesprekTool.WeeklyReports;

/// <summary>Downloading a stored PDF, and previewing a week's documents in the browser before printing.</summary>
internal static class WeeklyReportEndpoints
{
    public static string DownloadUrl(long documentId) => $"/weekoverzicht/documenten/{documentId}";
    public static string PreviewUrl(ReportWeek week, string kind) => $"/weekoverzicht/{week.Year}/{week.Week}/voorbeeld/{kind}";
    public static string PreviewSchoolUrl(ReportWeek week, long schoolId) => $"/weekoverzicht/{week.Year}/{week.Week}/voorbeeld/school/{schoolId}";

    public static void MapWeeklyReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/weekoverzicht").RequireAuthorization(policy => policy.RequireRole(Roles.Coordinator, Roles.Admin));
        group.MapGet("/documenten/{id:long}", DownloadAsync);
        group.MapGet("/{year:int}/{week:int}/voorbeeld/{kind}", PreviewAsync);
        group.MapGet("/{year:int}/{week:int}/voorbeeld/school/{schoolId:long}", PreviewSchoolAsync);
    }

    private static async Task<IResult> DownloadAsync(long id, CurrentUser user, WeeklyReportStore store, AuditLog audit)
    {
        var document = await store.DocumentAsync(id);
        if (document is null)
        {
            return Results.NotFound();
        }
        await audit.WriteAsync(user, "reports.downloaded", "document", id, document.Value.FileName);
        return Results.File(document.Value.Pdf, "application/pdf", document.Value.FileName);
    }

    private static async Task<IResult> PreviewAsync(int year, int week, string kind, WeeklyReportBuilder builder, WeeklyReportStore store)
    {
        if (ParseWeek(year, week) is not { } reportWeek)
        {
            return Results.NotFound();
        }
        var figures = await builder.FiguresAsync(reportWeek);
        var document = kind switch
        {
            WeeklyDocument.Municipality => WeeklyDocumentCatalog.Municipality(figures),
            WeeklyDocument.Newsletter => WeeklyDocumentCatalog.Newsletter(figures, await store.TipsAsync()),
            _ => null,
        };
        return document is null ? Results.NotFound() : Preview(document);
    }

    private static async Task<IResult> PreviewSchoolAsync(int year, int week, long schoolId, WeeklyReportBuilder builder)
    {
        if (ParseWeek(year, week) is not { } reportWeek)
        {
            return Results.NotFound();
        }
        var figures = await builder.FiguresAsync(reportWeek);
        // A school below the threshold has no document of its own, so no preview either.
        var shown = figures.Schools.FirstOrDefault(s => s.SchoolId == schoolId);
        return shown is null ? Results.NotFound() : Preview(WeeklyDocumentCatalog.School(figures, shown));
    }

    /// <summary>The same component and parameters as the PDF, shown in the browser.</summary>
    private static IResult Preview(ReportDocument document) => new RazorComponentResult(document.Component, document.Parameters);

    public static ReportWeek? ParseWeek(int year, int week) =>
        year is >= 2000 and <= 2100 && week >= 1 && week <= System.Globalization.ISOWeek.GetWeeksInYear(year) ? new ReportWeek(year, week) : null;
}
