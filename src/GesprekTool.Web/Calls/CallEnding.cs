using GesprekTool.Accounts;
using GesprekTool.Audit;
using Microsoft.AspNetCore.SignalR;

namespace GesprekTool.Calls;

/// <summary>
/// Ending a call, from the hub or from the call page's form: the call row is closed (so every link
/// stops working), everyone still connected is told, and the room is emptied. The conversation
/// itself stays open.
/// </summary>
public static class CallEnding
{
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
        var waiting = rooms.Members(callId).Where(m => !m.Admitted).Select(m => new { id = m.Participant.Id, role = m.Participant.Role, name = m.Participant.Name, instance = m.Participant.Instance });
        await clients.Clients(rooms.Members(callId).Where(m => m.Participant.IsWorker).Select(m => m.ConnectionId).ToList()).SendAsync("Waiting", waiting.ToList());
    }
}
