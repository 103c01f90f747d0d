using System.Globalization;

namespace GesprekTool.WeeklyReports;

/// <summary>
/// An ISO week (Monday to Sunday) in Europe/Amsterdam time. Conversations belong to the week of the
/// date they were held; instants (the job's clock) are converted to Amsterdam time first, so a
/// week starts at local midnight whether it has 167, 168 or 169 hours (daylight saving).
/// </summary>
public sealed record ReportWeek(int Year, int Week) : IComparable<ReportWeek>
{
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public DateOnly Sunday => Monday.AddDays(6);

    public DateTimeOffset StartsAt => LocalMidnight(Monday);

    public DateTimeOffset EndsAt => LocalMidnight(Monday.AddDays(7));

    public bool Contains(DateOnly date) => date >= Monday && date <= Sunday;

    public ReportWeek Previous => Of(Monday.AddDays(-7));

    public ReportWeek Next => Of(Monday.AddDays(7));

    public static ReportWeek Of(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return new ReportWeek(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day));
    }

    public static ReportWeek Containing(DateTimeOffset instant) =>
        Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, DutchDate.Amsterdam).DateTime));

    /// <summary>This week and the ones before it, oldest first.</summary>
    public IReadOnlyList<ReportWeek> WithPrevious(int count)
    {
        var weeks = new List<ReportWeek> { this };
        while (weeks.Count < count)
        {
            weeks.Insert(0, weeks[0].Previous);
        }
        return weeks;
    }

    public string Title => $"Week {Week} van {Year}";

    /// <summary>"16 t/m 22 november 2026", or across months "28 december 2026 t/m 3 januari 2027".</summary>
    public string DateRange => Monday.Month == Sunday.Month
        ? $"{Monday.Day} t/m {Sunday.ToString("d MMMM yyyy", DutchDate.Culture)}"
        : $"{Monday.ToString(Monday.Year == Sunday.Year ? "d MMMM" : "d MMMM yyyy", DutchDate.Culture)} t/m {Sunday.ToString("d MMMM yyyy", DutchDate.Culture)}";

    public int CompareTo(ReportWeek? other) => other is null ? 1 : Monday.CompareTo(other.Monday);

    private static DateTimeOffset LocalMidnight(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, DutchDate.Amsterdam.GetUtcOffset(local));
    }

    public override string ToString() => $"{Year}-W{Week:00}";
}
