// Scale-out benchmark, run by bench/scale-out.sh (which starts PostgreSQL):
//  1. answer saves per second and latency through nginx (TLS) to one app instance, then to two, on
//     one PostgreSQL database, in this one process: same workers, same saves; ratio two/one;
//  2. idle hub connections (one per call, as a worker's call page holds) spread over two instances:
//     how they divide, and each instance's memory before and after.
// Every request goes the way a browser's does: sign-in form, antiforgery token, JSON save.
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;
using GesprekTool;
using GesprekTool.Accounts;
using GesprekTool.Calls;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Households;
using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

var admin = Environment.GetEnvironmentVariable("BENCH_POSTGRES") ?? throw new InvalidOperationException("BENCH_POSTGRES not set");
var writers = int.TryParse(Environment.GetEnvironmentVariable("BENCH_WRITERS"), out var w) ? w : 32;
var savesPerWriter = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SAVES_PER_WRITER"), out var s) ? s : 100;
var idleConnections = int.TryParse(Environment.GetEnvironmentVariable("BENCH_IDLE"), out var c) ? c : 1000;
const int runs = 3;
const string Password = "bench-wachtwoord-123";

var connectionString = await NewDatabaseAsync();
var services = await PrepareAsync(connectionString);
var nginxPort = FreePort.Next();
var kek = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
var settings = new Dictionary<string, string>
{
    ["Database:Engine"] = "postgres",
    ["ConnectionStrings:GesprekTool"] = connectionString,
    ["Questionnaires:Directory"] = RepositoryPaths.Questionnaires,
    ["DataProtection:KeyEncryptionKey"] = kek,
    ["Calls:PublicBaseUrl"] = $"https://127.0.0.1:{nginxPort}",
    ["AllowedHosts"] = "127.0.0.1;localhost",
    ["Demo:Enabled"] = "false",
    ["Accounts:SecondFactor:RequiredRoles"] = "",
    ["WeeklyReports:JobEnabled"] = "false",
    ["Logging:LogLevel:Default"] = "Warning",
};
await using var a = await AppProcess.StartAsync("a", settings);
await using var b = await AppProcess.StartAsync("b", settings);
await Task.WhenAll(a.WaitUntilReadyAsync(), b.WaitUntilReadyAsync());

var workers = new List<(string UserName, long ConversationId)>();
for (var i = 0; i < writers; i++)
{
    workers.Add(await WorkerWithConversationAsync(services, $"werker{i}"));
}

Console.WriteLine($"answer saves through nginx (TLS), PostgreSQL: {writers} workers x {savesPerWriter} saves, {runs} runs, median [min-max]");
Console.WriteLine("instances  saves/s              p50 ms  p99 ms");
var rates = new Dictionary<int, double>();
var cpuUse = new Dictionary<int, (List<(string Who, double Seconds)> Use, double Wall)>();
foreach (var instances in new[] { new[] { a }, new[] { a, b } })
{
    await using var nginx = await NginxServer.StartAsync(nginxPort, instances.Select(i => i.Port).ToList());
    var clients = await Task.WhenAll(workers.Select(worker => SignedInAsync(nginx, worker)));
    await SaveRoundAsync(clients, 5); // warm-up: JIT, pools, TLS sessions
    var results = new List<(double PerSecond, double P50, double P99)>();
    var cpuBefore = CpuSeconds();
    var wall = Stopwatch.StartNew();
    for (var run = 0; run < runs; run++)
    {
        results.Add(await SaveRoundAsync(clients, savesPerWriter));
    }
    cpuUse[instances.Length] = (CpuSeconds().Select(kv => (kv.Key, kv.Value - cpuBefore.GetValueOrDefault(kv.Key))).ToList(), wall.Elapsed.TotalSeconds);
    var ordered = results.Select(r => r.PerSecond).Order().ToList();
    rates[instances.Length] = ordered[runs / 2];
    Console.WriteLine($"{instances.Length,9}  {ordered[runs / 2],7:F0} [{ordered[0]:F0}-{ordered[^1]:F0}]  " +
        $"{results.Select(r => r.P50).Order().ElementAt(runs / 2),6:F1}  {results.Select(r => r.P99).Order().ElementAt(runs / 2),6:F1}");
}
Console.WriteLine($"ratio two/one instances, saves/s: {rates[2] / rates[1]:F2}");
foreach (var (instances, (use, wallSeconds)) in cpuUse)
{
    // Where the machine's cores went while saving: the limit is the sum, not one process.
    Console.WriteLine($"CPU while saving with {instances} instance(s), {wallSeconds:F1} s wall x {Environment.ProcessorCount} cores = {wallSeconds * Environment.ProcessorCount:F1} core-s: " +
        string.Join(", ", use.Where(u => u.Seconds > 0.05).OrderByDescending(u => u.Seconds).Select(u => $"{u.Who} {u.Seconds:F1}")));
}

