using System.Diagnostics;

namespace GesprekTool.Bench;

/// <summary>
/// Keeps the app running for the Node signalling client: <paramref name="pairs"/> calls, each with
/// two admitted guests (so they may signal each other). Each line of the token file is
/// "token participant-id peer-token peer-id route-key" (the route key the hub requires, as the guest
/// page sends it). Stops when stdin closes.
/// </summary>
public static class SignallingHost
{
    public static async Task RunAsync(string repositoryRoot, int port, int pairs, string tokenFile)
    {
        await using var app = await BenchApp.StartAsync(repositoryRoot, port);
        var (worker, _, _) = await app.WorkerWithCallAsync();
        var calls = app.Services.GetService(typeof(GesprekTool.Calls.CallStore)) as GesprekTool.Calls.CallStore;
        var lines = new List<string>(pairs);
        for (var i = 0; i < pairs; i++)
        {
            var callId = await calls!.StartAsync(1, worker);
            var a = await app.LinkAsync(callId, worker, admitted: true);
            var b = await app.LinkAsync(callId, worker, admitted: true);
            var route = (await calls.FindAsync(worker, callId))!.RouteKey;
            lines.Add($"{a.Token} {ParticipantId(a.Token, a.LinkId)} {b.Token} {ParticipantId(b.Token, b.LinkId)} {route}");
        }
        await File.WriteAllLinesAsync(tokenFile, lines);
        Console.WriteLine($"ready pid={Environment.ProcessId} url={app.BaseUrl}");
        Console.Out.Flush();
        using var stop = new CancellationTokenSource();
        var pauses = Task.Run(() => GcPausesAsync(stop.Token));
        await Task.Run(() => Console.In.ReadToEnd());
        stop.Cancel();
        ReportPauses(await pauses, tokenFile + ".window");
        var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.Error.WriteLine($"host: peak working set {process.PeakWorkingSet64 / 1024 / 1024} MiB");
    }

    /// <summary>
    /// Garbage-collection pause time, sampled every 5 ms (when each increase happened, and by how
    /// much), so the pauses inside the client's exchange window can be told from the rest.
    /// </summary>
    private static async Task<List<(long UnixMs, double PauseMs)>> GcPausesAsync(CancellationToken stop)
    {
        var pauses = new List<(long, double)>();
        var last = GC.GetTotalPauseDuration();
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(5, CancellationToken.None);
            var now = GC.GetTotalPauseDuration();
            if (now > last)
            {
                pauses.Add((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), (now - last).TotalMilliseconds));
                last = now;
            }
        }
        return pauses;
    }

    private static void ReportPauses(List<(long UnixMs, double PauseMs)> pauses, string windowFile)
    {
        if (!File.Exists(windowFile))
        {
            return;
        }
        var window = File.ReadAllText(windowFile).Split(' ').Select(long.Parse).ToArray();
        var inside = pauses.Where(p => p.UnixMs >= window[0] && p.UnixMs <= window[1] + 5).Select(p => p.PauseMs).ToList();
        var seconds = (window[1] - window[0]) / 1000.0;
        Console.Error.WriteLine($"host: during the exchanges ({seconds:F0} s): {inside.Count} GC pauses, {inside.Sum():F0} ms in all " +
            $"({inside.Sum() / seconds / 10:F2} % of the time), longest {(inside.Count > 0 ? inside.Max() : 0):F1} ms, over 10 ms: {inside.Count(p => p > 10)}; " +
            $"GC mode {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
    }

    /// <summary>The hub's participant id for a guest whose device key is their token.</summary>
    private static string ParticipantId(string token, long linkId) => $"g{linkId}-{GesprekTool.Calls.JoinToken.DeviceHashOf(token)[..8]}";
}
