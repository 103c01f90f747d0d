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
        await Task.Run(() => Console.In.ReadToEnd());
        var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.Error.WriteLine($"host: peak working set {process.PeakWorkingSet64 / 1024 / 1024} MiB");
    }

    /// <summary>The hub's participant id for a guest whose device key is their token.</summary>
    private static string ParticipantId(string token, long linkId) => $"g{linkId}-{GesprekTool.Calls.JoinToken.DeviceHashOf(token)[..8]}";
}
