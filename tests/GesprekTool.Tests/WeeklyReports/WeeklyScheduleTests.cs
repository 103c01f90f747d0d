using GesprekTool.WeeklyReports;

namespace GesprekTool.Tests.WeeklyReports;

public sealed class WeeklyScheduleTests
{
    [Theory]
    [InlineData("2026-11-21T12:00:00Z", "2026-11-23T06:00:00Z")] // Saturday -> Monday 07:00 CET
    [InlineData("2026-11-23T05:59:59Z", "2026-11-23T06:00:00Z")] // just before
    [InlineData("2026-11-23T06:00:00Z", "2026-11-30T06:00:00Z")] // exactly at: the next one
    [InlineData("2026-03-28T12:00:00Z", "2026-03-30T05:00:00Z")] // over the spring change: 07:00 CEST
    [InlineData("2026-10-24T12:00:00Z", "2026-10-26T06:00:00Z")] // over the autumn change: 07:00 CET
    public void The_job_runs_on_monday_at_seven_amsterdam_time(string now, string next) =>
        Assert.Equal(DateTimeOffset.Parse(next), WeeklySchedule.NextRunAfter(DateTimeOffset.Parse(now)));

    [Theory]
    [InlineData("2026-11-23T05:59:00Z", 46)] // Monday 06:59: week 47 is not due yet
    [InlineData("2026-11-23T06:00:00Z", 47)]
    [InlineData("2026-11-26T10:00:00Z", 47)]
    public void The_week_that_just_ended_is_due_from_monday_seven(string now, int week) =>
        Assert.Equal(week, WeeklySchedule.LatestDueWeek(DateTimeOffset.Parse(now)).Week);

    [Fact]
    public void A_built_week_is_not_built_again()
    {
        var now = DateTimeOffset.Parse("2026-11-25T10:00:00Z");
        Assert.Empty(WeeklySchedule.WeeksToBuild(now, lastBuilt: new ReportWeek(2026, 47)));
    }

    [Fact]
    public void After_downtime_the_missed_weeks_are_built_oldest_first()
    {
        var now = DateTimeOffset.Parse("2026-11-25T10:00:00Z");
        var weeks = WeeklySchedule.WeeksToBuild(now, lastBuilt: new ReportWeek(2026, 44));
        Assert.Equal([new ReportWeek(2026, 45), new ReportWeek(2026, 46), new ReportWeek(2026, 47)], weeks);
    }

    [Fact]
    public void A_fresh_install_builds_only_the_latest_week() =>
        Assert.Equal([new ReportWeek(2026, 47)], WeeklySchedule.WeeksToBuild(DateTimeOffset.Parse("2026-11-25T10:00:00Z"), null));
}
