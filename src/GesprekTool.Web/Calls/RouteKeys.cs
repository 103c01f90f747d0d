using System.Security.Cryptography;
using System.Text;

namespace GesprekTool.Calls;

/// <summary>
/// The key nginx hashes to send every connection of one call (or one coaching session) to the same
/// app instance (<c>hash $arg_route consistent</c>). Random, so the household's page, which carries
/// it, learns nothing about which call it is.
/// </summary>
public static class RouteKeys
{
    public static string New() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    /// <summary>For a call or session started before keys were stored (during the upgrade itself).</summary>
    public static string OrFallback(string? stored, string kind, long id) =>
        stored ?? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{id}")))[..24].ToLowerInvariant();
}
