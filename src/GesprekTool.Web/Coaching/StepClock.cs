namespace GesprekTool.Coaching;

/// <summary>
/// The shared countdown of a session's current step. The server stores only when the step began;
/// every browser computes the rest from that instant and its offset to the server's clock, so the
/// timer agrees across browsers and survives a reload. Overtime counts on as a negative number.
/// </summary>
public static class StepClock
{
    public static DateTimeOffset EndsAt(DateTimeOffset stepStartedAt, CoachingStep step) =>
        stepStartedAt.AddMinutes(step.Minutes);

    /// <summary>Whole seconds left (negative in overtime), rounded up so "0:01" shows until the last second.</summary>
    public static int SecondsLeft(DateTimeOffset stepStartedAt, CoachingStep step, DateTimeOffset now) =>
        (int)Math.Ceiling((EndsAt(stepStartedAt, step) - now).TotalSeconds);

    /// <summary>As a worker reads it: "12:05", or "+1:30" in overtime.</summary>
    public static string Dutch(int secondsLeft)
    {
        var seconds = Math.Abs(secondsLeft);
        var text = $"{seconds / 60}:{seconds % 60:00}";
        return secondsLeft < 0 ? "+" + text : text;
    }

    /// <summary>Minutes of the method still ahead once the current step ends: for the "ends at" line.</summary>
    public static int MinutesAfter(CoachingMethod method, int stepIndex) =>
        method.Steps.Skip(stepIndex + 1).Sum(s => s.Minutes);
}
