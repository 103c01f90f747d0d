using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Data;

namespace GesprekTool.Households;

public sealed record HouseholdInput(string DisplayName, string ContactChannel, string? ContactDetail,
    string HomeLanguage, string Status, long AssignedWorkerId, string? Notes, string? PhoneNumber = null, string? Email = null);

/// <summary>
/// SQL for households. Every read takes the current user and filters by caseload in the query
/// itself, so a household outside a worker's caseload is simply not found.
/// </summary>
public sealed class HouseholdStore(Database database, TimeProvider clock)
{
    // Last conversation and the callback of the most recent conversation that asked for one.
    private const string SelectHousehold =
        """
        SELECT h.id, h.display_name, h.contact_channel, h.contact_detail, h.phone_number, h.email, h.home_language, h.status,
               h.assigned_worker_id, u.display_name AS assigned_worker_name, h.notes,
               (SELECT MAX(c.held_on) FROM conversations c WHERE c.household_id = h.id) AS last_conversation_on,
               (SELECT c.callback_on FROM conversations c
                 WHERE c.household_id = h.id AND c.callback_wanted = TRUE AND c.callback_on IS NOT NULL
                 ORDER BY c.held_on DESC, c.id DESC LIMIT 1) AS callback_due_on
        FROM households h JOIN users u ON u.id = h.assigned_worker_id
        WHERE
        """ + CaseloadFilter.Sql;

    public async Task<IReadOnlyList<Household>> ListAsync(CurrentUser user, string? search, bool onlyOwn)
    {
        await using var connection = await database.OpenAsync();
        var pattern = string.IsNullOrWhiteSpace(search) ? null : $"%{search.Trim().ToLowerInvariant()}%";
        return (await connection.QueryAsync<Household>(
            SelectHousehold + """

             AND h.is_practice = FALSE
             AND (@onlyOwn = FALSE OR h.assigned_worker_id = @userId)
             AND (@pattern IS NULL OR LOWER(h.display_name) LIKE @pattern OR LOWER(COALESCE(h.contact_detail, '')) LIKE @pattern
                  OR (@digits IS NOT NULL AND h.phone_number LIKE @digits))
            ORDER BY h.display_name
            """, CaseloadFilter.For(user, new { onlyOwn, pattern, digits = DigitsPattern(search) }))).ToList();
    }

    /// <summary>A search of four digits or more also finds the number, however it was typed ("06-1234" finds +31612345678).</summary>
    private static string? DigitsPattern(string? search)
    {
        var digits = new string((search ?? "").Where(char.IsAsciiDigit).ToArray()).TrimStart('0');
        return digits.Length >= 4 ? $"%{digits}%" : null;
    }

    /// <summary>The e-mail address of a household, for an invitation; the caller has checked the user may see it.</summary>
    public async Task<string?> EmailOfAsync(long householdId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<string?>("SELECT email FROM households WHERE id = @householdId", new { householdId });
    }

    /// <summary>A household in the user's reach; a practice household too (its conductor follows links to it from the conversation), though lists leave those out.</summary>
    public async Task<Household?> FindAsync(CurrentUser user, long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<Household>(
            SelectHousehold + " AND h.id = @id", CaseloadFilter.For(user, new { id }));
    }

    public async Task<long> CreateAsync(HouseholdInput input, AuditEvent? audit = null)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO households (display_name, contact_channel, contact_detail, phone_number, email, home_language, status, assigned_worker_id, notes, created_at, updated_at)
            VALUES (@DisplayName, @ContactChannel, @ContactDetail, @PhoneNumber, @Email, @HomeLanguage, @Status, @AssignedWorkerId, @Notes, @now, @now)
            RETURNING id
            """, new { input.DisplayName, input.ContactChannel, input.ContactDetail, input.PhoneNumber, input.Email, input.HomeLanguage, input.Status, input.AssignedWorkerId, input.Notes, now },
            transaction);
        if (audit is not null)
        {
            await AuditLog.InsertAsync(connection, transaction, audit with { SubjectId = id }, now);
        }
        await transaction.CommitAsync();
        return id;
    }

    /// <summary>Updates a household the user may see; returns false when it is not in their reach.</summary>
    public async Task<bool> UpdateAsync(CurrentUser user, long id, HouseholdInput input, AuditEvent audit)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var rows = await connection.ExecuteAsync(
            """
            UPDATE households AS h SET display_name = @DisplayName, contact_channel = @ContactChannel, contact_detail = @ContactDetail, phone_number = @PhoneNumber, email = @Email,
                   home_language = @HomeLanguage, status = @Status, assigned_worker_id = @AssignedWorkerId, notes = @Notes, updated_at = @now
            WHERE h.id = @id AND h.is_practice = FALSE AND
            """ + CaseloadFilter.Sql, CaseloadFilter.For(user, new
            {
                input.DisplayName, input.ContactChannel, input.ContactDetail, input.PhoneNumber, input.Email, input.HomeLanguage, input.Status,
                input.AssignedWorkerId, input.Notes, now = clock.GetUtcNow(), id,
            }), transaction);
        if (rows == 1)
        {
            await AuditLog.InsertAsync(connection, transaction, audit, clock.GetUtcNow());
        }
        await transaction.CommitAsync();
        return rows == 1;
    }
}
