using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// nginx on a loopback port with a self-signed certificate made for the test, in front of the given
/// app instances. It uses the repository's own include files (deploy/nginx), so what is tested is
/// what is deployed; only the upstream addresses, the certificate and the paths are the test's.
/// </summary>
public sealed partial class NginxServer : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Process _process;

    private NginxServer(string folder, Process process, int port)
    {
        _folder = folder;
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string Address => $"https://127.0.0.1:{Port}";
    private string AccessLog => Path.Combine(_folder, "access.log");

    public static async Task<NginxServer> StartAsync(int port, IReadOnlyList<int> appPorts)
    {
        var folder = RepositoryPaths.NewTempDirectory("nginx");
        foreach (var temp in new[] { "body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            Directory.CreateDirectory(Path.Combine(folder, temp));
        }
        await RunAsync("openssl", $"req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 " +
            $"-keyout {folder}/key.pem -out {folder}/cert.pem");
        var servers = string.Join("\n", appPorts.Select(p => $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;"));
        // The deploy files as an operator installs them: in snippets/ beside nginx.conf (they include each other from there).
        var deploy = Path.Combine(folder, "snippets");
        Directory.CreateDirectory(deploy);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Deploy, "nginx"), "gesprektool-*.conf"))
        {
            File.Copy(file, Path.Combine(deploy, Path.GetFileName(file)));
        }
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"),
            $$"""
            user root;
            worker_processes 1;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 4096; }
            http {
                include /etc/nginx/mime.types;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{deploy}}/gesprektool-http.conf;
                upstream gesprektool_pages {
            {{servers}}
                    keepalive 32;
                }
                upstream gesprektool_rooms {
                    hash $arg_route consistent;
            {{servers}}
                }
                upstream gesprektool_circuits {
                    hash $cookie_gt_live consistent;
            {{servers}}
                }
                # As deploy/nginx/gesprektool.conf: any other Host gets no answer. (The test reaches nginx
                # by IP address, so no SNI: the handshake itself is not refused here, only the request.)
                server {
                    listen 127.0.0.1:{{port}} ssl default_server;
                    ssl_certificate {{folder}}/cert.pem;
                    ssl_certificate_key {{folder}}/key.pem;
                    return 444;
                }
                server {
                    listen 127.0.0.1:{{port}} ssl;
                    server_name 127.0.0.1 localhost;
                    ssl_certificate {{folder}}/cert.pem;
                    ssl_certificate_key {{folder}}/key.pem;
                    access_log {{folder}}/access.log gesprektool;
                    set $gesprektool_wwwroot {{Path.Combine(RepositoryPaths.WebProject, "wwwroot")}};
                    include {{deploy}}/gesprektool-locations.conf;
                }
            }
            """);
        var start = new ProcessStartInfo("/usr/sbin/nginx", $"-p {folder} -c {folder}/nginx.conf")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var nginx = new NginxServer(folder, Process.Start(start)!, port);
        await nginx.WaitUntilListeningAsync();
        return nginx;
    }

    /// <summary>The app instances (their ports) that answered hub requests for a route key, from nginx's log.</summary>
    public IReadOnlyList<int> InstancesFor(string route) => AnsweringPorts(HubRequestFor(route)).Distinct().ToList();

    /// <summary>The instance that answered the latest hub request for a route key.</summary>
    public int? LatestInstanceFor(string route) => AnsweringPorts(HubRequestFor(route)).Select(port => (int?)port).LastOrDefault();

    private static Func<string, bool> HubRequestFor(string route) => line =>
        line.Contains("/hubs/", StringComparison.Ordinal) && line.Contains($"route={route} ", StringComparison.Ordinal) && !line.Contains("\" 502 ", StringComparison.Ordinal);

    /// <summary>The app instances that answered a live page's connection requests (/_blazor).</summary>
    public IReadOnlyList<int> CircuitPorts() =>
        AnsweringPorts(line => line.Contains(" /_blazor", StringComparison.Ordinal) && !line.Contains("\" 502 ", StringComparison.Ordinal)).Distinct().ToList();

    /// <summary>The app instances that answered GET requests for a page with the given status.</summary>
    public IReadOnlyList<int> PagePortsFor(string path, int status) =>
        AnsweringPorts(line => line.Contains($"\"GET {path}\" {status} ", StringComparison.Ordinal)).Distinct().ToList();

    private string[] Lines()
    {
        if (!File.Exists(AccessLog))
        {
            return [];
        }
        using var stream = new FileStream(AccessLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd().Split('\n');
    }

    /// <summary>For each matching log line, in order, the instance that answered (the last address: earlier ones were tried and failed).</summary>
    private IEnumerable<int> AnsweringPorts(Func<string, bool> matches) =>
        Lines().Where(matches)
            .Select(line => UpstreamPort().Matches(line).LastOrDefault())
            .Where(match => match is not null)
            .Select(match => int.Parse(match!.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited: {await _process.StandardError.ReadToEndAsync()} " +
                    File.ReadAllText(Path.Combine(_folder, "error.log")));
            }
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("nginx did not start listening");
    }

    private static async Task RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {await error}");
        }
    }

    [GeneratedRegex(@"127\.0\.0\.1:(\d+)")]
    private static partial Regex UpstreamPort();
}
