using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Data;

namespace GesprekTool.Audit;

public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string? UserName { get; init; }
    public string Action { get; init; } = "";
    public string? SubjectType { get; init; }
    public long? SubjectId { get; init; }
    public string? Detail { get; init; }
}

/// <summary>
/// Who did what to which family record, and when. Reading a household's conversations is written
/// here too: these are families in vulnerable circumstances (design.md §5).
/// </summary>
public sealed class AuditLog(Database database, TimeProvider clock)
{
    public async Task WriteAsync(CurrentUser? user, string action, string? subjectType, long? subjectId, string? detail)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO audit_log (at, user_id, user_name, action, subject_type, subject_id, detail)
            VALUES (@at, @userId, @userName, @action, @subjectType, @subjectId, @detail)
            """,
            new { at = clock.GetUtcNow(), userId = user?.Id, userName = user?.UserName, action, subjectType, subjectId, detail });
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string? subjectType, long? subjectId, int limit)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<AuditEntry>(
            """
            SELECT id, at, user_name, action, subject_type, subject_id, detail FROM audit_log
            WHERE (@subjectType IS NULL OR subject_type = @subjectType) AND (@subjectId IS NULL OR subject_id = @subjectId)
            ORDER BY id DESC LIMIT @limit
            """, new { subjectType, subjectId, limit })).ToList();
    }
}
