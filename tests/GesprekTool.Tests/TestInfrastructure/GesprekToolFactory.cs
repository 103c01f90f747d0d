using System.Net;
using GesprekTool.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// The real app on a test database. With a port it listens on 127.0.0.1 through Kestrel, so
/// Chromium can reach it; several factories in a row on one data folder model a server restart.
/// </summary>
public sealed class GesprekToolFactory(DatabaseEngine engine, string connectionString, string dataFolder, int? port = null,
    IReadOnlyDictionary<string, string?>? settings = null, NetworkNamespace? network = null)
    : WebApplicationFactory<Program>
{
    public static async Task<GesprekToolFactory> CreateAsync(DatabaseEngine engine, PostgresServer postgres, int? port = null,
        IReadOnlyDictionary<string, string?>? settings = null, NetworkNamespace? network = null)
    {
        var (_, connectionString) = await TestDatabases.CreateAsync(engine, postgres);
        return new GesprekToolFactory(engine, connectionString, RepositoryPaths.NewTempDirectory("app"), port, settings, network);
    }

    public GesprekToolFactory Restarted() => new(engine, connectionString, dataFolder, port, settings, network);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As strict as Development: a scoped service taken from the root provider fails the test.
        builder.UseDefaultServiceProvider(options => options.ValidateScopes = true);
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Engine"] = engine.ToString(),
            ["ConnectionStrings:GesprekTool"] = connectionString,
            ["Questionnaires:Directory"] = RepositoryPaths.Questionnaires,
            ["DataProtection:KeyEncryptionKey"] = TestKek,
            ["Demo:Enabled"] = "false",
            ["Calls:PublicBaseUrl"] = port is null ? "http://localhost" : $"http://127.0.0.1:{port}",
            // Feature tests sign in with a password only; SecondFactorTests switch the production
            // default (admin and coordinator need a code) back on.
            ["Accounts:SecondFactor:RequiredRoles"] = "",
            ["WeeklyReports:JobEnabled"] = "false",
            // The mail sender polls the queue; the sending tests switch it on.
            ["WeeklyReports:Sending:JobEnabled"] = "false",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        // A restart in a test should not wait half a minute for open hub connections to say goodbye.
        builder.ConfigureServices(services => services.Configure<Microsoft.Extensions.Hosting.HostOptions>(
            options => options.ShutdownTimeout = TimeSpan.FromSeconds(2)));
        if (port is { } namespacePort && network is not null)
        {
            // Listening and outgoing HTTP (to Janus) inside the test's network namespace.
            var socket = network.Listen(namespacePort);
            this.UseKestrel(options => options.ListenHandle((ulong)socket.Handle));
            builder.ConfigureServices(services => services.ConfigureHttpClientDefaults(
                client => client.ConfigurePrimaryHttpMessageHandler(network.HttpHandler)));
        }
        else if (port is { } listenPort)
        {
            this.UseKestrel(options => options.Listen(IPAddress.Loopback, listenPort));
        }
    }

    /// <summary>A key-encryption key made per test run, as production would have one from its secret store.</summary>
    public static readonly string TestKek = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public Uri BaseAddress => new($"http://127.0.0.1:{port}");
}
