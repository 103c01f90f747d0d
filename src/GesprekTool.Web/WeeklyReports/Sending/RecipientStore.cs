using Dapper;
using GesprekTool.Data;

namespace GesprekTool.WeeklyReports.Sending;

/// <summary>An address that receives one kind of weekly document (for a school: that school's).</summary>
public sealed class Recipient
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public long? SchoolId { get; init; }
    public string Name { get; init; } = "";
    public string Address { get; init; } = "";

    /// <summary>Whether this address gets a document of this kind (and school); WeeklyMailStore's queueing says the same in SQL.</summary>
    public bool Receives(string kind, long? schoolId) => Kind == kind && (kind != WeeklyDocument.School || SchoolId == schoolId);
}

/// <summary>
/// The addresses the weekly documents go to. Removing one keeps its row (marked removed), because the
/// record of what was sent refers to it.
/// </summary>
public sealed class RecipientStore(Database database, TimeProvider clock)
{
    public async Task<IReadOnlyList<Recipient>> ActiveAsync()
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<Recipient>(
            "SELECT id, kind, school_id, name, address FROM mail_recipients WHERE removed_at IS NULL ORDER BY kind, school_id, name, address")).ToList();
    }

    /// <summary>Null when the same address already receives this kind (for this school).</summary>
    public async Task<long?> AddAsync(string kind, long? schoolId, string name, string address, long addedBy)
    {
        await using var connection = await database.OpenAsync();
        var exists = await connection.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM mail_recipients
            WHERE kind = @kind AND COALESCE(school_id, 0) = COALESCE(@schoolId, 0) AND LOWER(address) = LOWER(@address) AND removed_at IS NULL
            """, new { kind, schoolId, address });
        if (exists > 0)
        {
            return null;
        }
        return await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO mail_recipients (kind, school_id, name, address, added_by, added_at)
            VALUES (@kind, @schoolId, @name, @address, @addedBy, @now) RETURNING id
            """, new { kind, schoolId, name, address, addedBy, now = clock.GetUtcNow() });
    }

    public async Task<bool> RemoveAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            "UPDATE mail_recipients SET removed_at = @now WHERE id = @id AND removed_at IS NULL", new { id, now = clock.GetUtcNow() }) == 1;
    }
}
