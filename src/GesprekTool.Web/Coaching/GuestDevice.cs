using GesprekTool.Calls;

namespace GesprekTool.Coaching;

/// <summary>
/// The key a guest trainer's browser keeps in a cookie (HttpOnly, only sent to the guest pages),
/// so the link belongs to the first device that opens it. The database keeps its SHA-256.
/// </summary>
public static class GuestDevice
{
    public const string CookieName = "gt-intervisie-gast";
    public const string CookiePath = "/intervisie/gast";

    /// <summary>The device's hash; without a cookie, a random one that matches nothing.</summary>
    public static string HashOf(HttpContext context) =>
        JoinToken.DeviceHashOf(context.Request.Cookies[CookieName]);

    public static bool HasKey(HttpContext context) => context.Request.Cookies.ContainsKey(CookieName);

    /// <summary>Gives this browser a key and returns its hash.</summary>
    public static string Issue(HttpContext context)
    {
        var key = JoinToken.Create();
        context.Response.Cookies.Append(CookieName, key, new CookieOptions
        {
            // Lax, not Strict: the guest opens the link again from their mail, a cross-site navigation.
            HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = CookiePath,
            MaxAge = GuestAccess.Lifetime + TimeSpan.FromDays(1),
        });
        return JoinToken.HashOf(key);
    }
}
