using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// Janus (Debian's package) on 127.0.0.1 with a configuration written by scripts/janus-config.sh:
/// only VideoRoom and the HTTP transport, token_auth on, a random admin secret. Started for one
/// test and stopped after it.
/// </summary>
public sealed class JanusServer : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/janus";
    private readonly Process _process;

    private JanusServer(Process process, int apiPort, int adminPort, string adminSecret)
    {
        _process = process;
        ApiUrl = $"http://127.0.0.1:{apiPort}/janus";
        AdminUrl = $"http://127.0.0.1:{adminPort}/admin";
        AdminSecret = adminSecret;
        AdminPort = adminPort;
    }

    public string ApiUrl { get; }
    public string AdminUrl { get; }
    public string AdminSecret { get; }
    private int AdminPort { get; }

    /// <summary>The app's settings that point at this Janus.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Coaching:Janus:ApiUrl"] = ApiUrl,
        ["Coaching:Janus:AdminUrl"] = AdminUrl,
        ["Coaching:Janus:AdminSecret"] = AdminSecret,
    };

    public static async Task<JanusServer> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Janus not found at {ExecutablePath}; run ./run-tests.sh, which installs the janus package.");
        }
        var (apiPort, adminPort) = (FreePort.Next(), FreePort.Next());
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var folder = RepositoryPaths.NewTempDirectory("janus");
        var configure = Process.Start(new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(RepositoryPaths.Root, "scripts", "janus-config.sh"), folder, $"{apiPort}", $"{adminPort}", secret },
        })!;
        await configure.WaitForExitAsync();
        var process = Process.Start(new ProcessStartInfo(ExecutablePath)
        {
            ArgumentList = { "-F", folder, "-C", Path.Combine(folder, "janus.jcfg") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new JanusServer(process, apiPort, adminPort, secret);
        await server.WaitUntilListeningAsync();
        return server;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Janus exited with {_process.ExitCode}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", AdminPort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("Janus did not start listening within 15 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
