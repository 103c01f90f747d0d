using System.Security.Cryptography;
using System.Text;

namespace GesprekTool.Calls;

/// <summary>
/// Short-lived TURN credentials in coturn's REST-API scheme (<c>use-auth-secret</c>): the user name
/// is "expiry unix seconds:id" and the password is base64(HMAC-SHA1(shared secret, user name)).
/// coturn recomputes the password with the same secret and refuses the name once it has expired.
/// </summary>
public static class TurnCredentials
{
    public static (string UserName, string Password) Mint(string sharedSecret, string participantId, DateTimeOffset expiresAt)
    {
        var userName = $"{expiresAt.ToUnixTimeSeconds()}:{participantId}";
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(sharedSecret), Encoding.UTF8.GetBytes(userName));
        return (userName, Convert.ToBase64String(mac));
    }
}
