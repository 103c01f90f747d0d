using GesprekTool.Data;
using Microsoft.Extensions.Options;

namespace GesprekTool.WeeklyReports;

/// <summary>
/// Every Monday at 07:00 Amsterdam time, builds the week that just ended. On start-up it first
/// catches up the weeks missed while the app was down. What was built is read from the database,
/// so a restart never builds a week twice. A failed run is retried an hour later. With several
/// instances on one database, each week is claimed first (<see cref="JobClaims"/>): one builds it.
/// </summary>
public sealed class WeeklyReportJob(
    WeeklyReportStore store, WeeklyReportBuilder builder, JobClaims claims, IOptionsMonitor<ReportOptions> options, TimeProvider clock,
    ILogger<WeeklyReportJob> logger) : BackgroundService
{
    public const string JobName = "weekly-documents";
    // Far longer than a build takes (seconds): a claim this old belongs to an instance that died.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

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
            var period = week.ToString();
            if (!await claims.TryClaimAsync(JobName, period, Lease))
            {
                logger.LogInformation("The weekly documents of {Week} are being built by another instance", week);
                continue;
            }
            if (await builder.BuildAsync(week, null, cancellationToken) is not null)
            {
                await claims.ReleaseAsync(JobName, period);
                return false;
            }
            await claims.FinishAsync(JobName, period);
        }
        return true;
    }
}
