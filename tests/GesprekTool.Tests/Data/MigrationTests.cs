using Dapper;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace GesprekTool.Tests.Data;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresServer postgres)
{
    [Theory, OnBothDatabases]
    public async Task Migrations_create_the_schema_and_running_them_again_changes_nothing(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        await new Migrator(database, NullLogger<Migrator>.Instance).MigrateAsync();

        await using var connection = await database.OpenAsync();
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(Migrator.Migrations(engine).Select(m => m.Version), applied);
        foreach (var table in new[] { "users", "user_roles", "schools", "households", "conversations", "answers", "follow_up_actions", "audit_log", "questionnaire_versions" })
        {
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));
        }
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.Postgres)]
    public void Migration_files_are_numbered_without_gaps_for_each_engine(DatabaseEngine engine)
    {
        var versions = Migrator.Migrations(engine).Select(m => m.Version).ToList();

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }

    [Fact]
    public async Task SQLite_runs_in_WAL_mode_with_foreign_keys_enforced()
    {
        var database = await TestDatabases.CreateMigratedAsync(DatabaseEngine.Sqlite, postgres);

        await using var connection = await database.OpenAsync();
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
    }
}
