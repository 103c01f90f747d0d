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
        await RoomChangedAsync(callId);
    }

    /// <summary>
    /// Another instance now holds this call: its participants reconnect (through nginx, to that
    /// instance). Media is untouched; the room here is emptied so nothing is relayed from a stale copy.
    /// </summary>
    public async Task HandOverAsync(long callId)
    {
        var members = rooms.RemoveCall(callId);
        await hub.Clients.Clients(members.Select(m => m.ConnectionId).ToList()).Moved();
        await RoomChangedAsync(callId);
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
        await RoomChangedAsync(callId);
    }

    /// <summary>
    /// The worker lets a guest in from the waiting room: stored for the guest's device (a reconnect
    /// skips the waiting room), and the guest and the others start their media connections.
    /// </summary>
    public async Task<bool> AdmitAsync(long callId, string participantId, CurrentUser worker)
    {
        var guest = rooms.Find(callId, participantId);
        if (guest is null || guest.Participant.IsWorker || guest.Admitted)
        {
            return false;
        }
        await calls.SetAdmittedAsync(guest.Participant.LinkId!.Value, guest.Participant.DeviceHash);
        rooms.Admit(callId, participantId);
        await audit.WriteAsync(worker, "call.guest_admitted", "call", callId, guest.Participant.Role);
        var others = rooms.Members(callId).Where(m => m.Admitted && m.Participant.Id != participantId).ToList();
        await hub.Clients.Client(guest.ConnectionId).Admitted(new { peers = others.Select(m => m.Participant.ToClient()) });
        await hub.Clients.Clients(others.Select(m => m.ConnectionId).ToList()).PeerJoined(guest.Participant.ToClient());
        await RoomChangedAsync(callId);
        return true;
    }

    /// <summary>The worker turns a waiting guest away: that device leaves; the link stops working unless the household already uses it on another device.</summary>
    public async Task<bool> DeclineAsync(long callId, string participantId, CurrentUser worker)
    {
        var guest = rooms.Find(callId, participantId);
        if (guest is null || guest.Participant.IsWorker || guest.Admitted)
        {
            return false;
        }
        var linkInUse = rooms.Members(callId)
            .Any(m => m.Admitted && m.Participant.LinkId == guest.Participant.LinkId && m.Participant.Id != participantId);
        if (!linkInUse)
        {
            await calls.SetDeclinedAsync(guest.Participant.LinkId!.Value);
        }
        rooms.Remove(callId, participantId);
        await audit.WriteAsync(worker, "call.guest_declined", "call", callId, guest.Participant.Role);
        await hub.Clients.Client(guest.ConnectionId).Declined();
        await RoomChangedAsync(callId);
        return true;
    }

    /// <summary>
    /// Someone knocked, came in, dropped or left: the worker's call page on this instance (where the
    /// room is, and where nginx sends that page's connection by the route key) shows it again.
    /// </summary>
    public Task RoomChangedAsync(long callId) => changes.PublishHereAsync(GesprekTool.Live.LiveChanges.Call(callId));
}
