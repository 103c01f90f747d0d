namespace GesprekTool.WeeklyReports;

/// <summary>A document of a week ready to render: what it is, its component, that component's parameters, and its headline figures.</summary>
public sealed record ReportDocument(WeeklyDocument Document, Type Component, IReadOnlyDictionary<string, object?> Parameters, IReadOnlyList<Headline> Headlines);

/// <summary>
/// Every weekly document in one place: kind, title, file name, component and typed parameters
/// (named with <c>nameof</c>, so renaming a component parameter is a compile error). The builder,
/// the preview endpoint and the coordinator's page all take their documents from here.
/// </summary>
public static class WeeklyDocumentCatalog
{
    public static IEnumerable<ReportDocument> ForWeek(WeekFigures figures, IReadOnlyList<NewsletterTip> tips) =>
        [Municipality(figures), .. figures.Schools.Select(school => School(figures, school)), Newsletter(figures, tips)];

    public static ReportDocument Municipality(WeekFigures figures) => new(
        new WeeklyDocument(WeeklyDocument.Municipality, null, "Weekoverzicht gemeente", $"gemeente-{figures.Week}.pdf"),
        typeof(MunicipalityReport),
        new Dictionary<string, object?> { [nameof(MunicipalityReport.Figures)] = figures },
        Headlines.Municipality(figures));

    /// <summary>Only for a school shown in the figures: a school below the threshold has no document.</summary>
    public static ReportDocument School(WeekFigures figures, SchoolFigures school) => new(
        new WeeklyDocument(WeeklyDocument.School, school.SchoolId, $"Weekoverzicht {school.Name}", $"weekoverzicht-{FileNameOf(school.Name)}-{figures.Week}.pdf"),
        typeof(SchoolReport),
        new Dictionary<string, object?>
        {
            [nameof(SchoolReport.School)] = school,
            [nameof(SchoolReport.AllSchools)] = figures.AllSchools,
            [nameof(SchoolReport.Week)] = figures.Week,
            [nameof(SchoolReport.Threshold)] = figures.Threshold,
        },
        Headlines.School(school, figures.Threshold));

    /// <summary>"Sint-Jozefschool (Leiden)" as "sint-jozefschool-leiden": readable in a mail or a downloads folder, safe on every system.</summary>
    public static string FileNameOf(string name)
    {
        var plain = new string(name.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        var slug = string.Join('-', plain.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "school" : slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }

    public static ReportDocument Newsletter(WeekFigures figures, IReadOnlyList<NewsletterTip> tips) => new(
        new WeeklyDocument(WeeklyDocument.Newsletter, null, "Nieuwsbrief voor collega's", $"nieuwsbrief-{figures.Week}.pdf"),
        typeof(NewsletterReport),
        new Dictionary<string, object?> { [nameof(NewsletterReport.Figures)] = figures, [nameof(NewsletterReport.Tips)] = tips },
        Headlines.Newsletter(figures, tips.Count));
}
