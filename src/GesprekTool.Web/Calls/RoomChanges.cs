using GesprekTool.Accounts;
using GesprekTool.Audit;
using Microsoft.AspNetCore.SignalR;

namespace GesprekTool.Calls;

/// <summary>
/// Changes to a call's room made from the hub or from the call page and its endpoints, each followed
/// by telling the browsers concerned.
/// </summary>
public static class RoomChanges
{
    /// <summary>
    /// Ends a call: the call row is closed (so every link stops working), everyone still connected
    /// is told, and the room is emptied. The conversation itself stays open.
    /// </summary>
    public static async Task EndAsync(long callId, CurrentUser? user, CallStore calls, CallRooms rooms, AuditLog audit, IHubClients<IClientProxy> clients)
    {
        if (await calls.EndAsync(callId))
        {
            await audit.WriteAsync(user, "call.ended", "call", callId, null);
        }
        var members = rooms.RemoveCall(callId);
        await clients.Clients(members.Select(m => m.ConnectionId).ToList()).SendAsync("CallEnded");
    }

    /// <summary>A revoked link takes its guest out of the call at once.</summary>
    public static async Task RemoveGuestAsync(long callId, long linkId, CallRooms rooms, IHubClients<IClientProxy> clients)
    {
        var removed = rooms.Remove(callId, $"g{linkId}");
        if (removed is null)
        {
            return;
        }
        await clients.Client(removed.ConnectionId).SendAsync("Removed");
        var others = rooms.Members(callId).Select(m => m.ConnectionId).ToList();
        await clients.Clients(others).SendAsync("PeerLeft", removed.Participant.Id);
        await NotifyWaitingAsync(callId, rooms, clients);
    }

    /// <summary>Tells the worker(s) of a call who is in the waiting room now.</summary>
    public static async Task NotifyWaitingAsync(long callId, CallRooms rooms, IHubClients<IClientProxy> clients)
    {
        var members = rooms.Members(callId);
        var waiting = members.Where(m => !m.Admitted).Select(m => m.Participant.ToClient()).ToList();
        var workers = members.Where(m => m.Participant.IsWorker).Select(m => m.ConnectionId).ToList();
        await clients.Clients(workers).SendAsync("Waiting", waiting);
    }
}
