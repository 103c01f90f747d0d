namespace GesprekTool.Audit;

/// <summary>
/// Once a day: keeps the database's retention setting equal to <c>Audit:RetentionDays</c> (default
/// five years, 1827 days) and deletes audit rows older than that. Nothing younger can be deleted:
/// the database refuses it.
/// </summary>
public sealed class AuditRetentionJob(AuditLog audit, IConfiguration configuration, ILogger<AuditRetentionJob> logger) : BackgroundService
{
    public const int DefaultRetentionDays = 1827;

    public int RetentionDays => Math.Max(1, configuration.GetValue("Audit:RetentionDays", DefaultRetentionDays));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Audit:RetentionJobEnabled", true))
        {
            return;
        }
        // Not in the middle of start-up: the first purge a minute later, then daily.
        await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24));
        do
        {
            try
            {
                var deleted = await audit.PurgeAsync(RetentionDays);
                if (deleted > 0)
                {
                    logger.LogInformation("Purged {Count} audit rows older than {Days} days", deleted, RetentionDays);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Audit retention purge failed; it runs again in 24 hours");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
