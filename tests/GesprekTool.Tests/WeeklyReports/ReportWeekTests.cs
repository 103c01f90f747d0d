using GesprekTool.WeeklyReports;

namespace GesprekTool.Tests.WeeklyReports;

public sealed class ReportWeekTests
{
    [Theory]
    [InlineData("2026-11-16", 2026, 47)]
    [InlineData("2026-11-22", 2026, 47)]
    [InlineData("2026-11-23", 2026, 48)]
    [InlineData("2026-12-31", 2026, 53)]
    [InlineData("2027-01-03", 2026, 53)]
    [InlineData("2027-01-04", 2027, 1)]
    [InlineData("2024-12-30", 2025, 1)]
    public void A_date_belongs_to_its_iso_week(string date, int year, int week) =>
        Assert.Equal(new ReportWeek(year, week), ReportWeek.Of(DateOnly.Parse(date)));

    [Fact]
    public void A_week_starts_and_ends_at_midnight_in_amsterdam()
    {
        var week = new ReportWeek(2026, 47);
        Assert.Equal(DateTimeOffset.Parse("2026-11-15T23:00:00Z"), week.StartsAt);
        Assert.Equal(DateTimeOffset.Parse("2026-11-22T23:00:00Z"), week.EndsAt);
    }

    [Fact]
    public void The_week_summer_time_starts_has_167_hours_and_the_week_it_ends_169()
    {
        var spring = ReportWeek.Of(new DateOnly(2026, 3, 29));
        var autumn = ReportWeek.Of(new DateOnly(2026, 10, 25));
        Assert.Equal(TimeSpan.FromHours(167), spring.EndsAt - spring.StartsAt);
        Assert.Equal(TimeSpan.FromHours(169), autumn.EndsAt - autumn.StartsAt);
        Assert.Equal(DateTimeOffset.Parse("2026-03-29T22:00:00Z"), spring.EndsAt);
    }

    [Theory]
    [InlineData("2026-03-29T21:59:59Z", 13)] // Sunday 23:59:59 summer time: still week 13
    [InlineData("2026-03-29T22:00:00Z", 14)] // Monday 00:00 summer time
    [InlineData("2026-10-25T22:59:59Z", 43)] // Sunday 23:59:59 winter time
    [InlineData("2026-10-25T23:00:00Z", 44)]
    [InlineData("2026-11-22T23:30:00Z", 48)] // Monday 00:30 in Amsterdam, still Sunday in UTC
    public void An_instant_falls_in_the_week_of_its_amsterdam_date(string instant, int week) =>
        Assert.Equal(week, ReportWeek.Containing(DateTimeOffset.Parse(instant)).Week);

    [Fact]
    public void The_date_range_reads_as_dutch()
    {
        Assert.Equal("16 t/m 22 november 2026", new ReportWeek(2026, 47).DateRange);
        Assert.Equal("28 december 2026 t/m 3 januari 2027", new ReportWeek(2026, 53).DateRange);
        Assert.Equal("26 oktober t/m 1 november 2026", new ReportWeek(2026, 44).DateRange);
    }

    [Fact]
    public void Eight_weeks_of_trend_run_across_the_new_year()
    {
        var weeks = new ReportWeek(2027, 2).WithPrevious(8);
        Assert.Equal(new ReportWeek(2026, 48), weeks[0]);
        Assert.Equal(new ReportWeek(2026, 53), weeks[5]);
        Assert.Equal(new ReportWeek(2027, 2), weeks[^1]);
    }
}
