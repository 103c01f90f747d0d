using OtpNet;

namespace GesprekTool.Accounts;

/// <summary>
/// Time-based one-time passwords (RFC 6238) as authenticator apps compute them: 30-second steps,
/// 6 digits, HMAC-SHA1, computed by Otp.NET. What is ours: one step of clock drift either way, a
/// code used once (a step at or before the last used one is refused), and typed spaces ignored.
/// Lockout after wrong codes is the sign-in's (<see cref="SecondFactor"/>).
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The code for one time step.</summary>
    public static string Code(byte[] secret, long step, int digits = Digits, OtpHashMode algorithm = OtpHashMode.Sha1) =>
        new OtpNet.Totp(secret, StepSeconds, algorithm, digits).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime);

    /// <summary>
    /// The step a typed code matches, allowing one step of clock drift either way, or null.
    /// A step at or before <paramref name="lastUsedStep"/> is refused, so a code is used once.
    /// </summary>
    public static long? Verify(byte[] secret, string typed, DateTimeOffset now, long? lastUsedStep)
    {
        var code = new string(typed.Where(char.IsAsciiDigit).ToArray());
        if (code.Length != Digits)
        {
            return null;
        }
        var totp = new OtpNet.Totp(secret, StepSeconds, OtpHashMode.Sha1, Digits);
        if (!totp.VerifyTotp(now.UtcDateTime, code, out var step, VerificationWindow.RfcSpecifiedNetworkDelay))
        {
            return null;
        }
        return step > (lastUsedStep ?? long.MinValue) ? step : null;
    }

    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(20);

    /// <summary>The otpauth:// address an authenticator app reads from the QR code.</summary>
    public static string EnrolmentUri(string issuer, string account, byte[] secret) =>
        new OtpUri(OtpType.Totp, secret, account, issuer, OtpHashMode.Sha1, Digits, StepSeconds).ToString();
}
