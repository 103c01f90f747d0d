using System.Security.Cryptography;
using System.Text;
using Dapper;
using GesprekTool.Data;

namespace GesprekTool.Accounts;

/// <summary>Where a session is: signed in fully, or still at the second factor.</summary>
public static class SessionStages
{
    public const string Full = "full";
    public const string SecondFactor = "second_factor";
    public const string Enrolment = "enrolment";
}

/// <summary>One sign-in session as the server knows it, with the user it belongs to.</summary>
public sealed class ActiveSession
{
    public long SessionId { get; init; }
    public long UserId { get; init; }
    public string Stage { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string SecurityStamp { get; init; } = "";
    public IReadOnlySet<string> Roles { get; set; } = new HashSet<string>();
}

/// <summary>A session as an admin or the user sees it in the sessions list.</summary>
public sealed class SessionSummary
{
    public long Id { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }
    public string? UserAgent { get; init; }
    public string? IpAddress { get; init; }
}

/// <summary>What a session started through the IdP keeps: the IdP's session id and subject, and the id token protected with the key ring.</summary>
public sealed record SsoSession(string? Sid, string Subject, string? ProtectedIdToken);

/// <summary>SQL for server-side sign-in sessions. Tokens are stored only as their SHA-256.</summary>
public sealed class SessionStore(Database database, TimeProvider clock)
{
    public static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates a session and returns its token (256 random bits), which only the cookie holds.</summary>
    public async Task<string> CreateAsync(long userId, string stage, TimeSpan lifetime, string? userAgent, string? ipAddress, SsoSession? sso = null)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO user_sessions (token_hash, user_id, stage, created_at, last_seen_at, expires_at, user_agent, ip_address,
                                       sso_sid, sso_subject, sso_id_token)
            VALUES (@tokenHash, @userId, @stage, @now, @now, @expiresAt, @userAgent, @ipAddress, @sid, @subject, @idToken)
            """,
            new { tokenHash = HashToken(token), userId, stage, now, expiresAt = now + lifetime,
                  userAgent = userAgent is { Length: > 200 } ? userAgent[..200] : userAgent, ipAddress,
                  sid = sso?.Sid, subject = sso?.Subject, idToken = sso?.ProtectedIdToken });
        return token;
    }

    /// <summary>The session for a token when it has not ended or expired and its user is active.</summary>
    public async Task<ActiveSession?> FindActiveAsync(string token)
    {
        await using var connection = await database.OpenAsync();
        var session = await connection.QuerySingleOrDefaultAsync<ActiveSession>(
            """
            SELECT s.id AS session_id, s.user_id, s.stage, s.created_at, s.last_seen_at, s.expires_at,
                   u.user_name, u.display_name, u.security_stamp
            FROM user_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = @tokenHash AND s.ended_at IS NULL AND s.expires_at > @now AND u.is_active = TRUE
            """, new { tokenHash = HashToken(token), now = clock.GetUtcNow() });
        if (session is not null)
        {
            session.Roles = (await connection.QueryAsync<string>(
                "SELECT role FROM user_roles WHERE user_id = @userId", new { userId = session.UserId })).ToHashSet();
        }
        return session;
    }

    /// <summary>Records activity and slides the idle expiry, never past the absolute end.</summary>
    public async Task TouchAsync(long sessionId, DateTimeOffset expiresAt)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE user_sessions SET last_seen_at = @now, expires_at = @expiresAt WHERE id = @sessionId AND ended_at IS NULL",
            new { sessionId, expiresAt, now = clock.GetUtcNow() });
    }

    public async Task SetStageAsync(long sessionId, string stage)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE user_sessions SET stage = @stage WHERE id = @sessionId AND ended_at IS NULL", new { sessionId, stage });
    }

    public async Task EndAsync(long sessionId, string reason)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE user_sessions SET ended_at = @now, ended_reason = @reason WHERE id = @sessionId AND ended_at IS NULL",
            new { sessionId, reason, now = clock.GetUtcNow() });
    }

    /// <summary>The protected id token of a session started through the IdP, for the IdP's end-session request.</summary>
    public async Task<string?> SsoIdTokenOfAsync(long sessionId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<string?>("SELECT sso_id_token FROM user_sessions WHERE id = @sessionId", new { sessionId });
    }

    /// <summary>
    /// Ends the open sessions the IdP's back-channel logout names: those of its session id, or all of
    /// the subject's when it names no session. Returns their ids.
    /// </summary>
    public async Task<IReadOnlyList<long>> EndForIdpAsync(string? sid, string? subject, string reason)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<long>(
            """
            UPDATE user_sessions SET ended_at = @now, ended_reason = @reason
            WHERE ended_at IS NULL AND ((@sid IS NOT NULL AND sso_sid = @sid) OR (@sid IS NULL AND @subject IS NOT NULL AND sso_subject = @subject))
            RETURNING id
            """, new { sid, subject, reason, now = clock.GetUtcNow() })).ToList();
    }

    /// <summary>Ends every open session of a user (optionally all but one) and returns their ids.</summary>
    public async Task<IReadOnlyList<long>> EndAllAsync(long userId, string reason, long? exceptSessionId = null)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<long>(
            """
            UPDATE user_sessions SET ended_at = @now, ended_reason = @reason
            WHERE user_id = @userId AND ended_at IS NULL AND (@exceptSessionId IS NULL OR id <> @exceptSessionId)
            RETURNING id
            """, new { userId, reason, exceptSessionId, now = clock.GetUtcNow() })).ToList();
    }

    public async Task<IReadOnlyList<SessionSummary>> ListActiveAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<SessionSummary>(
            """
            SELECT id, created_at, last_seen_at, user_agent, ip_address FROM user_sessions
            WHERE user_id = @userId AND ended_at IS NULL AND expires_at > @now AND stage = @full
            ORDER BY last_seen_at DESC
            """, new { userId, now = clock.GetUtcNow(), full = SessionStages.Full })).ToList();
    }
}
