using System.Security.Cryptography;
using Dapper;
using GesprekTool.Data;

namespace GesprekTool.Accounts.Passkeys;

public sealed class Passkey
{
    public long Id { get; init; }
    public long UserId { get; init; }
    public string CredentialId { get; init; } = "";
    public string PublicKey { get; init; } = "";
    public long SignCount { get; init; }
    public string Name { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
}

/// <summary>SQL for passkeys and for the challenges of registrations and sign-ins in progress.</summary>
public sealed class PasskeyStore(Database database, TimeProvider clock)
{
    public static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(5);
    private const string Columns = "id, user_id, credential_id, public_key, sign_count, name, created_at, last_used_at";

    public async Task<IReadOnlyList<Passkey>> ForUserAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<Passkey>($"SELECT {Columns} FROM passkeys WHERE user_id = @userId ORDER BY created_at, id", new { userId })).AsList();
    }

    public async Task<Passkey?> FindAsync(string credentialId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<Passkey>($"SELECT {Columns} FROM passkeys WHERE credential_id = @credentialId", new { credentialId });
    }

    public async Task<int> CountAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT CAST(COUNT(*) AS INTEGER) FROM passkeys WHERE user_id = @userId", new { userId });
    }

    /// <summary>The user's WebAuthn user handle (random, the same for all their passkeys; made at the first one).</summary>
    public async Task<byte[]> HandleOfAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        var handle = await connection.ExecuteScalarAsync<string?>("SELECT passkey_handle FROM users WHERE id = @userId", new { userId });
        if (handle is null)
        {
            handle = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            await connection.ExecuteAsync("UPDATE users SET passkey_handle = @handle WHERE id = @userId AND passkey_handle IS NULL", new { userId, handle });
            handle = await connection.ExecuteScalarAsync<string>("SELECT passkey_handle FROM users WHERE id = @userId", new { userId });
        }
        return Convert.FromBase64String(handle!);
    }

    public async Task<long?> UserOfHandleAsync(byte[] handle)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE passkey_handle = @handle", new { handle = Convert.ToBase64String(handle) });
    }

    public async Task AddAsync(long userId, string credentialId, byte[] publicKey, uint signCount, string name)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO passkeys (user_id, credential_id, public_key, sign_count, name, created_at)
            VALUES (@userId, @credentialId, @publicKey, @signCount, @name, @now)
            """, new { userId, credentialId, publicKey = Convert.ToBase64String(publicKey), signCount = (long)signCount, name, now = clock.GetUtcNow() });
    }

    /// <summary>Records a use; false when another sign-in with the same counter got there first (a cloned key or a replay).</summary>
    public async Task<bool> UsedAsync(long id, long oldCount, uint newCount)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            "UPDATE passkeys SET sign_count = @newCount, last_used_at = @now WHERE id = @id AND sign_count = @oldCount",
            new { id, oldCount, newCount = (long)newCount, now = clock.GetUtcNow() }) == 1;
    }

    public async Task<bool> RemoveAsync(long userId, long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync("DELETE FROM passkeys WHERE id = @id AND user_id = @userId", new { id, userId }) == 1;
    }

    public async Task<int> RemoveAllAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync("DELETE FROM passkeys WHERE user_id = @userId", new { userId });
    }

    public async Task<string> SaveChallengeAsync(string purpose, long? userId, string optionsJson)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("DELETE FROM passkey_challenges WHERE expires_at < @now", new { now });
        await connection.ExecuteAsync(
            "INSERT INTO passkey_challenges (id, purpose, user_id, options_json, expires_at) VALUES (@id, @purpose, @userId, @optionsJson, @expiresAt)",
            new { id, purpose, userId, optionsJson, expiresAt = now + ChallengeLifetime });
        return id;
    }

    /// <summary>The options of a challenge, once: it is deleted as it is read, and only a fresh one for this purpose and user counts.</summary>
    public async Task<string?> TakeChallengeAsync(string id, string purpose, long? userId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<string?>(
            """
            DELETE FROM passkey_challenges
            WHERE id = @id AND purpose = @purpose AND (user_id = @userId OR (user_id IS NULL AND @userId IS NULL)) AND expires_at >= @now
            RETURNING options_json
            """, new { id, purpose, userId, now = clock.GetUtcNow() });
    }
}
