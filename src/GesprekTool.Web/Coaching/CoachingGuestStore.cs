using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Calls;
using GesprekTool.Data;

namespace GesprekTool.Coaching;

/// <summary>Guest trainers' links. Every change is scoped to its session, so an id from another session does nothing.</summary>
public sealed class CoachingGuestStore(Database database, TimeProvider clock)
{
    private const string Columns = """
        id, session_id, expires_at, name, device_hash, knocked_at, admitted_at, refused_at, revoked_at
        """;

    /// <summary>A new link for a session; returns the token, which is shown once and not stored.</summary>
    public async Task<string> InviteAsync(CoachingSession session, CurrentUser trainer)
    {
        var token = JoinToken.Create();
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO coaching_guests (session_id, token_hash, created_by, created_at, expires_at)
            VALUES (@sessionId, @tokenHash, @trainerId, @now, @expiresAt)
            """,
            new { sessionId = session.Id, tokenHash = JoinToken.HashOf(token), trainerId = trainer.Id, now, expiresAt = GuestAccess.ExpiryFor(session.StartsAt, now) });
        return token;
    }

    public async Task<CoachingGuest?> FindByTokenAsync(string? token)
    {
        if (!JoinToken.LooksValid(token))
        {
            return null;
        }
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<CoachingGuest>(
            $"SELECT {Columns} FROM coaching_guests WHERE token_hash = @hash", new { hash = JoinToken.HashOf(token!) });
    }

    public async Task<IReadOnlyList<CoachingGuest>> ListAsync(long sessionId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<CoachingGuest>(
            $"SELECT {Columns} FROM coaching_guests WHERE session_id = @sessionId ORDER BY id", new { sessionId })).AsList();
    }

    /// <summary>The first device to open the link keeps it.</summary>
    public async Task BindDeviceAsync(long guestId, string deviceHash)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE coaching_guests SET device_hash = @deviceHash WHERE id = @guestId AND device_hash IS NULL", new { guestId, deviceHash });
    }

    public async Task<bool> KnockAsync(long guestId, string deviceHash, string name)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            """
            UPDATE coaching_guests SET name = @name, knocked_at = @now
            WHERE id = @guestId AND device_hash = @deviceHash AND knocked_at IS NULL AND revoked_at IS NULL
            """, new { guestId, deviceHash, name, now = clock.GetUtcNow() }) == 1;
    }

    public Task<bool> AdmitAsync(long sessionId, long guestId) =>
        DecideAsync(sessionId, guestId, "admitted_at = @now, refused_at = NULL", "knocked_at IS NOT NULL");

    public Task<bool> RefuseAsync(long sessionId, long guestId) =>
        DecideAsync(sessionId, guestId, "refused_at = @now, admitted_at = NULL", "knocked_at IS NOT NULL");

    public Task<bool> RevokeAsync(long sessionId, long guestId) =>
        DecideAsync(sessionId, guestId, "revoked_at = @now", "1 = 1");

    private async Task<bool> DecideAsync(long sessionId, long guestId, string set, string condition)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            $"UPDATE coaching_guests SET {set} WHERE id = @guestId AND session_id = @sessionId AND revoked_at IS NULL AND {condition}",
            new { sessionId, guestId, now = clock.GetUtcNow() }) == 1;
    }
}
