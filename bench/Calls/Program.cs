// Call benchmarks, against the real app started in this process on 127.0.0.1.
//   join [runs]            household join page weight and time to the first remote video frame
//   host <pairs> <file>    hold the app for the signalling benchmark (bench/signalling): seeds
//                          <pairs> calls with two admitted guests each, writes their tokens to <file>
// Run through bench/call-join.sh and bench/signalling.sh, which report in docs/performance.md.
using GesprekTool.Bench;

var repositoryRoot = Path.GetFullPath(Environment.GetEnvironmentVariable("REPO_ROOT") ?? Directory.GetCurrentDirectory());
var port = int.Parse(Environment.GetEnvironmentVariable("BENCH_PORT") ?? "5199", System.Globalization.CultureInfo.InvariantCulture);
switch (args.FirstOrDefault())
{
    case "join":
        await JoinBench.RunAsync(repositoryRoot, port, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
        break;
    case "host":
        await SignallingHost.RunAsync(repositoryRoot, port, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
        break;
    default:
        Console.Error.WriteLine("usage: CallBench join [runs] | host <pairs> <token-file>");
        return 2;
}
return 0;
