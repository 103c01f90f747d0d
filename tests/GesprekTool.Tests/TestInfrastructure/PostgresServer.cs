using System.Diagnostics;
using Npgsql;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster on 127.0.0.1 for the test run: initdb into a temporary folder,
/// start it on a free port, give each test its own database, stop and remove it afterwards.
/// As root (CI) the server runs as the 'postgres' user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string _folder = "";
    private string _bin = "";
    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        _folder = RepositoryPaths.NewTempDirectory("pg");
        Port = TestInfrastructure.FreePort.Next();
        if (IsRoot)
        {
            await RunAsync("chown", $"postgres {_folder}", asPostgres: false);
        }
        await RunAsync(Path.Combine(_bin, "initdb"), $"-D {_folder}/data -U postgres --auth=trust -E UTF8 --no-locale --no-sync");
        await RunAsync(Path.Combine(_bin, "pg_ctl"),
            $"-D {_folder}/data -l {_folder}/server.log -w -t 60 start " +
            $"-o \"-p {Port} -c listen_addresses=127.0.0.1 -k {_folder} -c fsync=off -c max_connections=200\"");
    }

    public async Task DisposeAsync()
    {
        if (_folder.Length == 0)
        {
            return;
        }
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), $"-D {_folder}/data -m immediate -w stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=100";

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql; run ./run-tests.sh, which installs the postgresql package.");
    }

    private static async Task RunAsync(string file, string arguments, bool asPostgres = true)
    {
        var start = asPostgres && IsRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
