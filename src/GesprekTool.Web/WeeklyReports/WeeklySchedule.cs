namespace GesprekTool.WeeklyReports;

/// <summary>
/// When the weekly documents are due: every Monday at 07:00 Amsterdam time, for the week that just
/// ended. Plain calculations on a given clock, so they are easy to test across daylight saving.
/// </summary>
public static class WeeklySchedule
{
    public static readonly TimeOnly RunsAt = new(7, 0);

    /// <summary>The first Monday 07:00 (Amsterdam) strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRunAfter(DateTimeOffset now)
    {
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, DutchDate.Amsterdam).DateTime);
        var monday = local.AddDays(-(((int)local.DayOfWeek + 6) % 7));
        for (var candidate = monday; ; candidate = candidate.AddDays(7))
        {
            var run = At(candidate);
            if (run > now)
            {
                return run;
            }
        }
    }

    /// <summary>The newest week whose documents should exist at <paramref name="now"/>.</summary>
    public static ReportWeek LatestDueWeek(DateTimeOffset now)
    {
        var current = ReportWeek.Containing(now);
        return now >= At(current.Monday) ? current.Previous : current.Previous.Previous;
    }

    /// <summary>
    /// The weeks to build now: after the last week built (or only the latest due week on a fresh
    /// install), up to the latest due week; at most <paramref name="limit"/>, oldest first.
    /// </summary>
    public static IReadOnlyList<ReportWeek> WeeksToBuild(DateTimeOffset now, ReportWeek? lastBuilt, int limit = 26)
    {
        var latest = LatestDueWeek(now);
        if (lastBuilt is null)
        {
            return [latest];
        }
        var weeks = new List<ReportWeek>();
        for (var week = lastBuilt.Next; week.CompareTo(latest) <= 0; week = week.Next)
        {
            weeks.Add(week);
        }
        return weeks.TakeLast(limit).ToList();
    }

    private static DateTimeOffset At(DateOnly monday)
    {
        var local = monday.ToDateTime(RunsAt);
        return new DateTimeOffset(local, DutchDate.Amsterdam.GetUtcOffset(local));
    }
}
