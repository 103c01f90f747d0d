using Microsoft.Playwright;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>What the call tests ask of a page in a call, through the page's own peer connections.</summary>
public static class CallPages
{
    /// <summary>The waiting room and join links beside the worker's video: a live page in a frame of its own.</summary>
    public static IFrameLocator Room(IPage workerPage) => workerPage.FrameLocator("#call-room-frame");

    /// <summary>An init script: the browser refuses camera and microphone, as when the guest tapped "Block".</summary>
    public const string PermissionDeniedScript =
        "navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));";

    /// <summary>Video frames decoded per remote participant, from RTCPeerConnection.getStats().</summary>
    private const string FramesDecodedScript =
        """
        async () => {
          const call = window.gesprekCall;
          const result = {};
          if (!call) return result;
          for (const [id, peer] of call.peers) {
            let frames = 0;
            const stats = await peer.pc.getStats();
            stats.forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded || 0; });
            result[id] = frames;
          }
          return result;
        }
        """;

    /// <summary>The local candidate types of the pairs in use ("host", "srflx", "relay").</summary>
    private const string CandidateTypesScript =
        """
        async () => {
          const types = [];
          for (const peer of window.gesprekCall.peers.values()) {
            const stats = await peer.pc.getStats();
            stats.forEach((r) => {
              if (r.type === 'candidate-pair' && r.state === 'succeeded' && r.nominated) {
                const local = stats.get(r.localCandidateId);
                if (local) types.push(local.candidateType);
              }
            });
          }
          return types;
        }
        """;

    public static async Task<Dictionary<string, int>> FramesDecodedAsync(IFrame page) =>
        await page.EvaluateAsync<Dictionary<string, int>>(FramesDecodedScript);

    public static Task<Dictionary<string, int>> FramesDecodedAsync(IPage page) => FramesDecodedAsync(page.MainFrame);

    public static async Task<string[]> CandidateTypesAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(CandidateTypesScript);

    /// <summary>
    /// Waits until the page decodes video from <paramref name="peers"/> participants and the count
    /// keeps growing (a live picture, not one frozen frame). Returns the frames seen per participant.
    /// </summary>
    public static Task<Dictionary<string, int>> ExpectLiveVideoAsync(IPage page, int peers, TimeSpan? timeout = null) =>
        ExpectLiveVideoAsync(page.MainFrame, peers, timeout);

    /// <summary>The same, for a call in a frame of a page (the practice page's call).</summary>
    public static async Task<Dictionary<string, int>> ExpectLiveVideoAsync(IFrame page, int peers, TimeSpan? timeout = null)
    {
        var first = await WaitForAsync(page, frames => frames.Count == peers && frames.Values.All(f => f > 0), timeout);
        return await WaitForAsync(page, frames => frames.Count == peers && first.All(f => frames.GetValueOrDefault(f.Key) > f.Value), timeout);
    }

    private static async Task<Dictionary<string, int>> WaitForAsync(IFrame page, Func<Dictionary<string, int>, bool> done, TimeSpan? timeout)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        Dictionary<string, int> frames;
        do
        {
            frames = await FramesDecodedAsync(page);
            if (done(frames))
            {
                return frames;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"No live video on {page.Url}: frames decoded per peer {string.Join(", ", frames.Select(f => $"{f.Key}={f.Value}"))}");
    }

    /// <summary>Totals over all peers: video frames decoded, audio packets received, video bytes sent.</summary>
    private const string FlowScript =
        """
        async () => {
          const flow = { videoFrames: 0, audioPackets: 0, videoBytesSent: 0 };
          for (const peer of (window.gesprekCall?.peers ?? new Map()).values()) {
            (await peer.pc.getStats()).forEach((r) => {
              if (r.type === 'inbound-rtp' && r.kind === 'video') flow.videoFrames += r.framesDecoded || 0;
              if (r.type === 'inbound-rtp' && r.kind === 'audio') flow.audioPackets += r.packetsReceived || 0;
              if (r.type === 'outbound-rtp' && r.kind === 'video') flow.videoBytesSent += r.bytesSent || 0;
            });
          }
          return flow;
        }
        """;

    public sealed class Flow
    {
        public long VideoFrames { get; set; }
        public long AudioPackets { get; set; }
        public long VideoBytesSent { get; set; }

        public override string ToString() => $"{VideoFrames} video frames decoded, {AudioPackets} audio packets received, {VideoBytesSent} video bytes sent";
    }

    public static async Task<Flow> FlowAsync(IPage page) => await page.EvaluateAsync<Flow>(FlowScript);

    /// <summary>
    /// Waits until, over two seconds, the page neither decodes nor sends video while sound keeps
    /// arriving: sound only, both ways (from getStats, not from what the page says).
    /// </summary>
    public static async Task ExpectSoundOnlyAsync(IPage page)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        Flow before, after;
        do
        {
            before = await FlowAsync(page);
            await Task.Delay(2000);
            after = await FlowAsync(page);
            if (after.VideoFrames == before.VideoFrames && after.VideoBytesSent == before.VideoBytesSent && after.AudioPackets > before.AudioPackets)
            {
                return;
            }
        }
        while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"Still video (or no sound) on {page.Url}: {before} then {after}");
    }

    /// <summary>The page's audio sender: [packets sent, seconds of sound captured from the microphone].</summary>
    public const string AudioSentScript =
        """
        async () => {
          let packets = 0, seconds = 0;
          for (const peer of (window.gesprekCall?.peers ?? new Map()).values()) {
            (await peer.pc.getStats()).forEach((r) => {
              if (r.type === 'outbound-rtp' && r.kind === 'audio') packets += r.packetsSent || 0;
              if (r.type === 'media-source' && r.kind === 'audio') seconds += r.totalSamplesDuration || 0;
            });
          }
          return [packets, seconds];
        }
        """;

    /// <summary>The energy of all the sound the page has received and decoded (getStats' totalAudioEnergy).</summary>
    public const string AudioEnergyHeardScript =
        """
        async () => {
          let energy = 0;
          for (const peer of (window.gesprekCall?.peers ?? new Map()).values()) {
            (await peer.pc.getStats()).forEach((r) => {
              if (r.type === 'inbound-rtp' && r.kind === 'audio') energy += r.totalAudioEnergy || 0;
            });
          }
          return energy;
        }
        """;

    public static async Task<int> PeerCountAsync(IPage page) =>
        await page.EvaluateAsync<int>("() => window.gesprekCall ? window.gesprekCall.peers.size : 0");
}
