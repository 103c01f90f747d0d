using System.Diagnostics;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Security;

/// <summary>The app as an operator starts it: unsafe or missing settings stop it with exit 2 and one clear line.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Production_refuses_to_start_without_a_key_encryption_key()
    {
        var (exitCode, error) = await RunAppAsync("Production", RepositoryPaths.Questionnaires, kek: null);

        Assert.Equal(2, exitCode);
        Assert.Contains("DataProtection:KeyEncryptionKey is not set", error);
        Assert.DoesNotContain("   at ", error); // no stack trace
    }

    [Fact]
    public async Task Production_refuses_to_start_without_the_public_address_for_join_links()
    {
        var (exitCode, error) = await RunAppAsync("Production", RepositoryPaths.Questionnaires,
            kek: Convert.ToBase64String(new byte[32]), publicBaseUrl: null);

        Assert.Equal(2, exitCode);
        Assert.Contains("Calls:PublicBaseUrl is not set", error);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("gesprek.example.org;*")]
    public async Task Production_refuses_to_start_believing_any_host_name(string allowedHosts)
    {
        var (exitCode, error) = await RunAppAsync("Production", RepositoryPaths.Questionnaires,
            kek: Convert.ToBase64String(new byte[32]), allowedHosts: allowedHosts);

        Assert.Equal(2, exitCode);
        Assert.Contains("AllowedHosts is", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task A_key_encryption_key_of_the_wrong_length_is_refused_with_how_to_make_one()
    {
        var (exitCode, error) = await RunAppAsync("Production", RepositoryPaths.Questionnaires, kek: Convert.ToBase64String(new byte[16]));

        Assert.Equal(2, exitCode);
        Assert.Contains("openssl rand -base64 32", error);
    }

    [Theory]
    [InlineData("missing", "Questionnaire folder not found")]
    [InlineData("empty", "holds no .yaml file")]
    public async Task A_missing_or_empty_questionnaire_folder_stops_start_up_with_exit_2(string folderState, string message)
    {
        var folder = folderState == "missing"
            ? Path.Combine(RepositoryPaths.NewTempDirectory("q"), "does-not-exist")
            : RepositoryPaths.NewTempDirectory("q-empty");

        var (exitCode, error) = await RunAppAsync("Development", folder, kek: null);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void The_repository_holds_no_DataProtection_key()
    {
        var keyFiles = Directory.EnumerateFiles(RepositoryPaths.Root, "*.xml", SearchOption.AllDirectories)
            .Where(path => !path.Contains("/bin/") && !path.Contains("/obj/") && !path.Contains("node_modules") && !path.Contains("/.git/"))
            .Where(path => File.ReadAllText(path).Contains("<masterKey", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(keyFiles);
    }

    private static async Task<(int ExitCode, string Error)> RunAppAsync(string environment, string questionnaires, string? kek,
        string? publicBaseUrl = "https://gesprek.example.org", string allowedHosts = "gesprek.example.org")
    {
        var data = RepositoryPaths.NewTempDirectory("startup");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "GesprekTool.Web.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = data,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ConnectionStrings__GesprekTool"] = $"Data Source={Path.Combine(data, "app.db")}";
        start.Environment["Questionnaires__Directory"] = questionnaires;
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["AllowedHosts"] = allowedHosts;
        start.Environment["WeeklyReports__JobEnabled"] = "false";
        if (publicBaseUrl is not null)
        {
            start.Environment["Calls__PublicBaseUrl"] = publicBaseUrl;
        }
        if (kek is not null)
        {
            start.Environment["DataProtection__KeyEncryptionKey"] = kek;
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("The app kept running instead of refusing to start.");
        }
        return (process.ExitCode, await error);
    }
}
