using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// Janus (Debian's package) on 127.0.0.1 with a configuration written by scripts/janus-config.sh:
/// only VideoRoom and the HTTP transport, token_auth on, a random admin secret. Started for one
/// test and stopped after it. With a network namespace it runs inside it and gathers ICE
/// candidates on the namespace's veth only (media tests); without one it serves the API only.
/// </summary>
public sealed class JanusServer : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/janus";
    private readonly Process _process;

    private readonly NetworkNamespace? _network;

    private JanusServer(Process process, NetworkNamespace? network, int apiPort, int adminPort, string adminSecret)
    {
        _process = process;
        _network = network;
        ApiUrl = $"http://127.0.0.1:{apiPort}/janus";
        AdminUrl = $"http://127.0.0.1:{adminPort}/admin";
        AdminSecret = adminSecret;
        AdminPort = adminPort;
    }

    /// <summary>What Janus printed, for a failing test to show.</summary>
    public List<string> Log { get; } = [];

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (Log)
        {
            Log.Add(line);
        }
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

    /// <summary>
    /// Starts Janus; if it exits before listening (a port taken between choosing and binding, or a
    /// namespace not ready), it is started once more with new ports, and a second failure names both.
    /// </summary>
    public static async Task<JanusServer> StartAsync(NetworkNamespace? network = null)
    {
        try
        {
            return await StartOnceAsync(network);
        }
        catch (JanusExitedException first)
        {
            try
            {
                return await StartOnceAsync(network);
            }
            catch (JanusExitedException second)
            {
                throw new InvalidOperationException($"Janus did not start twice.\nFirst: {first.Message}\nSecond: {second.Message}");
            }
        }
    }

    private sealed class JanusExitedException(string message) : Exception(message);

    private static async Task<JanusServer> StartOnceAsync(NetworkNamespace? network)
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
            ArgumentList =
            {
                Path.Combine(RepositoryPaths.Root, "scripts", "janus-config.sh"), folder, $"{apiPort}", $"{adminPort}", secret,
                network is null ? "" : NetworkNamespace.JanusInterface,
            },
        })!;
        await configure.WaitForExitAsync();
        var arguments = new[] { "-F", folder, "-C", Path.Combine(folder, "janus.jcfg") };
        var start = network?.Inside(ExecutablePath, arguments) ?? new ProcessStartInfo(ExecutablePath, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        var server = new JanusServer(process, network, apiPort, adminPort, secret);
        process.OutputDataReceived += (_, line) => server.Record(line.Data);
        process.ErrorDataReceived += (_, line) => server.Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilListeningAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                var addresses = _network is null ? "" : "\nThe namespace's addresses:\n" + await _network.AddressesAsync();
                throw new JanusExitedException($"Janus exited with {_process.ExitCode}: {string.Join('\n', Log.TakeLast(15))}{addresses}");
            }
            try
            {
                if (_network is null)
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", AdminPort);
                }
                else
                {
                    await using var connection = await _network.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, AdminPort), default);
                }
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("Janus did not start listening within 15 s");
    }

    private bool _disposed;

    /// <summary>Stops Janus; a test that stopped it on purpose may call this again.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
