using Dapper;
using GesprekTool.Data;

namespace GesprekTool.Accounts;

public sealed class UserRow
{
    public long Id { get; init; }
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public int FailedSignIns { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public bool IsActive { get; init; }
    public string SecurityStamp { get; init; } = "";
}

public sealed class UserSummary
{
    public long Id { get; init; }
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public bool IsActive { get; init; }
    public IReadOnlyList<string> Roles { get; set; } = [];
    public int PasskeyCount { get; init; }
    /// <summary>Linked to the organisation's IdP and signed in through it at least once.</summary>
    public bool SignsInThroughIdp { get; init; }
}

/// <summary>SQL for users and their roles.</summary>
public sealed class UserStore(Database database)
{
    public async Task<UserRow?> FindByUserNameAsync(string userName)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<UserRow>(
            """
            SELECT id, user_name, display_name, password_hash, failed_sign_ins, locked_until, is_active, security_stamp
            FROM users WHERE user_name = @userName
            """, new { userName = userName.Trim().ToLowerInvariant() });
    }

    public async Task<IReadOnlySet<string>> RolesOfAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT role FROM user_roles WHERE user_id = @userId", new { userId })).ToHashSet();
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync()
    {
        await using var connection = await database.OpenAsync();
        var users = (await connection.QueryAsync<UserSummary>(
            """
            SELECT u.id, u.user_name, u.display_name, u.is_active,
                   (SELECT CAST(COUNT(*) AS INTEGER) FROM passkeys p WHERE p.user_id = u.id) AS passkey_count,
                   EXISTS (SELECT 1 FROM sso_identities s WHERE s.user_id = u.id AND s.subject IS NOT NULL) AS signs_in_through_idp
            FROM users u ORDER BY u.display_name
            """)).ToList();
        var roles = (await connection.QueryAsync<(long UserId, string Role)>("SELECT user_id, role FROM user_roles"))
            .ToLookup(r => r.UserId, r => r.Role);
        users.ForEach(u => u.Roles = roles[u.Id].Order().ToList());
        return users;
    }

    public async Task<IReadOnlyList<(long Id, string DisplayName)>> ListWorkersAsync()
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<(long, string)>(
            """
            SELECT u.id, u.display_name FROM users u
            WHERE u.is_active = TRUE AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = @role)
            ORDER BY u.display_name
            """, new { role = Roles.Worker })).ToList();
    }

    public async Task<long> CreateAsync(string userName, string displayName, string passwordHash, IEnumerable<string> roles)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO users (user_name, display_name, password_hash, created_at, security_stamp)
            VALUES (@userName, @displayName, @passwordHash, @now, @stamp) RETURNING id
            """, new { userName = userName.Trim().ToLowerInvariant(), displayName, passwordHash, now = DateTimeOffset.UtcNow, stamp = NewStamp() }, transaction);
        await InsertRolesAsync(connection, transaction, id, roles);
        await transaction.CommitAsync();
        return id;
    }

    public async Task SetRolesAsync(long userId, IEnumerable<string> roles)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("DELETE FROM user_roles WHERE user_id = @userId", new { userId }, transaction);
        await InsertRolesAsync(connection, transaction, userId, roles);
        await RotateStampAsync(connection, transaction, userId);
        await transaction.CommitAsync();
    }

    /// <summary>A new security stamp makes every cookie issued before it invalid.</summary>
    private static Task RotateStampAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long userId) =>
        connection.ExecuteAsync("UPDATE users SET security_stamp = @stamp WHERE id = @userId", new { userId, stamp = NewStamp() }, transaction);

    private static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public async Task SetActiveAsync(long userId, bool isActive)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("UPDATE users SET is_active = @isActive WHERE id = @userId", new { userId, isActive }, transaction);
        await RotateStampAsync(connection, transaction, userId);
        await transaction.CommitAsync();
    }

    public async Task SetPasswordAsync(long userId, string passwordHash)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            "UPDATE users SET password_hash = @passwordHash, failed_sign_ins = 0, locked_until = NULL WHERE id = @userId",
            new { userId, passwordHash }, transaction);
        await RotateStampAsync(connection, transaction, userId);
        await transaction.CommitAsync();
    }

    public async Task<UserRow?> FindAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<UserRow>(
            """
            SELECT id, user_name, display_name, password_hash, failed_sign_ins, locked_until, is_active, security_stamp
            FROM users WHERE id = @userId
            """, new { userId });
    }

    private static Task InsertRolesAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, long userId, IEnumerable<string> roles) =>
        connection.ExecuteAsync("INSERT INTO user_roles (user_id, role) VALUES (@userId, @role)",
            roles.Distinct().Select(role => new { userId, role }), transaction);

    public async Task RecordFailedSignInAsync(long userId, int failedSignIns, DateTimeOffset? lockedUntil)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE users SET failed_sign_ins = @failedSignIns, locked_until = @lockedUntil WHERE id = @userId",
            new { userId, failedSignIns, lockedUntil });
    }

    public async Task RecordSuccessfulSignInAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = @userId", new { userId });
    }

    public async Task<int> CountActiveAdminsAsync()
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(
            """
            SELECT COUNT(*) FROM users u
            WHERE u.is_active = TRUE AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = @role)
            """, new { role = Roles.Admin });
    }

    public async Task<bool> AnyAsync()
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users") > 0;
    }
}
