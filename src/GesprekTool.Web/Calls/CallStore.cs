using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Data;

namespace GesprekTool.Calls;

/// <summary>
/// SQL for calls and their join links. A worker reaches a call only through a conversation they
/// may see (the caseload check is in the query); a guest only through the hash of a token.
/// </summary>
public sealed class CallStore(Database database, TimeProvider clock)
{
    private const string CallColumns =
        """
        SELECT k.id, k.conversation_id, c.household_id, h.home_language, k.started_by, k.created_at, k.ended_at, k.route_key AS stored_route_key
        FROM calls k
        JOIN conversations c ON c.id = k.conversation_id
        JOIN households h ON h.id = c.household_id
        """;

    public async Task<long> StartAsync(long conversationId, CurrentUser worker)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO calls (conversation_id, started_by, created_at, route_key) VALUES (@conversationId, @userId, @now, @routeKey) RETURNING id",
            new { conversationId, userId = worker.Id, now = clock.GetUtcNow(), routeKey = RouteKeys.New() });
    }

    /// <summary>The call of a conversation that has not ended, if the user may see the conversation.</summary>
    public async Task<Call?> FindActiveAsync(CurrentUser user, long conversationId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QueryFirstOrDefaultAsync<Call>(
            CallColumns + $$"""

            WHERE k.conversation_id = @conversationId AND k.ended_at IS NULL AND {{Households.CaseloadFilter.Sql}}
            ORDER BY k.id DESC
            """, Households.CaseloadFilter.For(user, new { conversationId }));
    }

    /// <summary>A call by id, if the user may see its conversation (ended calls included).</summary>
    public async Task<Call?> FindAsync(CurrentUser user, long callId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<Call>(
            CallColumns + $$"""

            WHERE k.id = @callId AND {{Households.CaseloadFilter.Sql}}
            """, Households.CaseloadFilter.For(user, new { callId }));
    }

    public async Task<bool> EndAsync(long callId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            "UPDATE calls SET ended_at = @now WHERE id = @callId AND ended_at IS NULL",
            new { callId, now = clock.GetUtcNow() }) == 1;
    }

    public async Task<CallLink> CreateLinkAsync(long callId, string role, string tokenHash, CurrentUser worker, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO call_links (call_id, role, token_sha256, created_by, created_at, expires_at)
            VALUES (@callId, @role, @tokenHash, @userId, @now, @expiresAt)
            RETURNING id
            """, new { callId, role, tokenHash, userId = worker.Id, now, expiresAt = now + lifetime });
        return new CallLink { Id = id, CallId = callId, Role = role, CreatedAt = now, ExpiresAt = now + lifetime };
    }

    private const string LinkColumns =
        """
        SELECT l.id, l.call_id, l.role, l.created_at, l.expires_at, l.revoked_at, l.admitted_at, l.admitted_device, l.declined_at,
               k.ended_at AS call_ended_at, k.route_key AS call_stored_route_key, h.home_language
        FROM call_links l
        JOIN calls k ON k.id = l.call_id
        JOIN conversations c ON c.id = k.conversation_id
        JOIN households h ON h.id = c.household_id
        """;

    public async Task<CallLink?> FindLinkByTokenAsync(string token)
    {
        if (!JoinToken.LooksValid(token))
        {
            return null;
        }
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<CallLink>(
            LinkColumns + "\nWHERE l.token_sha256 = @hash", new { hash = JoinToken.HashOf(token) });
    }

    public async Task<IReadOnlyList<CallLink>> LinksAsync(long callId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<CallLink>(
            LinkColumns + "\nWHERE l.call_id = @callId ORDER BY l.id", new { callId })).ToList();
    }

    public async Task<bool> RevokeLinkAsync(long callId, long linkId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            "UPDATE call_links SET revoked_at = @now WHERE id = @linkId AND call_id = @callId AND revoked_at IS NULL",
            new { callId, linkId, now = clock.GetUtcNow() }) == 1;
    }

    /// <summary>
    /// Admission is stored for the admitted device, so that device reconnecting (or meeting a
    /// restarted server) is not sent back to the waiting room, and any other device is.
    /// </summary>
    public async Task SetAdmittedAsync(long linkId, string? deviceHash)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE call_links SET admitted_at = COALESCE(admitted_at, @now), admitted_device = @deviceHash WHERE id = @linkId",
            new { linkId, deviceHash, now = clock.GetUtcNow() });
    }

    /// <summary>A declined link stops working; the worker can send a new one if it was a mistake.</summary>
    public async Task SetDeclinedAsync(long linkId)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE call_links SET declined_at = @now WHERE id = @linkId AND declined_at IS NULL",
            new { linkId, now = clock.GetUtcNow() });
    }
}
