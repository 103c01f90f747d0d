using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// coturn on 127.0.0.1 with a random shared secret (use-auth-secret, the TURN REST scheme), started
/// for one test and stopped after it. Loopback peers must be allowed explicitly.
/// </summary>
public sealed class TurnServer : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/turnserver";
    private readonly Process _process;
    private readonly string _logFile;

    private TurnServer(Process process, int port, string secret, string logFile)
    {
        _process = process;
        Port = port;
        Secret = secret;
        _logFile = logFile;
    }

    public int Port { get; }
    public string Secret { get; }
    public string Url => $"turn:127.0.0.1:{Port}?transport=udp";

    /// <summary>How many relay allocations coturn has logged: proof that media went through it.</summary>
    public int AllocationsLogged => File.Exists(_logFile)
        ? File.ReadLines(_logFile).Count(line => line.Contains("ALLOCATE processed, success", StringComparison.Ordinal))
        : 0;

    public static async Task<TurnServer> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"coturn not found at {ExecutablePath}; run ./run-tests.sh, which installs the coturn package.");
        }
        var port = FreePort.Next();
        var relayBase = 40000 + Random.Shared.Next(0, 200) * 100;
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var folder = RepositoryPaths.NewTempDirectory("coturn");
        var logFile = Path.Combine(folder, "turn.log");
        var start = new ProcessStartInfo(ExecutablePath)
        {
            ArgumentList =
            {
                "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", $"--listening-port={port}",
                $"--min-port={relayBase}", $"--max-port={relayBase + 99}", "--use-auth-secret", $"--static-auth-secret={secret}",
                "--realm=gesprektool.test", "--allow-loopback-peers", "--no-cli", "--no-tls", "--no-dtls",
                "--no-stdout-log", $"--log-file={logFile}", "--simple-log", "--verbose", $"--pidfile={Path.Combine(folder, "turn.pid")}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new TurnServer(process, port, secret, logFile);
        await server.WaitUntilListeningAsync();
        return server;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"coturn exited with {_process.ExitCode}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException($"coturn did not listen on 127.0.0.1:{Port} within 10 s");
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
