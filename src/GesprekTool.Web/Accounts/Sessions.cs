using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace GesprekTool.Accounts;

/// <summary>
/// Server-side sign-in sessions: issues the cookie's principal, checks every request against the
/// session table, and ends sessions. With one instance (SQLite) a check is cached for a few seconds
/// and ending a session clears it at once. Instances that share PostgreSQL may be several behind a
/// load balancer: there the check is not cached, so a session ended on one instance is refused by
/// the very next request on any other (a copied cookie gets no grace period).
/// </summary>
public sealed class Sessions(SessionStore store, IMemoryCache cache, TimeProvider clock, IConfiguration configuration, GesprekTool.Data.Database database,
    GesprekTool.Live.LiveChanges changes)
{
    public const string TokenClaim = "gt:sid";
    public const string SessionIdClaim = "gt:session";
    public const string StampClaim = "gt:stamp";
    public const string StageClaim = "gt:stage";
    /// <summary>The longest a check is cached (one instance on SQLite).</summary>
    public static readonly TimeSpan CheckCacheTime = TimeSpan.FromSeconds(5);

    private TimeSpan CheckCache => TimeSpan.FromSeconds(configuration.GetValue<double?>("Accounts:SessionCheckCacheSeconds")
        ?? (database.Engine == GesprekTool.Data.DatabaseEngine.Postgres ? 0 : CheckCacheTime.TotalSeconds));

    private TimeSpan IdleTimeout => TimeSpan.FromMinutes(configuration.GetValue("Accounts:SessionIdleMinutes", 120));
    private TimeSpan MaxLifetime => TimeSpan.FromHours(configuration.GetValue("Accounts:SessionMaxHours", 12));

    /// <summary>Starts a session for a user whose password was right and signs the browser in to it.</summary>
    public async Task StartAsync(HttpContext context, long userId, string stamp, string stage, SsoSession? sso = null)
    {
        var token = await store.CreateAsync(userId, stage, IdleTimeout, context.Request.Headers.UserAgent.ToString(),
            context.Connection.RemoteIpAddress?.ToString(), sso);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(TokenClaim, token), new Claim(StampClaim, stamp)], CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = clock.GetUtcNow() + MaxLifetime });
        await changes.PublishAsync(GesprekTool.Live.LiveChanges.Users); // the admin's session list
    }

    /// <summary>The cookie handler's per-request check: a session that ended, expired or whose user changed is refused.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var token = context.Principal?.FindFirstValue(TokenClaim);
        var session = token is null ? null : await FindAsync(token);
        if (session is null || session.SecurityStamp != context.Principal!.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        await SlideExpiryAsync(session, token!);
        context.ReplacePrincipal(PrincipalOf(session, token!));
    }

    /// <summary>
    /// Checks again a principal that a live page's circuit got when it connected (there is no request
    /// per click there): the rebuilt principal while the session holds, null once it ended, expired or
    /// the user changed.
    /// </summary>
    public async Task<ClaimsPrincipal?> RecheckAsync(ClaimsPrincipal principal)
    {
        var token = principal.FindFirstValue(TokenClaim);
        var session = token is null ? null : await FindAsync(token);
        return session is null || session.SecurityStamp != principal.FindFirstValue(StampClaim) ? null : PrincipalOf(session, token!);
    }

    private async Task<ActiveSession?> FindAsync(string token)
    {
        var cacheTime = CheckCache;
        var session = cacheTime <= TimeSpan.Zero ? await store.FindActiveAsync(token) : await cache.GetOrCreateAsync(CacheKey(token), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = cacheTime;
            return store.FindActiveAsync(token);
        });
        var now = clock.GetUtcNow();
        return session is null || cache.TryGetValue(EndedKey(session.SessionId), out _) || session.ExpiresAt <= now
            || session.CreatedAt + MaxLifetime <= now ? null : session;
    }

    /// <summary>Idle expiry slides with use; written at most once a minute to keep requests cheap.</summary>
    private async Task SlideExpiryAsync(ActiveSession session, string token)
    {
        var now = clock.GetUtcNow();
        if (now - session.LastSeenAt < TimeSpan.FromMinutes(1))
        {
            return;
        }
        var expiresAt = Min(now + IdleTimeout, session.CreatedAt + MaxLifetime);
        await store.TouchAsync(session.SessionId, expiresAt);
        cache.Remove(CacheKey(token));
    }

    private static ClaimsPrincipal PrincipalOf(ActiveSession session, string token)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, session.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, session.UserName),
            new(ClaimTypes.GivenName, session.DisplayName),
            new(TokenClaim, token),
            new(StampClaim, session.SecurityStamp),
            new(SessionIdClaim, session.SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(StageClaim, session.Stage),
        };
        // Roles only once the whole sign-in (password and, where needed, the code) is done.
        if (session.Stage == SessionStages.Full)
        {
            claims.AddRange(session.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public async Task EndAsync(long sessionId, string reason)
    {
        await store.EndAsync(sessionId, reason);
        MarkEnded([sessionId]);
        await changes.PublishAsync(GesprekTool.Live.LiveChanges.Users);
    }

    /// <summary>Ends every session of a user, e.g. after a password or role change or deactivation.</summary>
    public async Task EndAllAsync(long userId, string reason, long? exceptSessionId = null)
    {
        MarkEnded(await store.EndAllAsync(userId, reason, exceptSessionId));
        await changes.PublishAsync(GesprekTool.Live.LiveChanges.Users);
    }

    /// <summary>The IdP says its session ended (back-channel logout): the app's sessions from it end now.</summary>
    public async Task<int> EndForIdpAsync(string? sid, string? subject)
    {
        var ended = await store.EndForIdpAsync(sid, subject, "idp_logout");
        MarkEnded(ended);
        await changes.PublishAsync(GesprekTool.Live.LiveChanges.Users);
        return ended.Count;
    }

    public async Task SetStageAsync(HttpContext context, string stage)
    {
        var sessionId = SessionIdOf(context.User) ?? throw new InvalidOperationException("No session on this request.");
        await store.SetStageAsync(sessionId, stage);
        var token = context.User.FindFirstValue(TokenClaim);
        if (token is not null)
        {
            cache.Remove(CacheKey(token));
        }
    }

    public static long? SessionIdOf(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(SessionIdClaim), out var id) ? id : null;

    public static string? StageOf(ClaimsPrincipal principal) => principal.FindFirstValue(StageClaim);

    private void MarkEnded(IEnumerable<long> sessionIds)
    {
        foreach (var id in sessionIds)
        {
            cache.Set(EndedKey(id), true, CheckCacheTime * 2);
        }
    }

    private static string CacheKey(string token) => "session:" + SessionStore.HashToken(token);
    private static string EndedKey(long sessionId) => "session-ended:" + sessionId;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
