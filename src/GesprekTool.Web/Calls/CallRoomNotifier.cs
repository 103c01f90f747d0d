using GesprekTool.Accounts;
using GesprekTool.Audit;
using Microsoft.AspNetCore.SignalR;

namespace GesprekTool.Calls;

/// <summary>
/// Changes to a call's room made from the hub or from the call page and its endpoints, each followed
/// by telling the browsers concerned.
/// </summary>
public sealed class CallRoomNotifier(CallStore calls, CallRooms rooms, AuditLog audit, IHubContext<CallHub, ICallClient> hub, GesprekTool.Live.LiveChanges changes)
{
    /// <summary>
    /// Ends a call: the call row is closed (so every link stops working), everyone still connected
    /// is told, and the room is emptied. The conversation itself stays open.
    /// </summary>
    public async Task EndAsync(long callId, CurrentUser? user)
    {
        if (await calls.EndAsync(callId))
        {
            await audit.WriteAsync(user, "call.ended", "call", callId, null);
        }
        await CloseRoomAsync(callId);
        await changes.PublishAsync(GesprekTool.Live.LiveChanges.Calls); // the instance that holds the room, if not this one
    }

    /// <summary>The call ended (perhaps on another instance): tell who is still here, and empty the room.</summary>
    public async Task CloseRoomAsync(long callId)
    {
        var members = rooms.RemoveCall(callId);
        await hub.Clients.Clients(members.Select(m => m.ConnectionId).ToList()).CallEnded();
    }

    /// <summary>
    /// Another instance now holds this call: its participants reconnect (through nginx, to that
    /// instance). Media is untouched; the room here is emptied so nothing is relayed from a stale copy.
    /// </summary>
    public async Task HandOverAsync(long callId)
    {
        var members = rooms.RemoveCall(callId);
        await hub.Clients.Clients(members.Select(m => m.ConnectionId).ToList()).Moved();
    }

    /// <summary>A link was revoked here: out of this instance's room now, and every other instance is told to look.</summary>
    public async Task LinkRevokedAsync(long callId, long linkId)
    {
        await RemoveLinkAsync(callId, linkId);
        await changes.PublishAsync(GesprekTool.Live.LiveChanges.Calls);
    }

    /// <summary>A revoked link takes its guest out of the call at once, on every device that used it.</summary>
    public async Task RemoveLinkAsync(long callId, long linkId)
    {
        var removed = rooms.Members(callId).Where(m => m.Participant.LinkId == linkId)
            .Select(m => rooms.Remove(callId, m.Participant.Id)).OfType<RoomMember>().ToList();
        if (removed.Count == 0)
        {
            return;
        }
        await hub.Clients.Clients(removed.Select(m => m.ConnectionId).ToList()).Removed();
        var others = rooms.Members(callId).Select(m => m.ConnectionId).ToList();
        foreach (var member in removed)
        {
            await hub.Clients.Clients(others).PeerLeft(member.Participant.Id);
        }
        await NotifyWaitingAsync(callId);
    }

    /// <summary>Tells the worker(s) of a call who is in the waiting room now.</summary>
    public async Task NotifyWaitingAsync(long callId)
    {
        var members = rooms.Members(callId);
        var waiting = members.Where(m => !m.Admitted).Select(m => m.Participant.ToClient()).ToList();
        var workers = members.Where(m => m.Participant.IsWorker).Select(m => m.ConnectionId).ToList();
        await hub.Clients.Clients(workers).Waiting(waiting);
    }
}
