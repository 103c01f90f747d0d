namespace GesprekTool.Calls;

/// <summary>One person in a call: the worker (signed in) or a guest (a join link).</summary>
/// <param name="Id">Stable across reconnects ("w12", "g34"), so peers keep their media connection.</param>
/// <param name="Instance">Random per page load: a new instance means a reloaded page that needs new peer connections.</param>
public sealed record Participant(
    string Id, string Role, string Name, long CallId, long? LinkId, string Instance, DateTimeOffset? ExpiresAt)
{
    /// <summary>For a guest: the SHA-256 of their browser's device key; admission is stored for this device only.</summary>
    public string? DeviceHash { get; init; }

    /// <summary>For a guest: whether their page found a camera and a microphone (null when it did not say).</summary>
    public bool? HasCamera { get; init; }
    public bool? HasMicrophone { get; init; }

    public bool IsWorker => LinkId is null;

    /// <summary>What the other browsers learn about a participant: no user id, no link id beyond the participant id.</summary>
    public object ToClient() => new { id = Id, role = Role, name = Name, instance = Instance, camera = HasCamera, microphone = HasMicrophone };
}

public sealed record RoomMember(Participant Participant, string ConnectionId, bool Admitted);

/// <summary>
/// Who is in which call right now, in memory. Every hub message is checked against this: revoking a
/// link, declining a guest and ending a call all go through here, so a removed participant's next
/// message is refused without a database round trip. After a server restart the rooms fill again
/// as the browsers reconnect (admission is also stored on the link).
/// </summary>
public sealed class CallRooms
{
    private readonly object _gate = new();
    private readonly Dictionary<long, Dictionary<string, RoomMember>> _rooms = [];
    private readonly Dictionary<string, (long CallId, string ParticipantId)> _byConnection = [];

    /// <summary>Adds or moves a participant to a new connection; returns the member it replaced, if any.</summary>
    public RoomMember? Join(Participant participant, string connectionId, bool admitted)
    {
        lock (_gate)
        {
            var room = RoomOf(participant.CallId, create: true)!;
            room.TryGetValue(participant.Id, out var previous);
            if (previous is not null)
            {
                _byConnection.Remove(previous.ConnectionId);
            }
            room[participant.Id] = new RoomMember(participant, connectionId, admitted || previous?.Admitted == true);
            _byConnection[connectionId] = (participant.CallId, participant.Id);
            return previous;
        }
    }

    public RoomMember? MemberOf(string connectionId)
    {
        lock (_gate)
        {
            return _byConnection.TryGetValue(connectionId, out var at) ? RoomOf(at.CallId)?.GetValueOrDefault(at.ParticipantId) : null;
        }
    }

    public RoomMember? Find(long callId, string participantId)
    {
        lock (_gate)
        {
            return RoomOf(callId)?.GetValueOrDefault(participantId);
        }
    }

    public IReadOnlyList<RoomMember> Members(long callId)
    {
        lock (_gate)
        {
            return RoomOf(callId)?.Values.ToList() ?? [];
        }
    }

    public RoomMember? Admit(long callId, string participantId)
    {
        lock (_gate)
        {
            var room = RoomOf(callId);
            if (room is null || !room.TryGetValue(participantId, out var member))
            {
                return null;
            }
            return room[participantId] = member with { Admitted = true };
        }
    }

    /// <summary>Forgets a connection that closed; the participant stays only if they already moved to a new one.</summary>
    public RoomMember? Disconnected(string connectionId)
    {
        lock (_gate)
        {
            if (!_byConnection.Remove(connectionId, out var at))
            {
                return null;
            }
            var room = RoomOf(at.CallId);
            if (room is null || !room.TryGetValue(at.ParticipantId, out var member) || member.ConnectionId != connectionId)
            {
                return null;
            }
            room.Remove(at.ParticipantId);
            if (room.Count == 0)
            {
                _rooms.Remove(at.CallId);
            }
            return member;
        }
    }

    public RoomMember? Remove(long callId, string participantId)
    {
        lock (_gate)
        {
            var room = RoomOf(callId);
            if (room is null || !room.Remove(participantId, out var member))
            {
                return null;
            }
            _byConnection.Remove(member.ConnectionId);
            return member;
        }
    }

    public IReadOnlyList<RoomMember> RemoveCall(long callId)
    {
        lock (_gate)
        {
            if (!_rooms.Remove(callId, out var room))
            {
                return [];
            }
            foreach (var member in room.Values)
            {
                _byConnection.Remove(member.ConnectionId);
            }
            return room.Values.ToList();
        }
    }

    /// <summary>The calls with anyone connected here.</summary>
    public IReadOnlyCollection<long> CallIds
    {
        get
        {
            lock (_gate)
            {
                return _rooms.Where(room => room.Value.Count > 0).Select(room => room.Key).ToList();
            }
        }
    }

    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _byConnection.Count;
            }
        }
    }

    private Dictionary<string, RoomMember>? RoomOf(long callId, bool create = false)
    {
        if (!_rooms.TryGetValue(callId, out var room) && create)
        {
            _rooms[callId] = room = [];
        }
        return room;
    }
}
