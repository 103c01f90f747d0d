using Microsoft.Extensions.Options;

namespace GesprekTool.WeeklyReports;

/// <summary>
/// Every Monday at 07:00 Amsterdam time, builds the week that just ended. On start-up it first
/// catches up the weeks missed while the app was down. What was built is read from the database,
/// so a restart never builds a week twice. A failed run is retried an hour later.
/// </summary>
public sealed class WeeklyReportJob(
    WeeklyReportStore store, WeeklyReportBuilder builder, IOptionsMonitor<ReportOptions> options, TimeProvider clock,
    ILogger<WeeklyReportJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.JobEnabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var failed = false;
            try
            {
                failed = !await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Weekly report job failed");
                failed = true;
            }
            var now = clock.GetUtcNow();
            var next = WeeklySchedule.NextRunAfter(now);
            if (failed && now.AddMinutes(options.CurrentValue.RetryAfterMinutes) < next)
            {
                next = now.AddMinutes(options.CurrentValue.RetryAfterMinutes);
            }
            logger.LogInformation("Next weekly report run at {Next:u}", next);
            await Task.Delay(next - now, clock, stoppingToken);
        }
    }

    /// <summary>Builds every week that is due and not built yet, oldest first. False when one failed.</summary>
    public async Task<bool> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var due = WeeklySchedule.WeeksToBuild(clock.GetUtcNow(), await store.LastBuiltWeekAsync());
        foreach (var week in due)
        {
            if (await builder.BuildAsync(week, null, cancellationToken) is not null)
            {
                return false;
            }
        }
        return true;
    }
}
