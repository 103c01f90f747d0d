using Dapper;
using GesprekTool.Data;

namespace GesprekTool.Calls;

/// <summary>What the database says about calls whose room this instance holds.</summary>
public sealed record HeldCallState(long CallId, DateTimeOffset? EndedAt, string? Host);

/// <summary>
/// Which app instance holds each call's room, in the database all instances share. nginx sends every
/// connection of a call to one instance by its route key; when that instance changes (it died, or
/// came back after a restart), the new one claims the room and the old one hands its participants
/// over (<see cref="CallRoomWatch"/>).
/// </summary>
public sealed class CallRoomHosts(Database database, AppInstance instance, TimeProvider clock)
{
    public string Me => instance.Name;

    /// <summary>Claims a call's room for this instance; true when it was held elsewhere (or nowhere) before.</summary>
    public async Task<bool> ClaimAsync(long callId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            """
            INSERT INTO call_room_hosts (call_id, instance, since) VALUES (@callId, @instance, @now)
            ON CONFLICT (call_id) DO UPDATE SET instance = excluded.instance, since = excluded.since
            WHERE call_room_hosts.instance <> excluded.instance
            """, new { callId, instance = instance.Name, now = clock.GetUtcNow() }) == 1;
    }

    public async Task<IReadOnlyList<HeldCallState>> StatesAsync(IReadOnlyCollection<long> callIds)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<HeldCallState>(
            $"""
            SELECT c.id AS call_id, c.ended_at, h.instance AS host
            FROM calls c LEFT JOIN call_room_hosts h ON h.call_id = c.id
            WHERE {database.IsOneOf("c.id", "callIds")}
            """, new { callIds = database.IdList(callIds) })).ToList();
    }

    public async Task<IReadOnlyList<(long CallId, long LinkId)>> RevokedLinksAsync(IReadOnlyCollection<long> callIds)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<(long, long)>(
            $"SELECT call_id, id FROM call_links WHERE {database.IsOneOf("call_id", "callIds")} AND revoked_at IS NOT NULL",
            new { callIds = database.IdList(callIds) })).ToList();
    }
}
