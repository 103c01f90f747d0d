using System.Diagnostics;
using System.Security.Cryptography;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// A real SIP world for phone-call tests, inside the test's network namespace: Kamailio (Debian's
/// package) as the organisation's trunk, which asks for digest authentication on every INVITE and
/// routes each household number to its own phone, and one SIPp phone per behaviour (answers and
/// echoes the sound back, busy, declines, rings until cancelled, hangs up by itself, talks). Every phone
/// writes the SIP messages it saw to a file the test reads.
/// </summary>
public sealed class SipWorld : IAsyncDisposable
{
    public const string Domain = "gesprektool.test";
    public const string Account = "gezinswerk";
    public const string CallerNumber = "+31715000000";

    /// <summary>The household numbers of the tests, each ringing the phone of that behaviour.</summary>
    public static class Numbers
    {
        public const string Answers = "+31612340001";
        public const string Busy = "+31612340002";
        public const string Declines = "+31612340003";
        public const string Rings = "+31612340004";
        public const string HangsUp = "+31612340005";
        /// <summary>Picks up and plays a steady tone; sends back nothing of what it hears (a household or an interpreter who talks).</summary>
        public const string Talks = "+31612340006";
        /// <summary>Kamailio knows no phone for it: 404.</summary>
        public const string Unknown = "+31612340009";
    }

    private static readonly (string Number, string Scenario)[] Phones =
    [
        (Numbers.Answers, "answers"), (Numbers.Busy, "busy"), (Numbers.Declines, "declines"), (Numbers.Rings, "rings"), (Numbers.HangsUp, "hangs-up"),
        (Numbers.Talks, "speaks"),
    ];

    private readonly List<(Process Process, string Name)> _processes = [];
    private readonly Dictionary<string, string> _messageFiles = [];
    private readonly string _folder;
    private readonly NetworkNamespace _network;

    private SipWorld(NetworkNamespace network, string folder, int trunkPort, string secret)
    {
        _network = network;
        _folder = folder;
        TrunkPort = trunkPort;
        Secret = secret;
    }

    private const int TrunkPortInNamespace = 15060;

    public int TrunkPort { get; }
    public string Secret { get; }

    /// <summary>What Kamailio and the phones printed, for a failing test to show.</summary>
    public List<string> Log { get; } = [];

    /// <summary>The app's settings that point at this trunk.</summary>
    public IReadOnlyDictionary<string, string?> Settings(int ringSeconds = 40) => new Dictionary<string, string?>
    {
        ["PhoneCalls:Sip:Domain"] = Domain,
        ["PhoneCalls:Sip:Proxy"] = $"sip:127.0.0.1:{TrunkPort}",
        ["PhoneCalls:Sip:User"] = Account,
        ["PhoneCalls:Sip:Secret"] = Secret,
        ["PhoneCalls:Sip:DisplayName"] = "Gezinswerk Test",
        ["PhoneCalls:Sip:CallerNumber"] = CallerNumber,
        ["PhoneCalls:Sip:RingSeconds"] = ringSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<SipWorld> StartAsync(NetworkNamespace network)
    {
        var folder = RepositoryPaths.NewTempDirectory("sip");
        // Fixed ports inside the test's own namespace, below the kernel's ephemeral range (where FreePort's
        // ports for the app and Janus come from) and below Janus's RTP range: SIPp also binds its media
        // port + 2, which a port picked at random once collided with.
        var world = new SipWorld(network, folder, TrunkPortInNamespace, Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant());
        try
        {
            ToneRecording.Write(Path.Combine(folder, "tone.pcap"), TimeSpan.FromMinutes(3));
            var phonePorts = new Dictionary<string, int>();
            foreach (var ((number, scenario), n) in Phones.Select((phone, n) => (phone, n)))
            {
                var port = TrunkPortInNamespace + 11 + n;
                phonePorts[number] = port;
                world.StartPhone(number, scenario, port, 16000 + 10 * n);
            }
            // The trunk's configuration: scripts/sip-test-trunk.sh, shared with bench/phone-calls.sh.
            var config = Path.Combine(folder, "kamailio.cfg");
            var trunk = new ProcessStartInfo("bash")
            {
                ArgumentList = { Path.Combine(RepositoryPaths.Root, "scripts", "sip-test-trunk.sh"), config, $"{world.TrunkPort}", Domain, Account, world.Secret },
            };
            foreach (var (number, port) in phonePorts)
            {
                trunk.ArgumentList.Add($"{number}={port}");
            }
            using (var write = Process.Start(trunk)!)
            {
                await write.WaitForExitAsync();
            }
            if (!File.Exists(config))
            {
                throw new InvalidOperationException("scripts/sip-test-trunk.sh wrote no configuration");
            }
            world.Start("kamailio", "/usr/sbin/kamailio", "-f", config, "-DD", "-E", "-n", "1", "-w", folder, "-Y", folder);
            await world.WaitForUdpPortsAsync([world.TrunkPort, .. phonePorts.Values]);
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    private void StartPhone(string number, string scenario, int port, int mediaPort)
    {
        var messages = Path.Combine(_folder, $"{scenario}.messages.log");
        _messageFiles[number] = messages;
        var file = Path.Combine(RepositoryPaths.Root, "tests", "GesprekTool.Tests", "PhoneCalls", "phones", $"{scenario}.xml");
        // Every phone sends back what it hears, except the one that talks (its tone would mix with the echo).
        string[] echo = scenario == "speaks" ? [] : ["-rtp_echo"];
        Start(scenario, "/usr/bin/sipp", ["-sf", file, "-i", "127.0.0.1", "-p", $"{port}", "-mp", $"{mediaPort}", .. echo,
            "-nostdin", "-trace_msg", "-message_file", messages, "-trace_err", "-error_file", Path.Combine(_folder, $"{scenario}.errors.log")]);
    }

    private void Start(string name, string file, params string[] arguments)
    {
        var start = _network.Inside(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = _folder;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => Record(name, line.Data);
        process.ErrorDataReceived += (_, line) => Record(name, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((process, name));
    }

    private void Record(string name, string? line)
    {
        // SIPp's screen is redrawn many times a second; only Kamailio's lines are worth keeping.
        if (line is null || name != "kamailio")
        {
            return;
        }
        lock (Log)
        {
            Log.Add(line);
        }
    }

    /// <summary>The SIP messages the phone of this number sent and received, as SIPp wrote them.</summary>
    public string MessagesOf(string number) =>
        _messageFiles.TryGetValue(number, out var file) && File.Exists(file) ? File.ReadAllText(file) : "";

    private async Task WaitForUdpPortsAsync(IReadOnlyList<int> ports)
    {
        var watch = Stopwatch.StartNew();
        var listening = "";
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_processes.FirstOrDefault(p => p.Process.HasExited) is { Process: not null } gone)
            {
                throw new InvalidOperationException($"{gone.Name} exited with {gone.Process.ExitCode}: {string.Join('\n', Log.TakeLast(20))}");
            }
            var start = _network.Inside("ss", "-lunH");
            start.RedirectStandardOutput = true;
            using (var ss = Process.Start(start)!)
            {
                listening = await ss.StandardOutput.ReadToEndAsync();
                await ss.WaitForExitAsync();
            }
            if (ports.All(port => listening.Contains($"127.0.0.1:{port} ", StringComparison.Ordinal)))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The SIP world did not listen on {string.Join(", ", ports)} within 20 s:\n{listening}\n{string.Join('\n', Log.TakeLast(20))}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }
}
