using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// A private network namespace for one test (root only): <c>lo</c> up and a veth pair on a private
/// /24 (10.213.0.1 and 10.213.0.2), nothing else. Janus does not gather ICE candidates on loopback,
/// so group-video tests run Janus, the app's listening socket and Chromium in here, and every
/// address they use stays inside. The app itself runs in the test process: its listening socket and
/// its connections to Janus are made in the namespace (a socket keeps the namespace it was made in).
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    public const string JanusInterface = "gtv0";
    public const string JanusAddress = "10.213.0.1";
    private const string RelayAddress = "10.213.0.2";
    private const int CloneNewNet = 0x40000000;
    private readonly Process _holder;

    private NetworkNamespace(Process holder) => _holder = holder;

    /// <summary>The namespace's handle in /proc, for nsenter and setns.</summary>
    public string Path => $"/proc/{_holder.Id}/ns/net";

    public static async Task<NetworkNamespace> CreateAsync()
    {
        // A namespace whose set-up cannot be confirmed is thrown away and made again, so a test never
        // runs Janus in a namespace without loopback (Janus then cannot bind 127.0.0.1 and exits).
        for (var attempt = 1; ; attempt++)
        {
            var network = await StartHolderAsync();
            try
            {
                await network.CheckAsync();
                return network;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                network.Dispose();
            }
            catch
            {
                network.Dispose(); // a failed set-up leaves no holder behind
                throw;
            }
        }
    }

    /// <summary>
    /// The holder sets the namespace up itself, after unshare and before it says "ready": entering
    /// it from outside (nsenter on /proc/PID/ns/net) could happen before unshare had run, and then
    /// the veth pair was made in the machine's own namespace (seen once, and one CI run failed on it).
    /// </summary>
    private static async Task<NetworkNamespace> StartHolderAsync()
    {
        var setUp =
            $"ip link set lo up && ip link add {JanusInterface} type veth peer name gtv1 && " +
            $"ip addr add {JanusAddress}/24 dev {JanusInterface} && ip addr add {RelayAddress}/24 dev gtv1 && " +
            $"ip link set {JanusInterface} up && ip link set gtv1 up && echo ready && exec sleep infinity";
        var holder = Process.Start(new ProcessStartInfo("unshare")
        {
            ArgumentList = { "-n", "sh", "-c", setUp },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var errors = holder.StandardError.ReadToEndAsync();
        var network = new NetworkNamespace(holder);
        string? said;
        try
        {
            said = await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            said = null;
        }
        if (said != "ready")
        {
            network.Dispose();
            var why = errors.IsCompleted ? await errors : "no answer within 10 s";
            throw new InvalidOperationException($"Could not set up a network namespace (this needs root: unshare -n): {why}");
        }
        return network;
    }

    /// <summary>The namespace, entered from outside, has what the holder set up.</summary>
    private async Task CheckAsync()
    {
        var addresses = await AddressesAsync();
        if (!addresses.Contains(" lo ") || !addresses.Contains("127.0.0.1") || !addresses.Contains(JanusAddress))
        {
            throw new InvalidOperationException($"The namespace's addresses are not what was set up:\n{addresses}");
        }
    }

    /// <summary>The namespace's IPv4 addresses as <c>ip -4 -o addr</c> prints them, for checks and failure messages.</summary>
    public async Task<string> AddressesAsync()
    {
        var start = Inside("ip", "-4", "-o", "addr", "show");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output + error;
    }

    /// <summary>
    /// A thin connection for one UDP port: everything inside the namespace travels over <c>lo</c>, so
    /// an HTB class there caps what reaches that port at the given rate, with a short queue (10
    /// packets) that drops what does not fit, as a weak mobile link does. All other traffic is untouched.
    /// </summary>
    public Task LimitUdpToPortAsync(int port, int kilobitsPerSecond) => RunAsync("sh", "-c",
        "tc qdisc add dev lo root handle 1: htb default 10 && " +
        "tc class add dev lo parent 1: classid 1:10 htb rate 10gbit quantum 60000 && " +
        $"tc class add dev lo parent 1: classid 1:20 htb rate {kilobitsPerSecond}kbit ceil {kilobitsPerSecond}kbit quantum 1514 && " +
        "tc qdisc add dev lo parent 1:20 handle 20: pfifo limit 10 && " +
        $"tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip protocol 17 0xff match ip dport {port} 0xffff flowid 1:20");

    /// <summary>A process started inside the namespace.</summary>
    public ProcessStartInfo Inside(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo("nsenter") { ArgumentList = { "--net=" + Path, file } };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    public async Task RunAsync(string file, params string[] arguments)
    {
        var start = Inside(file, arguments);
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed in the namespace: {error}");
        }
    }

    /// <summary>An executable that runs the given one inside the namespace (for Playwright's ExecutablePath).</summary>
    public string Wrapper(string executable)
    {
        var script = System.IO.Path.Combine(RepositoryPaths.NewTempDirectory("netns"), System.IO.Path.GetFileName(executable));
        File.WriteAllText(script, $"#!/bin/sh\nexec nsenter --net={Path} {executable} \"$@\"\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("network namespaces are Linux only");
        }
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    /// <summary>A TCP socket listening on 127.0.0.1:port inside the namespace.</summary>
    public Socket Listen(int port)
    {
        var socket = NewTcpSocket();
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        socket.Listen(512);
        return socket;
    }

    /// <summary>A connection to an address inside the namespace (for HttpClient's ConnectCallback).</summary>
    public async ValueTask<Stream> ConnectAsync(EndPoint endPoint, CancellationToken cancellation)
    {
        var socket = NewTcpSocket();
        try
        {
            await socket.ConnectAsync(endPoint, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>An HTTP handler whose connections are made inside the namespace.</summary>
    public SocketsHttpHandler HttpHandler() => new()
    {
        ConnectCallback = (context, cancellation) => ConnectAsync(
            new IPEndPoint(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port), cancellation),
    };

    /// <summary>
    /// setns changes the namespace of the calling thread only, so sockets are made on a thread of
    /// their own that enters the namespace and then ends.
    /// </summary>
    private Socket NewTcpSocket()
    {
        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle(Path);
                if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns failed: {Marshal.GetLastPInvokeError()}");
                }
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new InvalidOperationException("Could not make a socket in the namespace", failure);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setns(int fd, int nstype);

    public void Dispose()
    {
        if (!_holder.HasExited)
        {
            _holder.Kill();
            _holder.WaitForExit();
        }
        _holder.Dispose();
    }
}
