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
        if (engine == DatabaseEngine.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(connectionString ?? "Data Source=data/gesprektool.db");
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
            builder.Pooling = true;
            builder.DefaultTimeout = 30;
            connectionString = builder.ToString();
        }
        return new Database(engine, connectionString
            ?? throw new InvalidOperationException("ConnectionStrings:GesprekTool is required for PostgreSQL."));
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Engine == DatabaseEngine.Sqlite
            ? new SqliteConnection(ConnectionString)
            : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (Engine == DatabaseEngine.Sqlite)
        {
            await using var pragma = connection.CreateCommand();
            // Per connection: enforce foreign keys, wait for a writer instead of failing at once.
            pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        return connection;
    }
}
