// Call benchmarks, against the real app started in this process on 127.0.0.1.
//   join [runs]            household join page weight and time to the first remote video frame
//   group <sizes>          N participants in one Janus VideoRoom versus a mesh of N (the family
//                          call page), e.g. "4,8,12"; run inside a network namespace by
//                          bench/group-video.sh, which also starts Janus
//   data [seconds] [runs]  MB per hour on the household's phone: without the video cap, with it,
//                          and on "Alleen geluid" (bench/call-data.sh)
//   live-steps <sizes> <rounds> <label=dll>...
//                          the chair's click to the new step on every participant's page, on one
//                          or two builds of the app (bench/live-steps.sh runs the previous build too)
//   live-memory <counts>   server memory per connected circuit of the coaching page, e.g. "1,50,200"
//   phone <calls> <counts>  phone calls over SIP: "Bellen" to ringing and answer to first sound over
//                          <calls> calls, then Janus CPU/memory and the line's MB/h at <counts>
//                          concurrent calls (bench/phone-calls.sh starts Janus, Kamailio and SIPp)
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
    case "group":
        await GroupBench.RunAsync(repositoryRoot, port, args[1].Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList());
        break;
    case "data":
        await DataBench.RunAsync(repositoryRoot, port, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
        break;
    case "live-steps":
        await LiveStepsBench.RunAsync(repositoryRoot,
            args.Skip(3).Select(a => (a[..a.IndexOf('=', StringComparison.Ordinal)], a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..])).ToList(),
            args[1].Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "live-memory":
        await LiveMemoryBench.RunAsync(repositoryRoot, port, args[1].Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList());
        break;
    case "phone":
        await PhoneBench.RunAsync(repositoryRoot, port, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture),
            args[2].Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList());
        break;
    case "host":
        await SignallingHost.RunAsync(repositoryRoot, port, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
        break;
    default:
        Console.Error.WriteLine("usage: CallBench join [runs] | data [seconds] [runs] | group <sizes> | host <pairs> <token-file>");
        return 2;
}
return 0;
