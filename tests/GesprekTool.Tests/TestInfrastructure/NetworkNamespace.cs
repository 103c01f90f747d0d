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
                await network.SetUpAsync();
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

    private static async Task<NetworkNamespace> StartHolderAsync()
    {
        // The namespace lives as long as this process does.
        var holder = Process.Start(new ProcessStartInfo("unshare") { ArgumentList = { "-n", "sleep", "infinity" } })!;
        var network = new NetworkNamespace(holder);
        var own = File.ResolveLinkTarget("/proc/self/ns/net", false)?.ToString();
        // Wait until the holder has really left our namespace: before it starts, its link cannot be read
        // (null), and entering it then would set up the test's interfaces in the machine's own namespace.
        for (var tries = 0; NamespaceOf(network.Path) is not { } theirs || theirs == own; tries++)
        {
            if (tries > 100 || holder.HasExited)
            {
                network.Dispose();
                throw new InvalidOperationException("Could not create a network namespace (this needs root: unshare -n).");
            }
            await Task.Delay(20);
        }
        return network;
    }

    private async Task SetUpAsync()
    {
        await RunAsync("sh", "-c",
            $"ip link set lo up && ip link add {JanusInterface} type veth peer name gtv1 && " +
            $"ip addr add {JanusAddress}/24 dev {JanusInterface} && ip addr add 10.213.0.2/24 dev gtv1 && " +
            $"ip link set {JanusInterface} up && ip link set gtv1 up");
        var addresses = await AddressesAsync();
        if (!addresses.Contains(" lo ") || !addresses.Contains("127.0.0.1") || !addresses.Contains(JanusAddress))
        {
            throw new InvalidOperationException($"The namespace's addresses are not what was set up:\n{addresses}");
        }
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

    private static string? NamespaceOf(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, false)?.ToString();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

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
