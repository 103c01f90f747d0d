using System.Text.Json;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GesprekTool.Calls;

/// <summary>
/// Signalling for one call: joining (into the waiting room for a guest), and offers, answers and ICE
/// candidates between participants of the same call. The worker admits and declines on the page's
/// live part (<see cref="WaitingRoom"/>), which reads the same in-memory room. Media never passes through here. A worker connects with
/// their sign-in cookie and <c>?call=</c>; a guest with the link token as access token. Both are
/// checked on connect, and every message is checked against the room the sender is in.
/// </summary>
[AllowAnonymous]
public sealed class CallHub(
    CallRooms rooms, CallStore calls, AuditLog audit, JoinAttemptLimiter limiter, CallRoomNotifier notifier, CallRoomHosts hosts, GesprekTool.Live.LiveChanges changes,
    Quality.ConversationEventStore paradata, IOptionsMonitor<CallOptions> options, TimeProvider clock, ILogger<CallHub> logger) : Hub<ICallClient>
{
    public const string Path = "/hubs/gesprek";

    public override async Task OnConnectedAsync()
    {
        var (participant, admitted) = await IdentifyAsync();
        if (participant is null)
        {
            Context.Abort();
            return;
        }
        // With several instances, the call's room lives where its participants connect now.
        if (await hosts.ClaimAsync(participant.CallId))
        {
            logger.LogInformation("Holding the room of call {CallId} on this instance", participant.CallId);
            await changes.PublishAsync(GesprekTool.Live.LiveChanges.Calls); // the previous holder sends its participants here
        }
        var previous = rooms.Join(participant, Context.ConnectionId, admitted);
        var member = rooms.Find(participant.CallId, participant.Id)!;
        var others = rooms.Members(participant.CallId).Where(m => m.Participant.Id != participant.Id).ToList();

        await Clients.Caller.Joined(new
        {
            self = participant.ToClient(),
            admitted = member.Admitted,
            peers = member.Admitted ? others.Where(m => m.Admitted).Select(m => m.Participant.ToClient()) : [],
            ice = IceConfiguration.For(options.CurrentValue, participant.Id, clock.GetUtcNow()),
        });
        if (member.Admitted)
        {
            // Peers compare the instance: the same page reconnecting keeps its media connection.
            await Clients.Clients(ConnectionsOf(others.Where(m => m.Admitted))).PeerJoined(participant.ToClient());
            if (!participant.IsWorker)
            {
                await paradata.CallRestoredAsync(participant.CallId);
            }
        }
        else if (previous is null)
        {
            await audit.WriteAsync(null, "call.guest_waiting", "call", participant.CallId, participant.Role);
        }
        await RoomChangedAsync(participant.CallId); // the worker's page shows who waits and who is in
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var member = rooms.Disconnected(Context.ConnectionId);
        if (member is null)
        {
            return;
        }
        // The media connection may well survive a lost signalling connection: peers only mark the person as away.
        var others = rooms.Members(member.Participant.CallId);
        await Clients.Clients(ConnectionsOf(others.Where(m => m.Admitted))).PeerAway(member.Participant.Id);
        if (member.Admitted && !member.Participant.IsWorker)
        {
            await paradata.CallDroppedAsync(member.Participant.CallId);
        }
        await RoomChangedAsync(member.Participant.CallId);
    }

    /// <summary>Relays an offer, answer or ICE candidate to another admitted participant of the same call.</summary>
    public async Task Signal(string to, JsonElement payload)
    {
        var sender = await RequireAdmittedAsync(nameof(Signal));
        if (sender is null)
        {
            return;
        }
        var target = rooms.Find(sender.Participant.CallId, to);
        if (target is null || !target.Admitted)
        {
            // A peer that just left or reconnects: not an attack, the sender's perfect negotiation recovers.
            logger.LogDebug("Signal to {Target}, who is not in call {CallId}", to, sender.Participant.CallId);
            return;
        }
        await Clients.Client(target.ConnectionId).Signal(sender.Participant.Id, payload);
    }

    /// <summary>Fresh ICE servers (and TURN credentials) for an ICE restart late in a long call.</summary>
    public async Task<object?> IceServers()
    {
        var sender = await RequireAdmittedAsync(nameof(IceServers));
        return sender is null ? null : IceConfiguration.For(options.CurrentValue, sender.Participant.Id, clock.GetUtcNow());
    }

    /// <summary>A participant leaves on purpose: peers close their connection to them at once.</summary>
    public async Task Leave()
    {
        var member = rooms.MemberOf(Context.ConnectionId);
        if (member is null)
        {
            return;
        }
        rooms.Remove(member.Participant.CallId, member.Participant.Id);
        var others = rooms.Members(member.Participant.CallId);
        await Clients.Clients(ConnectionsOf(others)).PeerLeft(member.Participant.Id);
        await RoomChangedAsync(member.Participant.CallId);
        if (!member.Participant.IsWorker)
        {
            await audit.WriteAsync(null, "call.guest_left", "call", member.Participant.CallId, member.Participant.Role);
        }
    }

    public async Task EndCall()
    {
        var worker = await RequireWorkerAsync(nameof(EndCall));
        if (worker is null)
        {
            return;
        }
        await notifier.EndAsync(worker.Participant.CallId, UserOf(worker));
    }

    /// <summary>Who is connecting, and whether they were admitted before (a worker always is).</summary>
    private async Task<(Participant? Participant, bool Admitted)> IdentifyAsync()
    {
        var http = Context.GetHttpContext()!;
        var token = http.Request.Query["access_token"].ToString();
        if (token.Length == 0 && http.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            token = header["Bearer ".Length..];
        }
        var instance = http.Request.Query["instance"].ToString() is { Length: > 0 and <= 64 } given ? given : Guid.NewGuid().ToString("N");
        return token.Length > 0 ? await IdentifyGuestAsync(http, token, instance) : await IdentifyWorkerAsync(http, instance);
    }

    private async Task<(Participant?, bool)> IdentifyGuestAsync(HttpContext http, string token, string instance)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "?";
        // As on the join page: a usable link always connects; only failures are counted and slowed down.
        var link = await calls.FindLinkByTokenAsync(token);
        if (link is null || link.StateAt(clock.GetUtcNow()) != LinkState.Usable)
        {
            if (!await limiter.MayTryAsync(address))
            {
                return (null, false);
            }
            await limiter.RecordFailureAsync(address);
            logger.LogWarning("Refused a hub connection with an unusable join link ({State})", link?.StateAt(clock.GetUtcNow()).ToString() ?? "unknown");
            return (null, false);
        }
        if (!RoutedBy(http, link.CallRouteKey, link.CallId))
        {
            return (null, false);
        }
        // Admission is stored for one device: that device reconnecting skips the waiting room; the same
        // link on another device is a new knock the worker sees (and can decline) as such.
        var device = JoinToken.DeviceHashOf(http.Request.Query["device"].ToString());
        // What the guest's page found ("camera,microfoon", "microfoon", "geen"), so the worker knows before letting them in.
        var media = http.Request.Query["media"].ToString() is { Length: > 0 and <= 40 } said ? said.Split(',') : null;
        var participant = new Participant($"g{link.Id}-{device[..8]}", link.Role, GuestRoles.Dutch(link.Role), link.CallId, link.Id, instance, link.ExpiresAt)
        {
            DeviceHash = device,
            HasCamera = media?.Contains("camera"),
            HasMicrophone = media?.Contains("microfoon"),
        };
        return (participant, link.AdmittedAt is not null && link.AdmittedDevice == device);
    }

    private async Task<(Participant?, bool)> IdentifyWorkerAsync(HttpContext http, string instance)
    {
        // Only a full sign-in (password and, where required, the code) and a role that works with families.
        var signedIn = http.User.Identity?.IsAuthenticated == true && Sessions.StageOf(http.User) == SessionStages.Full
            && Roles.WithHouseholdsList.Any(http.User.IsInRole);
        if (!signedIn || !long.TryParse(http.Request.Query["call"], out var callId))
        {
            logger.LogWarning("Refused a hub connection without sign-in or join link");
            return (null, false);
        }
        var user = CurrentUser.From(http.User);
        var call = await calls.FindAsync(user, callId);
        if (call is null || call.HasEnded)
        {
            await audit.WriteAsync(user, "call.refused", "call", callId, "geen toegang of gesprek beëindigd");
            return (null, false);
        }
        if (!RoutedBy(http, call.RouteKey, callId))
        {
            return (null, false);
        }
        return (new Participant($"w{user.Id}", "hulpverlener", user.DisplayName, callId, null, instance, null), true);
    }

    /// <summary>
    /// A connection must carry its call's own route key: behind nginx that key chose this instance.
    /// With another key a participant would land on another instance, claim the room there and make
    /// everyone else's signalling hop between instances.
    /// </summary>
    private bool RoutedBy(HttpContext http, string routeKey, long callId)
    {
        if (http.Request.Query["route"].ToString() == routeKey)
        {
            return true;
        }
        logger.LogWarning("Refused a hub connection to call {CallId} with another route key", callId);
        return false;
    }

        private async Task<RoomMember?> RequireAdmittedAsync(string message)
    {
        var member = rooms.MemberOf(Context.ConnectionId);
        if (member is { Admitted: true } && (member.Participant.ExpiresAt is null || clock.GetUtcNow() < member.Participant.ExpiresAt))
        {
            return member;
        }
        await RefuseAsync(member, message);
        return null;
    }

    private async Task<RoomMember?> RequireWorkerAsync(string message)
    {
        var member = rooms.MemberOf(Context.ConnectionId);
        if (member is { Participant.IsWorker: true })
        {
            return member;
        }
        await RefuseAsync(member, message);
        return null;
    }

    /// <summary>A message from someone who is not (or no longer) part of a call: refused, logged, and the connection closed.</summary>
    private async Task RefuseAsync(RoomMember? member, string message)
    {
        logger.LogWarning("Refused hub message {Message} from {Participant} (call {CallId})",
            message, member?.Participant.Id ?? "unknown", member?.Participant.CallId);
        await audit.WriteAsync(member is null ? null : UserOf(member), "call.message_refused", "call",
            member?.Participant.CallId, $"{message} van {member?.Participant.Role ?? "onbekende verbinding"}");
        Context.Abort();
    }

    private Task RoomChangedAsync(long callId) => notifier.RoomChangedAsync(callId);

    private static IReadOnlyList<string> ConnectionsOf(IEnumerable<RoomMember> members) => members.Select(m => m.ConnectionId).ToList();

    private CurrentUser? UserOf(RoomMember member) =>
        member.Participant.IsWorker && Context.User?.Identity?.IsAuthenticated == true ? CurrentUser.From(Context.User) : null;
}
