using GesprekTool.Data;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>Starts the real app (in memory) on a fresh SQLite or PostgreSQL database per test.</summary>
public abstract class AppTestBase(PostgresServer postgres) : IAsyncDisposable
{
    private readonly List<GesprekToolFactory> _factories = [];

    /// <summary>The test run's PostgreSQL server, for a test that makes its own database (several instances on one).</summary>
    protected PostgresServer Postgres => postgres;

    protected async Task<(GesprekToolFactory App, TestWorld World)> StartAsync(DatabaseEngine engine = DatabaseEngine.Sqlite,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = await GesprekToolFactory.CreateAsync(engine, postgres, settings: settings);
        _factories.Add(app);
        _ = app.Server; // starts the app: migrations and questionnaires load here
        return (app, new TestWorld(app.Services));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }
    }
}
