using System.Data.Common;
using Dapper;

namespace GesprekTool.Data;

/// <summary>
/// Several instances started together on one PostgreSQL database prepare it one after the other:
/// migrations, the questionnaire versions, demo data and the first DataProtection key are each done
/// once, by whichever instance gets the advisory lock first. SQLite serves one process, so there is
/// nothing to wait for.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    // Any fixed number: PostgreSQL advisory locks are named by a 64-bit key.
    private const long Key = 0x4765737072656b; // "Gesprek"
    private readonly DbConnection? _connection;

    private StartupLock(DbConnection? connection) => _connection = connection;

    public static async Task<StartupLock> TakeAsync(Database database, ILogger logger)
    {
        if (database.Engine != DatabaseEngine.Postgres)
        {
            return new StartupLock(null);
        }
        var connection = await database.OpenAsync();
        logger.LogInformation("Waiting for the start-up lock (another instance may be preparing the database)");
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@Key)", new { Key }, commandTimeout: 300);
        return new StartupLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.ExecuteAsync("SELECT pg_advisory_unlock(@Key)", new { Key });
            await _connection.DisposeAsync();
        }
    }
}
