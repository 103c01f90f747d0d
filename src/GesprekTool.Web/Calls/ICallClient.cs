using System.Text.Json;

namespace GesprekTool.Calls;

/// <summary>
/// Every message the hub sends to a browser. The names are mirrored by <c>HubMessages</c> in
/// <c>wwwroot/js/call-core.js</c>; a test keeps the two lists equal.
/// </summary>
public interface ICallClient
{
    /// <summary>To the connecting participant: who they are, whether admitted, the peers, ICE servers.</summary>
    Task Joined(object state);

    /// <summary>To a guest the worker let in, with the peers to connect to.</summary>
    Task Admitted(object state);

    Task PeerJoined(object peer);

    /// <summary>A peer's signalling connection dropped; its media may well go on.</summary>
    Task PeerAway(string participantId);

    Task PeerLeft(string participantId);

    /// <summary>An offer, answer or ICE candidate from another participant of the same call.</summary>
    Task Signal(string from, JsonElement payload);

    Task Declined();

    /// <summary>The guest's link was revoked.</summary>
    Task Removed();

    Task CallEnded();

    /// <summary>Another app instance now holds the call: reconnect (media goes on meanwhile).</summary>
    Task Moved();
}
