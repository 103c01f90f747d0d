using System.Security.Cryptography;
using System.Text;
using Dapper;
using GesprekTool.Data;
using Microsoft.Extensions.Options;

namespace GesprekTool.Calls;

/// <summary>
/// Slows down guessing of join links: an address that opened too many unusable links in ten minutes
/// is refused for a while. Only failures count, because many households on one mobile carrier share
/// one public address and must still get in with a good link. The count lives in the database, so
/// every instance behind the load balancer sees the same one.
/// </summary>
public sealed class JoinAttemptLimiter(Database database, IOptionsMonitor<CallOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public async Task<bool> MayTryAsync(string address)
    {
        await using var connection = await database.OpenAsync();
        var failures = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM join_failures WHERE address_sha256 = @hash AND failed_at > @since",
            new { hash = HashOf(address), since = clock.GetUtcNow() - Window });
        return failures < options.CurrentValue.FailedJoinsPerTenMinutes;
    }

    public async Task RecordFailureAsync(string address)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Nothing older than the window is kept: not needed for the count, and it is about people.
        await connection.ExecuteAsync("DELETE FROM join_failures WHERE failed_at <= @since", new { since = now - Window }, transaction);
        await connection.ExecuteAsync("INSERT INTO join_failures (address_sha256, failed_at) VALUES (@hash, @now)",
            new { hash = HashOf(address), now }, transaction);
        await transaction.CommitAsync();
    }

    private static string HashOf(string address) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(address)));
}
