using GesprekTool.Coaching;

namespace GesprekTool.Tests.Coaching;

public sealed class StepClockTests
{
    private static readonly CoachingStep Questions = new("vragen", "Vragenronde", 15, "Alleen open vragen.", "Typ twee vragen.", ContributionKind.Question, 2, false);
    private static readonly DateTimeOffset Started = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_step_ends_its_time_box_after_it_started() =>
        Assert.Equal(Started.AddMinutes(15), StepClock.EndsAt(Started, Questions));

    [Theory]
    [InlineData(0, 900, "15:00")]
    [InlineData(65.5, 835, "13:55")]
    [InlineData(899.2, 1, "0:01")]
    [InlineData(900, 0, "0:00")]
    [InlineData(990, -90, "+1:30")]
    public void The_countdown_is_computed_from_when_the_step_began(double secondsIn, int left, string shown)
    {
        var seconds = StepClock.SecondsLeft(Started, Questions, Started.AddSeconds(secondsIn));

        Assert.Equal(left, seconds);
        Assert.Equal(shown, StepClock.Dutch(seconds));
    }

    [Fact]
    public void A_reload_or_a_late_joiner_sees_the_same_time_left()
    {
        var now = Started.AddMinutes(7);

        Assert.Equal(StepClock.SecondsLeft(Started, Questions, now), StepClock.SecondsLeft(Started, Questions, now));
        Assert.Equal(480, StepClock.SecondsLeft(Started, Questions, now));
    }
}
