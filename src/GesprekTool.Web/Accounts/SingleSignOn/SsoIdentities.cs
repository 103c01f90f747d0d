using Dapper;
using GesprekTool.Data;

namespace GesprekTool.Accounts.SingleSignOn;

/// <summary>A user's link to their identity at the IdP: by subject, or by e-mail until the first sign-in fills in the subject.</summary>
public sealed class SsoIdentity
{
    public long Id { get; init; }
    public long UserId { get; init; }
    public string Issuer { get; init; } = "";
    public string? Subject { get; init; }
    public string? Email { get; init; }
    public DateTimeOffset LinkedAt { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }
}

/// <summary>SQL for the links between the app's users and their IdP identities.</summary>
public sealed class SsoIdentities(Database database, TimeProvider clock)
{
    private const string Columns = "id, user_id, issuer, subject, email, linked_at, last_sign_in_at";

    /// <summary>
    /// The link for this person: by the IdP's subject; else, once, by an e-mail address the IdP says
    /// it verified, on a link an admin made by e-mail (the subject is then filled in, so a later change
    /// of address at the IdP does not move the account to someone else).
    /// </summary>
    public async Task<SsoIdentity?> FindForSignInAsync(SsoPerson person)
    {
        await using var connection = await database.OpenAsync();
        var bySubject = await connection.QuerySingleOrDefaultAsync<SsoIdentity>(
            $"SELECT {Columns} FROM sso_identities WHERE issuer = @Issuer AND subject = @Subject", new { person.Issuer, person.Subject });
        if (bySubject is not null || !person.EmailVerified || string.IsNullOrWhiteSpace(person.Email))
        {
            return bySubject;
        }
        var email = person.Email.Trim().ToLowerInvariant();
        var claimed = await connection.ExecuteAsync(
            "UPDATE sso_identities SET subject = @Subject WHERE issuer = @Issuer AND subject IS NULL AND email = @email",
            new { person.Issuer, person.Subject, email });
        return claimed == 1
            ? await connection.QuerySingleOrDefaultAsync<SsoIdentity>(
                $"SELECT {Columns} FROM sso_identities WHERE issuer = @Issuer AND subject = @Subject", new { person.Issuer, person.Subject })
            : null;
    }

    public async Task<SsoIdentity?> ForUserAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<SsoIdentity>($"SELECT {Columns} FROM sso_identities WHERE user_id = @userId", new { userId });
    }

    /// <summary>Links a user (replacing an earlier link): by subject, or by e-mail for the first sign-in to claim.</summary>
    public async Task LinkAsync(long userId, string issuer, string? subject, string? email)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("DELETE FROM sso_identities WHERE user_id = @userId", new { userId }, transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO sso_identities (user_id, issuer, subject, email, linked_at)
            VALUES (@userId, @issuer, @subject, @email, @now)
            """, new { userId, issuer, subject = string.IsNullOrWhiteSpace(subject) ? null : subject.Trim(),
                       email = string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant(), now = clock.GetUtcNow() }, transaction);
        await transaction.CommitAsync();
    }

    public async Task UnlinkAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("DELETE FROM sso_identities WHERE user_id = @userId", new { userId });
    }

    public async Task SignedInAsync(long identityId)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE sso_identities SET last_sign_in_at = @now WHERE id = @identityId", new { identityId, now = clock.GetUtcNow() });
    }
}
