using System.Globalization;

namespace GesprekTool;

/// <summary>Dates as Dutch users read them, in Europe/Amsterdam time.</summary>
public static class DutchDate
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("nl-NL");
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Local(clock.GetUtcNow()).DateTime);

    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Amsterdam);

    public static string Short(DateOnly? date) => date?.ToString("d MMM yyyy", Culture) ?? "—";

    public static string Long(DateOnly date) => date.ToString("dddd d MMMM yyyy", Culture);

    public static string Moment(DateTimeOffset instant) => Local(instant).ToString("d MMM yyyy HH:mm", Culture);

    public static string Time(DateTimeOffset instant) => Local(instant).ToString("HH:mm", Culture);

    /// <summary>Local midnight in Amsterdam at the start of a day, as a UTC instant (for filters on stored instants).</summary>
    public static DateTimeOffset StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Amsterdam.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
}
