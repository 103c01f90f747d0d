using System.Security.Cryptography;
using System.Text;

namespace GesprekTool.Calls;

/// <summary>
/// The secret in a join link: 256 random bits, URL-safe base64 (43 characters). The database keeps
/// only its SHA-256, so the link works only for whoever received it.
/// </summary>
public static class JoinToken
{
    public const int RandomBytes = 32;

    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(bytes);
        return Base64UrlEncode(bytes);
    }

    public static string HashOf(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Rejects anything that cannot be a token before it reaches the database.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// The SHA-256 of the random key a guest's browser keeps for itself (localStorage), which ties
    /// an admission to that device. No key, or not a plausible one: a fresh random one, so that
    /// connection counts as a new device.
    /// </summary>
    public static string DeviceHashOf(string? deviceKey) =>
        HashOf(deviceKey is { Length: >= 16 and <= 64 } && deviceKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? deviceKey : Create());

    private static string Base64UrlEncode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
