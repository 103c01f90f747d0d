using System.Security.Cryptography;
using System.Text;
using Dapper;
using GesprekTool.Data;
using Microsoft.AspNetCore.DataProtection;

namespace GesprekTool.Accounts;

/// <summary>
/// The second factor for staff: TOTP from an authenticator app, or a one-time recovery code.
/// Required for the roles in <c>Accounts:SecondFactor:RequiredRoles</c> (admin and coordinator by
/// default; add worker and trainer where the organisation wants it for everyone).
/// </summary>
public sealed class SecondFactor(Database database, IDataProtectionProvider protection, TimeProvider clock, IConfiguration configuration)
{
    public const int RecoveryCodeCount = 10;
    private IDataProtector Protector => protection.CreateProtector("GesprekTool.Accounts.TotpSecret");

    public bool IsRequiredFor(IReadOnlySet<string> roles) =>
        (configuration["Accounts:SecondFactor:RequiredRoles"] ?? $"{Roles.Admin},{Roles.Coordinator}")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(roles.Contains);

    public async Task<bool> IsEnrolledAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<string?>("SELECT totp_secret FROM users WHERE id = @userId", new { userId }) is not null;
    }

    /// <summary>Whether the user has any second factor: an authenticator app or a passkey.</summary>
    public async Task<bool> HasAnyAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(
            """
            SELECT CAST(COUNT(*) AS INTEGER) FROM users u
            WHERE u.id = @userId AND (u.totp_secret IS NOT NULL OR EXISTS (SELECT 1 FROM passkeys p WHERE p.user_id = u.id))
            """, new { userId }) > 0;
    }

    /// <summary>Stores the secret the user proved with a code and returns fresh recovery codes (shown once).</summary>
    public async Task<IReadOnlyList<string>> EnrolAsync(long userId, byte[] secret, long usedStep)
    {
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("UPDATE users SET totp_secret = @secret, totp_last_step = @usedStep WHERE id = @userId",
            new { userId, usedStep, secret = Protector.Protect(Convert.ToBase64String(secret)) }, transaction);
        await ReplaceRecoveryCodesAsync(connection, transaction, userId, codes);
        await transaction.CommitAsync();
        return codes;
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(long userId)
    {
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ReplaceRecoveryCodesAsync(connection, transaction, userId, codes);
        await transaction.CommitAsync();
        return codes;
    }

    public async Task RemoveAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("UPDATE users SET totp_secret = NULL, totp_last_step = NULL WHERE id = @userId", new { userId }, transaction);
        await connection.ExecuteAsync("DELETE FROM recovery_codes WHERE user_id = @userId", new { userId }, transaction);
        await transaction.CommitAsync();
    }

    public async Task<int> RecoveryCodesLeftAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM recovery_codes WHERE user_id = @userId AND used_at IS NULL", new { userId });
    }

    /// <summary>Checks a typed TOTP code or recovery code; each works only once.</summary>
    public async Task<bool> VerifyAsync(long userId, string typed)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(string? Secret, long? LastStep)>(
            "SELECT totp_secret, totp_last_step FROM users WHERE id = @userId", new { userId });
        if (row.Secret is null)
        {
            return false;
        }
        var secret = Convert.FromBase64String(Protector.Unprotect(row.Secret));
        if (Totp.Verify(secret, typed, clock.GetUtcNow(), row.LastStep) is { } step)
        {
            // Conditional, so two requests racing with the same code cannot both win.
            return await connection.ExecuteAsync(
                "UPDATE users SET totp_last_step = @step WHERE id = @userId AND (totp_last_step IS NULL OR totp_last_step < @step)",
                new { userId, step }) == 1;
        }
        return await connection.ExecuteAsync(
            "UPDATE recovery_codes SET used_at = @now WHERE user_id = @userId AND code_hash = @hash AND used_at IS NULL",
            new { userId, hash = HashRecoveryCode(typed), now = clock.GetUtcNow() }) == 1;
    }

    private static async Task ReplaceRecoveryCodesAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        long userId, IEnumerable<string> codes)
    {
        await connection.ExecuteAsync("DELETE FROM recovery_codes WHERE user_id = @userId", new { userId }, transaction);
        await connection.ExecuteAsync("INSERT INTO recovery_codes (user_id, code_hash) VALUES (@userId, @hash)",
            codes.Select(code => new { userId, hash = HashRecoveryCode(code) }), transaction);
    }

    /// <summary>Ten characters from an alphabet without look-alikes, shown as xxxxx-xxxxx.</summary>
    private static string NewRecoveryCode()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = Enumerable.Range(0, 10).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    private static string HashRecoveryCode(string code) => Convert.ToHexString(SHA256.HashData(
        Encoding.UTF8.GetBytes(new string(code.Trim().ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray()))));
}
