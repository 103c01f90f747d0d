namespace GesprekTool.WeeklyReports;

public sealed record Tally(string Label, int Count);

/// <summary>A part of a whole, e.g. 34 of 45 parents manage to help with homework.</summary>
public sealed record Share(int Part, int Of)
{
    public int? Percent => Of == 0 ? null : (int)Math.Round(100.0 * Part / Of, MidpointRounding.AwayFromZero);

    public string Dutch => Of == 0 ? "geen antwoorden" : $"{Part} van {Of} ({Percent}%)";
}

public sealed record NeedTally(string Kind, string Label, int Open, int Done);

/// <summary>One week of the trend. Suppressed: fewer households than the threshold, so no band breakdown.</summary>
public sealed record WeekBands(ReportWeek Week, int Conversations, IReadOnlyList<Tally> Bands, bool Suppressed = false);

/// <summary>What the school-related questions say for a group of households (one school, or a group: then no id).</summary>
public sealed record SchoolFigures(
    long? SchoolId,
    string Name, int Households, int Conversations, Share HomeworkHelp, Share NoWifi, Share DeviceGap,
    IReadOnlyList<Tally> SchoolContact, IReadOnlyList<Tally> Needs)
{
    /// <summary>For a named school: households at the other schools, so "all schools" minus this school is that group.</summary>
    public int RestHouseholds { get; init; }

    /// <summary>Comparing with all schools is safe when the rest is none or a group of at least the threshold.</summary>
    public bool MayCompareWithAll(int threshold) => RestHouseholds == 0 || RestHouseholds >= threshold;
}

/// <summary>The figures of one week: totals, bands and their trend, burdens, strengths, needs, callbacks.</summary>
public sealed record WeekFigures(
    ReportWeek Week,
    int Threshold,
    int Conversations,
    int Households,
    int NewHouseholds,
    int RepeatHouseholds,
    IReadOnlyList<Tally> Bands,
    IReadOnlyList<WeekBands> Trend,
    IReadOnlyList<Tally> TopBurdens,
    IReadOnlyList<Tally> TopStrengths,
    IReadOnlyList<NeedTally> Needs,
    int CallbacksRequested,
    int CallbacksDue,
    int CallbacksOverdue,
    SchoolFigures AllSchools,
    IReadOnlyList<SchoolFigures> Schools,
    SchoolFigures? OtherSchools,
    int SchoolsMerged,
    int SchoolsLeftOut,
    IReadOnlyList<ShareableQuote> Quotes)
{
    /// <summary>Too few households to break the week down without pointing at a family.</summary>
    public bool TooFewToBreakDown => Households < Threshold;

    /// <summary>Too few households with school-going children this week for any school figure.</summary>
    public bool TooFewForSchools => AllSchools.Households < Threshold;
}
