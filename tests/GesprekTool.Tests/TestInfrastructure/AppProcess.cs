using System.Diagnostics;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// The app as a real process, as systemd runs it in production (not in the test's own process), so
/// a test can kill it with SIGKILL. Content root is the web project, for its wwwroot.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _log = new();

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string Address => $"http://127.0.0.1:{Port}";
    public string Log { get { lock (_log) { return _log.ToString(); } } }

    /// <summary>
    /// Starts an instance; give <paramref name="port"/> to bring a killed one back where it was, and
    /// <paramref name="published"/> to run a <c>dotnet publish</c> output as it is installed.
    /// </summary>
    public static async Task<AppProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, int? port = null, string? published = null)
    {
        port ??= FreePort.Next();
        var dll = Path.Combine(published ?? AppContext.BaseDirectory, "GesprekTool.Web.dll");
        var contentRoot = published ?? RepositoryPaths.WebProject;
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", contentRoot])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = contentRoot,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Instance__Name"] = name;
        start.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var app = new AppProcess(Process.Start(start)!, port.Value);
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits until /health answers "ok" (migrations done, database reachable).</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited ({_process.ExitCode}):\n{Log}");
            }
            try
            {
                if ((await client.GetAsync($"{Address}/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The app on port {Port} did not become ready:\n{Log}");
    }

    /// <summary>As <c>kill -9</c>: no goodbye to hub connections, no finished requests.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
