namespace GesprekTool.WeeklyReports;

/// <summary>One figure of a document's "In het kort", as printed in it: "Gezinnen bereikt", "23".</summary>
public sealed record Headline(string Label, string Value);

/// <summary>
/// The few figures a reader sees first, per document: the mail that carries a document shows them,
/// so a care coordinator reading on a phone knows the week before opening the PDF. They are the
/// document's own "In het kort" rows, with the same suppression of small groups as the PDF.
/// </summary>
public static class Headlines
{
    public static IReadOnlyList<Headline> Municipality(WeekFigures figures) => figures.Conversations == 0
        ? [new("Gesprekken gevoerd", "geen")]
        : [
            new("Gesprekken gevoerd", figures.Conversations.ToString()),
            new("Gezinnen bereikt", figures.Households.ToString()),
            new("Nieuw contact", figures.NewHouseholds.ToString()),
            new("Terugbellen te laat", figures.CallbacksOverdue.ToString()),
        ];

    public static IReadOnlyList<Headline> School(SchoolFigures school, int threshold) =>
    [
        new("Gezinnen met kinderen op uw school gesproken", school.Households.ToString()),
        new("Ouders die kunnen helpen met huiswerk", school.HomeworkHelp.Safe(threshold)),
        new("Gezinnen zonder werkende wifi", school.NoWifi.Safe(threshold)),
        new("Gezinnen zonder of met te weinig computers", school.DeviceGap.Safe(threshold)),
    ];

    /// <summary>Inside the organisation: exact counts, as the newsletter prints them.</summary>
    public static IReadOnlyList<Headline> Newsletter(WeekFigures figures, int tips) =>
    [
        new("Gesprekken gevoerd", figures.Conversations.ToString()),
        new("Gezinnen bereikt", figures.Households.ToString()),
        new("Terugbellen te laat", figures.CallbacksOverdue.ToString()),
        new("Tips van collega's", tips.ToString()),
    ];

    public static string ToJson(IReadOnlyList<Headline> headlines) => System.Text.Json.JsonSerializer.Serialize(headlines);

    /// <summary>Documents built before headlines were kept have none: the mail then points at the attachment only.</summary>
    public static IReadOnlyList<Headline> FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? [] : System.Text.Json.JsonSerializer.Deserialize<List<Headline>>(json) ?? [];
}
