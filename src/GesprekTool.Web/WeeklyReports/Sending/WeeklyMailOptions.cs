namespace GesprekTool.WeeklyReports.Sending;

/// <summary>How the sending of weekly documents behaves ("WeeklyReports:Sending" in configuration).</summary>
public sealed class WeeklyMailOptions
{
    /// <summary>Every instance sends; off only where another process must not (a tool run).</summary>
    public bool JobEnabled { get; set; } = true;

    /// <summary>How often an instance looks for queued messages when nobody woke it (another instance queued them).</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>The first wait after the relay could not take a message; doubled each time, up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryFirstSeconds { get; set; } = 30;

    public double RetryMaxSeconds { get; set; } = 1800;

    /// <summary>After this many attempts a message is given up and shown as not sent (about seven hours with the defaults).</summary>
    public int MaxAttempts { get; set; } = 18;

    /// <summary>A claim older than this belongs to an instance that stopped mid-send (a send takes seconds; MailKit gives up after two minutes).</summary>
    public double SendingLeaseSeconds { get; set; } = 600;

    public TimeSpan RetryAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(RetryMaxSeconds, RetryFirstSeconds * Math.Pow(2, Math.Max(0, attempts - 1))));
}
