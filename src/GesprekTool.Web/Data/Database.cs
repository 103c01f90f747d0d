using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GesprekTool.Data;

public enum DatabaseEngine { Sqlite, Postgres }

/// <summary>
/// Opens connections to the configured database: an embedded SQLite file by default, PostgreSQL
/// when <c>Database:Engine</c> says so. One connection per unit of work, as Bitwarden does.
/// </summary>
public sealed class Database
{
    public Database(DatabaseEngine engine, string connectionString)
    {
        Engine = engine;
        ConnectionString = connectionString;
        DapperSetup.RegisterOnce();
    }

    public DatabaseEngine Engine { get; }
    public string ConnectionString { get; }

    public static Database FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var engine = configuration["Database:Engine"]?.ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseEngine.Sqlite,
            "postgres" or "postgresql" => DatabaseEngine.Postgres,
            var other => throw new InvalidOperationException($"Database:Engine '{other}' is not supported; use sqlite or postgres."),
        };
        var connectionString = configuration.GetConnectionString("GesprekTool");
        if (engine == DatabaseEngine.Postgres)
        {
            return new Database(engine, WithPostgresDefaults(connectionString
                ?? throw new InvalidOperationException("ConnectionStrings:GesprekTool is required for PostgreSQL.")));
        }
        var builder = new SqliteConnectionStringBuilder(connectionString ?? "Data Source=data/gesprektool.db");
        builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        return new Database(engine, builder.ToString());
    }

    /// <summary>
    /// Connections per app instance to PostgreSQL, unless the connection string sets "Maximum Pool
    /// Size". With more connections than the database has cores, saves queue in PostgreSQL and
    /// contend there: on two cores, 64 writers through Npgsql's default 100 made fewer saves per
    /// second than 16 writers, with a p99 of 150-180 ms; through 16 connections the rest wait in the
    /// pool, and 64 writers did more than 16 (docs/performance.md).
    /// </summary>
    public const int PostgresPoolSize = 16;

    public static string WithPostgresDefaults(string connectionString)
    {
        if (System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"max(imum)?\s*pool\s*size\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            return connectionString;
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = PostgresPoolSize }.ToString();
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Engine == DatabaseEngine.Sqlite
            ? new SqliteConnection(ConnectionString)
            : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (connection is SqliteConnection sqlite && SettingsNeeded(sqlite))
        {
            await using var pragma = connection.CreateCommand();
            // Per connection: enforce foreign keys, wait for a writer instead of failing at once.
            pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        return connection;
    }

    /// <summary>
    /// SQL for "<paramref name="column"/> is one of the ids in parameter <paramref name="parameter"/>",
    /// the ids passed as one value made by <see cref="IdList"/>: a PostgreSQL array, or a JSON array that
    /// SQLite unpacks with json_each. One parameter per id ("IN (@id0, …)", or Dapper's "IN @ids") cost
    /// seconds with thousands of ids: Microsoft.Data.Sqlite binds each by searching all of them.
    /// </summary>
    public string IsOneOf(string column, string parameter) => Engine == DatabaseEngine.Postgres
        ? $"{column} = ANY(@{parameter})"
        : $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    /// <summary>The value for an <see cref="IsOneOf"/> parameter.</summary>
    public object IdList(IEnumerable<long> ids) => Engine == DatabaseEngine.Postgres
        ? ids.ToArray()
        : System.Text.Json.JsonSerializer.Serialize(ids);

    /// <summary>
    /// A connection for a write transaction on a hot path. SQLite lets one writer in at a time; a
    /// writer that finds the file locked waits in SQLite's busy handler, which sleeps (1, 2, 5 … 100
    /// ms) on a thread-pool thread. Under load those sleeps and the blocked threads were the tail of
    /// the answer save. Here writers queue in the app instead, in order and without holding a thread,
    /// and the turn passes on when the connection closes. PostgreSQL locks rows, so it gets no queue.
    /// </summary>
    /// <remarks>Never open a second writer while holding one: the queue has one place.</remarks>
    public async Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken = default)
    {
        if (Engine != DatabaseEngine.Sqlite)
        {
            return await OpenAsync(cancellationToken);
        }
        await _sqliteWriters.WaitAsync(cancellationToken);
        var released = 0;
        void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                _sqliteWriters.Release();
            }
        }
        try
        {
            var connection = await OpenAsync(cancellationToken);
            connection.StateChange += (_, change) =>
            {
                if (change.CurrentState == System.Data.ConnectionState.Closed)
                {
                    Release();
                }
            };
            return connection;
        }
        catch
        {
            Release();
            throw;
        }
    }

    private readonly SemaphoreSlim _sqliteWriters = new(1, 1);

    // The native SQLite connections that already have the settings above. A pooled SqliteConnection
    // hands back the same native connection, and the settings stay on it: set them once, not on
    // every open (one round trip less per unit of work). Weak, so a closed native connection goes.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Prepared = new();

    private static bool SettingsNeeded(SqliteConnection connection) =>
        connection.Handle is not { } handle || Prepared.TryAdd(handle, Prepared);
}
