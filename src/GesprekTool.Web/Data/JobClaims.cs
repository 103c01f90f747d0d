using Dapper;

namespace GesprekTool.Data;

/// <summary>This app process among several behind the load balancer; named in job claims and logs.</summary>
public sealed record AppInstance(string Name)
{
    public static AppInstance FromConfiguration(IConfiguration configuration) =>
        new(configuration["Instance:Name"] is { Length: > 0 } name ? name : $"{Environment.MachineName}:{Environment.ProcessId}");
}

/// <summary>
/// Lets exactly one instance run a scheduled job for a period (for example the weekly documents of
/// one ISO week) when several share the database: the first claim wins through the primary key,
/// which works the same on SQLite and PostgreSQL. A claim left unfinished past its lease (its
/// instance died mid-run) may be taken over; a failed run is released so the retry may go anywhere.
/// </summary>
public sealed class JobClaims(Database database, AppInstance instance, TimeProvider clock)
{
    public async Task<bool> TryClaimAsync(string job, string period, TimeSpan lease)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync();
        var claimed = await connection.ExecuteAsync(
            """
            INSERT INTO job_claims (job, period, instance, claimed_at) VALUES (@job, @period, @instance, @now)
            ON CONFLICT (job, period) DO NOTHING
            """, new { job, period, instance = instance.Name, now });
        if (claimed == 1)
        {
            return true;
        }
        // Two instances may both see an expired claim: the row lock (PostgreSQL) or the single writer
        // (SQLite) makes the second UPDATE find claimed_at already renewed, so it changes nothing.
        return await connection.ExecuteAsync(
            """
            UPDATE job_claims SET instance = @instance, claimed_at = @now
            WHERE job = @job AND period = @period AND finished_at IS NULL AND claimed_at < @expired
            """, new { job, period, instance = instance.Name, now, expired = now - lease }) == 1;
    }

    public async Task FinishAsync(string job, string period)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE job_claims SET finished_at = @now WHERE job = @job AND period = @period AND instance = @instance",
            new { job, period, instance = instance.Name, now = clock.GetUtcNow() });
    }

    public async Task ReleaseAsync(string job, string period)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "DELETE FROM job_claims WHERE job = @job AND period = @period AND instance = @instance AND finished_at IS NULL",
            new { job, period, instance = instance.Name });
    }
}
