using System.Diagnostics;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace GesprekTool.Tests.Deploy;

/// <summary>The files in deploy/ that an operator copies to servers: each is checked by the tool that will read it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DeploymentFilesTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("gesprektool@.service", "gesprektool@5000.service")]
    [InlineData("gesprektool-janus.service", "gesprektool-janus.service")]
    [InlineData("gesprektool-coturn.service", "gesprektool-coturn.service")]
    public async Task Each_systemd_unit_passes_systemd_analyze(string file, string installedAs)
    {
        var folder = RepositoryPaths.NewTempDirectory("units");
        File.Copy(Path.Combine(RepositoryPaths.Deploy, "systemd", file), Path.Combine(folder, installedAs));

        var (exitCode, output) = await RunAsync("systemd-analyze", $"verify {Path.Combine(folder, installedAs)}", []);

        // Only complaints about this machine (no dotnet under /usr/bin, no janus user) are acceptable here.
        var problems = output.Split('\n').Where(line => line.Contains(installedAs, StringComparison.Ordinal)
            && !line.Contains("is not executable", StringComparison.Ordinal) && !line.Contains("No such file", StringComparison.Ordinal)).ToList();
        Assert.True(exitCode == 0 || problems.Count == 0, output);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_postgres_setup_script_makes_a_database_the_app_can_migrate_as_its_own_role()
    {
        var name = $"setup_{Guid.NewGuid():N}"[..20];
        var environment = new Dictionary<string, string> { ["PGHOST"] = "127.0.0.1", ["PGPORT"] = postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PGUSER"] = "postgres" };

        var (exitCode, output) = await RunAsync(Path.Combine(RepositoryPaths.Deploy, "postgres", "setup.sh"), $"{name} {name}_app 127.0.0.1", environment);

        Assert.True(exitCode == 0, output);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("ConnectionStrings__GesprekTool=", StringComparison.Ordinal));
        var connectionString = line["ConnectionStrings__GesprekTool=".Length..].Trim();
        Assert.Contains($"Username={name}_app", connectionString);
        var database = new Database(DatabaseEngine.Postgres, connectionString);
        await new Migrator(database, NullLogger<Migrator>.Instance).MigrateAsync();
        await using var connection = await database.OpenAsync();
        Assert.True(await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "SELECT COUNT(*) FROM schema_migrations") > 10);

        // Run again (an operator re-running it): same database, a new password, nothing lost.
        var (again, secondOutput) = await RunAsync(Path.Combine(RepositoryPaths.Deploy, "postgres", "setup.sh"), $"{name} {name}_app 127.0.0.1", environment);
        Assert.True(again == 0, secondOutput);
        Assert.DoesNotContain(connectionString, secondOutput);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
