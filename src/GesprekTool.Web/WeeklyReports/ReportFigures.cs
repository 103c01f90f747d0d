namespace GesprekTool.WeeklyReports;

public sealed record Tally(string Label, int Count);

/// <summary>A part of a whole, e.g. 34 of 45 parents manage to help with homework.</summary>
public sealed record Share(int Part, int Of)
{
    public int? Percent => Of == 0 ? null : (int)Math.Round(100.0 * Part / Of, MidpointRounding.AwayFromZero);

    /// <summary>Exact, for colleagues inside the organisation.</summary>
    public string Dutch => Of == 0 ? "geen antwoorden" : $"{Part} van {Of} ({Percent}%)";

    /// <summary>For readers outside the organisation: exact only when <see cref="SmallCells"/> allows it.</summary>
    public string Safe(int threshold) => SmallCells.Text(Part, Of, threshold, "van");

    public bool IsExact(int threshold) => SmallCells.IsExact(Part, Of, threshold);

    /// <summary>What is left of this share after taking out another (the subtraction a reader can do).</summary>
    public Share Minus(Share other) => new(Math.Max(0, Part - other.Part), Math.Max(0, Of - other.Of));
}

/// <summary>
/// Cell suppression as statistics offices do it, for documents that leave the organisation. A
/// school knows which families take part, so "1 van 6 without wifi" points at a family. A count
/// of 1 to threshold − 1 is printed as "minder dan 5"; a count whose complement (the rest of the
/// group) would be 1 to threshold − 1 is printed as a range too ("meer dan 4 van 6"), so the small
/// complement cannot be recovered by subtraction. The ranges never overlap and never leave a
/// single value, so knowing the rule does not give the number back. 0 is printed exactly (nobody),
/// and so is "all" once the group is large enough that "all" is not the top of a range.
/// Percentages are printed for exact counts only.
/// </summary>
public static class SmallCells
{
    /// <summary>The printed range the count falls in; From == To means it is printed exactly.</summary>
    public static (int From, int To) RangeOf(int part, int of, int threshold)
    {
        if (of < threshold)
        {
            return of == 0 ? (0, 0) : (0, of); // the whole group is small: no count is printed
        }
        if (part >= 1 && part < threshold)
        {
            return (1, threshold - 1);
        }
        // The upper range: counts whose complement is small. For a group under 2·threshold − 1 it
        // reaches up to "all" (else "all" would be the only value left above the lower range).
        var highFrom = Math.Max(threshold, of - threshold + 1);
        var highTo = of <= 2 * threshold - 2 ? of : of - 1;
        return part >= highFrom && part <= highTo && highFrom < highTo ? (highFrom, highTo) : (part, part);
    }

    public static bool IsExact(int part, int of, int threshold) => RangeOf(part, of, threshold) is var (from, to) && from == to;

    /// <summary>"3 van 12 (25%)", "minder dan 5 van 12", "meer dan 7 van 12".</summary>
    public static string Text(int part, int of, int threshold, string ofWord)
    {
        if (of == 0)
        {
            return "geen antwoorden";
        }
        if (of < threshold)
        {
            return $"minder dan {threshold} antwoorden";
        }
        var (from, to) = RangeOf(part, of, threshold);
        return from == to ? $"{part} {ofWord} {of} ({Percent(part, of)}%)"
            : from == 1 ? $"minder dan {to + 1} {ofWord} {of}"
            : $"meer dan {from - 1} {ofWord} {of}";
    }

    private static int Percent(int part, int of) => (int)Math.Round(100.0 * part / of, MidpointRounding.AwayFromZero);
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