await IdleConnectionsAsync();

async Task<(double PerSecond, double P50, double P99)> SaveRoundAsync(IReadOnlyList<SavingClient> clients, int saves)
{
    var latencies = new double[clients.Count * saves];
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
    {
        for (var i = 0; i < saves; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.SaveAsync(i);
            latencies[index * saves + i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    })));
    var seconds = clock.Elapsed.TotalSeconds;
    Array.Sort(latencies);
    return (latencies.Length / seconds, latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.99)]);
}

async Task IdleConnectionsAsync()
{
    await using var nginx = await NginxServer.StartAsync(nginxPort, [a.Port, b.Port]);
    var worker = await WorkerWithConversationAsync(services, "beller");
    var client = await SignedInAsync(nginx, worker);
    var cookie = client.Cookie;
    var calls = new List<(long CallId, string Route)>();
    var callStore = services.GetRequiredService<CallStore>();
    var user = new CurrentUser(await UserIdAsync("beller"), "beller", "beller", new HashSet<string> { Roles.Worker });
    for (var i = 0; i < idleConnections; i++)
    {
        var household = await services.GetRequiredService<HouseholdStore>().CreateAsync(
            new HouseholdInput($"Gezin bel {i}", "telefoon", null, "nl", HouseholdStatus.Known, user.Id, null));
        var conversationId = await services.GetRequiredService<ConversationStore>().StartAsync(user, household, "jes-gesprekstoel", 1, "video", DateOnly.FromDateTime(DateTime.Today), true);
        var callId = await callStore.StartAsync(conversationId, user);
        calls.Add((callId, (await callStore.FindAsync(user, callId))!.RouteKey));
    }
    var memoryBefore = (A: RssMegabytes(a), B: RssMegabytes(b));
    var clock = Stopwatch.StartNew();
    var sockets = new List<ClientWebSocket>();
    foreach (var batch in calls.Chunk(50))
    {
        sockets.AddRange(await Task.WhenAll(batch.Select(call => HubConnectAsync(nginx, cookie, call.CallId, call.Route))));
    }
    var opened = clock.Elapsed.TotalSeconds;
    using var keepAlive = new CancellationTokenSource();
    var pinging = Task.Run(async () =>
    {
        while (!keepAlive.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            foreach (var socket in sockets.Where(s => s.State == WebSocketState.Open))
            {
                await socket.SendAsync("{\"type\":6}\u001e"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
    });
    await Task.Delay(TimeSpan.FromSeconds(35)); // longer than the server's 30 s client timeout
    var open = sockets.Count(socket => socket.State == WebSocketState.Open);
    var perInstance = calls.GroupBy(call => nginx.LatestInstanceFor(call.Route)).ToDictionary(g => g.Key ?? 0, g => g.Count());
    var memoryAfter = (A: RssMegabytes(a), B: RssMegabytes(b));
    await keepAlive.CancelAsync();
    Console.WriteLine();
    Console.WriteLine($"idle hub connections: {idleConnections} calls, one worker connection each, through nginx to two instances");
    Console.WriteLine($"opened in {opened:F1} s; still open after 35 s: {open}");
    Console.WriteLine($"connections per instance: a {perInstance.GetValueOrDefault(a.Port)}, b {perInstance.GetValueOrDefault(b.Port)}");
    Console.WriteLine($"memory (RSS): a {memoryBefore.A:F0} -> {memoryAfter.A:F0} MB, b {memoryBefore.B:F0} -> {memoryAfter.B:F0} MB; " +
        $"about {((memoryAfter.A - memoryBefore.A) + (memoryAfter.B - memoryBefore.B)) * 1024 / Math.Max(1, open):F0} KB per connection");
    foreach (var socket in sockets)
    {
        socket.Abort();
        socket.Dispose();
    }
}

// CPU seconds (user + system) so far per kind of process, from /proc: app instances by port, PostgreSQL,
// nginx and this load driver.
Dictionary<string, double> CpuSeconds()
{
    var ticks = 100.0; // USER_HZ on Linux
    var totals = new Dictionary<string, double>();
    foreach (var process in Process.GetProcesses())
    {
        var commandLine = SafeCommandLine(process);
        var who = commandLine.Contains($"127.0.0.1:{a.Port}", StringComparison.Ordinal) ? "app a"
            : commandLine.Contains($"127.0.0.1:{b.Port}", StringComparison.Ordinal) ? "app b"
            : commandLine.StartsWith("postgres", StringComparison.Ordinal) || commandLine.Contains("/bin/postgres", StringComparison.Ordinal) ? "postgres"
            : commandLine.StartsWith("nginx", StringComparison.Ordinal) ? "nginx"
            : process.Id == Environment.ProcessId ? "load driver" : null;
        if (who is null)
        {
            continue;
        }
        try
        {
            var fields = File.ReadAllText($"/proc/{process.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            totals[who] = totals.GetValueOrDefault(who) + (double.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / ticks;
        }
        catch (IOException)
        {
        }
    }
    return totals;
}

static double RssMegabytes(AppProcess app) =>
    Process.GetProcesses().Where(p => SafeCommandLine(p).Contains($"127.0.0.1:{app.Port}", StringComparison.Ordinal))
        .Sum(p => p.WorkingSet64) / 1024.0 / 1024.0;

static string SafeCommandLine(Process process)
{
    try
    {
        return File.ReadAllText($"/proc/{process.Id}/cmdline").Replace('\0', ' ');
    }
    catch (IOException)
    {
        return "";
    }
    catch (UnauthorizedAccessException)
    {
        return "";
    }
}

static async Task<ClientWebSocket> HubConnectAsync(NginxServer nginx, string cookie, long callId, string route)
{
    using var http = Insecure(new CookieContainer());
    var query = $"call={callId}&route={route}&instance=bench{callId}";
    var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{nginx.Address}{CallHub.Path}/negotiate?negotiateVersion=1&{query}");
    negotiate.Headers.Add("Cookie", cookie);
    var answer = await (await http.SendAsync(negotiate)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    var token = answer.GetProperty("connectionToken").GetString();
    var socket = new ClientWebSocket();
    socket.Options.SetRequestHeader("Cookie", cookie);
    socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
    await socket.ConnectAsync(new Uri($"wss://127.0.0.1:{nginx.Port}{CallHub.Path}?id={token}&{query}"), CancellationToken.None);
    await socket.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
    var buffer = new byte[4096];
    await socket.ReceiveAsync(buffer, CancellationToken.None); // the handshake's answer
    _ = Task.Run(async () =>
    {
        // Read and drop what the hub sends (Joined, pings), as a page would.
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                await socket.ReceiveAsync(buffer, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    });
    return socket;
}

static HttpClient Insecure(CookieContainer jar) => new(new HttpClientHandler
{
    CookieContainer = jar,
    AllowAutoRedirect = false,
    ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
    MaxConnectionsPerServer = 4,
});

async Task<SavingClient> SignedInAsync(NginxServer nginx, (string UserName, long ConversationId) worker)
{
    var jar = new CookieContainer();
    var http = Insecure(jar);
    http.BaseAddress = new Uri(nginx.Address);
    var signIn = await TokenAsync(http, "/aanmelden");
    var response = await http.PostAsync("/aanmelden", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["Input.UserName"] = worker.UserName, ["Input.Password"] = Password, ["_handler"] = "aanmelden", ["__RequestVerificationToken"] = signIn,
    }));
    if (response.StatusCode != HttpStatusCode.Redirect)
    {
        throw new InvalidOperationException($"sign-in of {worker.UserName} failed: {response.StatusCode}");
    }
    var token = await TokenAsync(http, ConversationPage.Url(worker.ConversationId));
    var cookie = string.Join("; ", jar.GetCookies(http.BaseAddress).Select(k => $"{k.Name}={k.Value}"));
    return new SavingClient(http, worker.ConversationId, token, cookie);
}

static async Task<string> TokenAsync(HttpClient http, string url)
{
    var html = await http.GetStringAsync(url);
    return Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"|name=\"__RequestVerificationToken\" value=\"([^\"]+)\"") is { Success: true } m
        ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
        : throw new InvalidOperationException($"no antiforgery token on {url}");
}

async Task<string> NewDatabaseAsync()
{
    var name = $"bench_{Guid.NewGuid():N}";
    await using (var connection = new Npgsql.NpgsqlConnection(admin))
    {
        await connection.OpenAsync();
        await new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection).ExecuteNonQueryAsync();
    }
    return new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString(); // the app's own pool size
}

static async Task<IServiceProvider> PrepareAsync(string connectionString)
{
    var database = new Database(DatabaseEngine.Postgres, connectionString);
    await new Migrator(database, NullLogger<Migrator>.Instance).MigrateAsync();
    var provider = new ServiceCollection().AddLogging().AddSingleton(database).AddGesprekToolCore().BuildServiceProvider();
    await provider.GetRequiredService<QuestionnaireCatalog>().LoadAsync(RepositoryPaths.Questionnaires);
    return provider;
}

async Task<long> UserIdAsync(string userName) =>
    (await services.GetRequiredService<UserStore>().FindByUserNameAsync(userName))!.Id;

static async Task<(string, long)> WorkerWithConversationAsync(IServiceProvider services, string userName)
{
    var userId = await services.GetRequiredService<UserStore>().CreateAsync(userName, userName, SignInService.Hash(Password), [Roles.Worker]);
    var user = new CurrentUser(userId, userName, userName, new HashSet<string> { Roles.Worker });
    var household = await services.GetRequiredService<HouseholdStore>().CreateAsync(
        new HouseholdInput($"Gezin {userName}", "telefoon", null, "nl", HouseholdStatus.Known, userId, null));
    var id = await services.GetRequiredService<ConversationStore>().StartAsync(user, household, "jes-gesprekstoel", 1, "video", DateOnly.FromDateTime(DateTime.Today), true);
    return (userName, id);
}

/// <summary>One worker's browser tab: its cookies, its conversation and the page's antiforgery token.</summary>
sealed class SavingClient(HttpClient http, long conversationId, string token, string cookie)
{
    private static readonly string[] Keys = ["gezin-volwassenen", "gezin-kinderen", "cijfer-ouder"];
    // Milliseconds like the page's Date.now(), one apart per save, so each save is the newest.
    private long _stamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    public string Cookie => cookie;

    public async Task SaveAsync(int i)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/gesprekken/{conversationId}/antwoorden")
        {
            Content = JsonContent.Create(new { question = Keys[i % Keys.Length], values = new[] { (1 + i % 9).ToString(System.Globalization.CultureInfo.InvariantCulture) }, stamp = Interlocked.Increment(ref _stamp) }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"save refused: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
