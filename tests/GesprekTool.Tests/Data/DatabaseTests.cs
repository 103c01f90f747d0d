using Dapper;
using GesprekTool.Data;
using Microsoft.Data.Sqlite;

namespace GesprekTool.Tests.Data;

/// <summary>How the app opens SQLite connections: settings once per pooled native connection, and they hold; writers on a hot path queue in the app.</summary>
public sealed class DatabaseTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"gesprektool-db-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_pooled_sqlite_connection_opened_again_still_enforces_foreign_keys_and_waits_for_writers()
    {
        Directory.CreateDirectory(_folder);
        var database = new Database(DatabaseEngine.Sqlite, $"Data Source={Path.Combine(_folder, "t.db")};Pooling=true");
        SQLitePCL.sqlite3? first;
        await using (var connection = (SqliteConnection)await database.OpenAsync())
        {
            first = connection.Handle;
            await connection.ExecuteAsync("CREATE TABLE parents (id INTEGER PRIMARY KEY); CREATE TABLE children (parent_id INTEGER NOT NULL REFERENCES parents (id))");
        }

        await using (var again = (SqliteConnection)await database.OpenAsync())
        {
            Assert.Same(first, again.Handle); // the pool handed back the same native connection
            Assert.Equal(1L, await again.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
            Assert.Equal(10000L, await again.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
            var refused = await Assert.ThrowsAsync<SqliteException>(() => again.ExecuteAsync("INSERT INTO children (parent_id) VALUES (42)"));
            Assert.Contains("FOREIGN KEY", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_new_native_connection_gets_the_settings_too()
    {
        Directory.CreateDirectory(_folder);
        var database = new Database(DatabaseEngine.Sqlite, $"Data Source={Path.Combine(_folder, "t.db")};Pooling=false");
        for (var i = 0; i < 2; i++)
        {
            await using var connection = await database.OpenAsync();
            Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        }
    }

    [Fact]
    public async Task A_second_sqlite_writer_waits_in_the_app_until_the_first_writer_has_closed()
    {
        Directory.CreateDirectory(_folder);
        var database = new Database(DatabaseEngine.Sqlite, $"Data Source={Path.Combine(_folder, "t.db")};Pooling=true");
        var first = await database.OpenWriterAsync();
        var second = database.OpenWriterAsync();
        Assert.False(second.IsCompleted); // queued, not sleeping in SQLite's busy handler

        await first.DisposeAsync();
        await using var turn = await second;
        Assert.Equal(System.Data.ConnectionState.Open, turn.State);
    }

    [Fact]
    public async Task A_writer_that_cannot_open_passes_its_turn_on()
    {
        Directory.CreateDirectory(_folder);
        var database = new Database(DatabaseEngine.Sqlite, $"Data Source={Path.Combine(_folder, "missing", "t.db")};Mode=ReadWrite");
        await Assert.ThrowsAsync<SqliteException>(() => database.OpenWriterAsync());

        var next = database.OpenWriterAsync();
        await Assert.ThrowsAsync<SqliteException>(() => next.WaitAsync(TimeSpan.FromMinutes(1))); // it got its turn (and failed the same way) instead of waiting forever
    }

    [Fact]
    public async Task A_sqlite_transaction_holds_the_write_lock_from_its_start()
    {
        // The answer save relies on this: it reads the latest revision first and writes after.
        Directory.CreateDirectory(_folder);
        // Default Timeout=1: the driver retries a busy database for that many seconds before it gives up.
        var database = new Database(DatabaseEngine.Sqlite, $"Data Source={Path.Combine(_folder, "t.db")};Pooling=false;Default Timeout=1");
        await using var first = await database.OpenAsync();
        await using var holding = await first.BeginTransactionAsync();

        await using var second = await database.OpenAsync();
        await second.ExecuteAsync("PRAGMA busy_timeout = 0");
        var refused = await Assert.ThrowsAsync<SqliteException>(async () => await second.BeginTransactionAsync());
        Assert.Equal(5, refused.SqliteErrorCode); // SQLITE_BUSY: the first holds the lock without having written
    }

    [Theory]
    [InlineData("Host=db;Database=gesprektool", 16)]
    [InlineData("Host=db;Database=gesprektool;Maximum Pool Size=40", 40)]
    [InlineData("Host=db;Database=gesprektool;MaxPoolSize=8", 8)]
    public void PostgreSQL_gets_a_pool_of_16_connections_unless_the_connection_string_says_otherwise(string configured, int expected)
    {
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(Database.WithPostgresDefaults(configured));
        Assert.Equal(expected, settings.MaxPoolSize);
        Assert.Equal("gesprektool", settings.Database);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
