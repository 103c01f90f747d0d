namespace GesprekTool.PhoneCalls;

public static class PhoneCallDuration
{
    /// <summary>"45 s", "12 min 5 s", "1 uur 3 min".</summary>
    public static string Dutch(TimeSpan duration) => duration switch
    {
        { TotalHours: >= 1 } => $"{(int)duration.TotalHours} uur {duration.Minutes} min",
        { TotalMinutes: >= 1 } => $"{(int)duration.TotalMinutes} min {duration.Seconds} s",
        _ => $"{duration.Seconds} s",
    };
}
