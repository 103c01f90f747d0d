namespace GesprekTool.WeeklyReports;

/// <summary>Settings under "WeeklyReports" in configuration.</summary>
public sealed class ReportOptions
{
    /// <summary>Groups (schools, weeks) with fewer households than this are not shown on their own.</summary>
    public int Threshold { get; set; } = 5;

    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>The Monday job; off in tests, which call it directly.</summary>
    public bool JobEnabled { get; set; } = true;

    /// <summary>After a failed run (no Chromium, say) the job tries again this much later, or at the next Monday if sooner.</summary>
    public double RetryAfterMinutes { get; set; } = 60;
}
