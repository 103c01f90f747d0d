using GesprekTool.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>A fresh, migrated database on either engine, for repository and integration tests.</summary>
public static class TestDatabases
{
    public static async Task<(DatabaseEngine Engine, string ConnectionString)> CreateAsync(DatabaseEngine engine, PostgresServer postgres) =>
        engine == DatabaseEngine.Sqlite
            ? (engine, $"Data Source={Path.Combine(RepositoryPaths.NewTempDirectory("sqlite"), "test.db")}")
            : (engine, await postgres.CreateDatabaseAsync());

    public static async Task<Database> CreateMigratedAsync(DatabaseEngine engine, PostgresServer postgres)
    {
        var (_, connectionString) = await CreateAsync(engine, postgres);
        var database = new Database(engine, connectionString);
        await new Migrator(database, NullLogger<Migrator>.Instance).MigrateAsync();
        return database;
    }
}
