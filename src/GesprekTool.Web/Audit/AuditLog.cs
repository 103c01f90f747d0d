using System.Data.Common;
using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Data;

namespace GesprekTool.Audit;

/// <summary>One thing that happened, before it is written: who, what, to which record.</summary>
public sealed record AuditEvent(CurrentUser? User, string Action, string? SubjectType, long? SubjectId, string? Detail = null)
{
    /// <summary>When the caller already knows the household, the row is written in one statement.</summary>
    public long? HouseholdId { get; init; }
}

public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public long? UserId { get; init; }
    public string? UserName { get; init; }
    public string Action { get; init; } = "";
    public string? SubjectType { get; init; }
    public long? SubjectId { get; init; }
    public string? Detail { get; init; }
    public long? HouseholdId { get; init; }
    public string? ResponsibleUserName { get; init; }
}

/// <summary>What an admin filters the log on; every part is optional.</summary>
public sealed record AuditFilter(DateOnly? From = null, DateOnly? To = null, string? UserName = null, long? HouseholdId = null,
    string? SubjectType = null, long? SubjectId = null, string? Action = null);

/// <summary>
/// The audit log after NEN 7513: who did what, when, to which household's data, and who is
/// responsible for that household. Reads of family data are written here too. The table is
/// append-only (the database refuses UPDATE, and DELETE of rows younger than the retention period);
/// changes write their row in the same transaction as the change (<see cref="InsertAsync"/>).
/// </summary>
public sealed class AuditLog(Database database, TimeProvider clock)
{
    /// <summary>A read, a sign-in, or a change that has no transaction of its own.</summary>
    public async Task WriteAsync(CurrentUser? user, string action, string? subjectType, long? subjectId, string? detail)
    {
        await using var connection = await database.OpenAsync();
        await InsertAsync(connection, null, new AuditEvent(user, action, subjectType, subjectId, detail), clock.GetUtcNow());
    }

    /// <summary>
    /// A list that shows several families (the caseload): one read row per household listed, with
    /// its responsible worker, in one statement. Which households were listed, not what they said.
    /// </summary>
    public async Task WriteListedAsync(CurrentUser user, string action, IReadOnlyCollection<long> householdIds, string? detail)
    {
        if (householdIds.Count == 0)
        {
            return;
        }
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            $"""
            INSERT INTO audit_log (at, user_id, user_name, action, subject_type, subject_id, detail,
                                   household_id, responsible_user_id, responsible_user_name)
            SELECT @at, @userId, @userName, @action, 'household', h.id, @detail, h.id, h.assigned_worker_id, w.user_name
            FROM households h JOIN users w ON w.id = h.assigned_worker_id
            WHERE {database.IsOneOf("h.id", "householdIds")}
            """,
            new { at = clock.GetUtcNow(), userId = user.Id, userName = user.UserName, action, detail = detail ?? "", householdIds = database.IdList(householdIds) });
    }

    /// <summary>
    /// An event about a known household, its responsible worker looked up in the same statement.
    /// Parameters: at, userId, userName, action, subjectType, subjectId, detail, householdId. The answer
    /// save puts it in its own batch.
    /// </summary>
    public const string InsertForHouseholdSql =
        """
        INSERT INTO audit_log (at, user_id, user_name, action, subject_type, subject_id, detail,
                               household_id, responsible_user_id, responsible_user_name)
        SELECT @at, @userId, @userName, @action, @subjectType, @subjectId, @detail, h.id, h.assigned_worker_id, w.user_name
        FROM households h JOIN users w ON w.id = h.assigned_worker_id
        WHERE h.id = @householdId
        """;

    /// <summary>
    /// Writes an event on the caller's connection and transaction, so the row and the change it
    /// records commit together or not at all. The household and its responsible worker (for a
    /// family's data) are looked up in the same transaction.
    /// </summary>
    public static async Task InsertAsync(DbConnection connection, DbTransaction? transaction, AuditEvent entry, DateTimeOffset at)
    {
        // Every parameter has a value here, so PostgreSQL can type them in the SELECT list.
        if (entry is { HouseholdId: { } householdId, User: { } actor, SubjectType: { } knownType, SubjectId: { } knownId, Detail: { } detail })
        {
            // The hot path (every saved answer): one round trip inside the caller's transaction.
            await connection.ExecuteAsync(InsertForHouseholdSql,
                new
                {
                    at, userId = actor.Id, userName = actor.UserName, action = entry.Action, subjectType = knownType, subjectId = knownId, detail, householdId,
                }, transaction);
            return;
        }
        var household = HouseholdSql(entry.SubjectType) is { } sql && entry.SubjectId is { } subjectId
            ? await connection.QuerySingleOrDefaultAsync<HouseholdOfEvent>(sql, new { subjectId }, transaction)
            : null;
        await connection.ExecuteAsync(
            """
            INSERT INTO audit_log (at, user_id, user_name, action, subject_type, subject_id, detail,
                                   household_id, responsible_user_id, responsible_user_name)
            VALUES (@at, @userId, @userName, @action, @subjectType, @subjectId, @detail,
                    @householdId, @responsibleId, @responsibleName)
            """,
            new
            {
                at, userId = entry.User?.Id, userName = entry.User?.UserName, action = entry.Action,
                subjectType = entry.SubjectType, subjectId = entry.SubjectId, detail = entry.Detail,
                householdId = household?.HouseholdId,
                // For a family's data: the worker responsible for that family; otherwise whoever acted.
                responsibleId = household?.ResponsibleId ?? entry.User?.Id,
                responsibleName = household?.ResponsibleName ?? entry.User?.UserName,
            }, transaction);
    }

    private sealed class HouseholdOfEvent
    {
        public long HouseholdId { get; init; }
        public long ResponsibleId { get; init; }
        public string ResponsibleName { get; init; } = "";
    }

    private static string? HouseholdSql(string? subjectType) => subjectType switch
    {
        "household" => """
            SELECT h.id AS household_id, h.assigned_worker_id AS responsible_id, w.user_name AS responsible_name
            FROM households h JOIN users w ON w.id = h.assigned_worker_id WHERE h.id = @subjectId
            """,
        "conversation" => """
            SELECT h.id AS household_id, h.assigned_worker_id AS responsible_id, w.user_name AS responsible_name
            FROM conversations c JOIN households h ON h.id = c.household_id JOIN users w ON w.id = h.assigned_worker_id
            WHERE c.id = @subjectId
            """,
        "call" => """
            SELECT h.id AS household_id, h.assigned_worker_id AS responsible_id, w.user_name AS responsible_name
            FROM calls k JOIN conversations c ON c.id = k.conversation_id JOIN households h ON h.id = c.household_id
            JOIN users w ON w.id = h.assigned_worker_id
            WHERE k.id = @subjectId
            """,
        _ => null,
    };

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(string? subjectType, long? subjectId, int limit) =>
        SearchAsync(new AuditFilter(SubjectType: subjectType, SubjectId: subjectId), limit);

    public async Task<IReadOnlyList<AuditEntry>> SearchAsync(AuditFilter filter, int limit)
    {
        await using var connection = await database.OpenAsync();
        var (where, parameters) = Where(filter);
        parameters.Add("limit", limit);
        return (await connection.QueryAsync<AuditEntry>($"{SelectSql} {where} ORDER BY id DESC LIMIT @limit", parameters)).ToList();
    }

    /// <summary>Streams every matching row, oldest first, for the CSV export.</summary>
    public async IAsyncEnumerable<AuditEntry> ExportAsync(AuditFilter filter)
    {
        await using var connection = await database.OpenAsync();
        var (where, parameters) = Where(filter);
        await using var reader = await connection.ExecuteReaderAsync($"{SelectSql} {where} ORDER BY id", parameters);
        var parse = reader.GetRowParser<AuditEntry>();
        while (await reader.ReadAsync())
        {
            yield return parse(reader);
        }
    }

    private const string SelectSql =
        "SELECT id, at, user_id, user_name, action, subject_type, subject_id, detail, household_id, responsible_user_name FROM audit_log";

    /// <summary>Only the conditions the filter sets, each with its parameter (no untyped NULL parameters for PostgreSQL).</summary>
    private static (string Where, DynamicParameters Parameters) Where(AuditFilter filter)
    {
        var conditions = new List<string>();
        var parameters = new DynamicParameters();
        void Add(string condition, string name, object value)
        {
            conditions.Add(condition);
            parameters.Add(name, value);
        }
        if (filter.From is { } from) Add("at >= @from", "from", DutchDate.StartOf(from));
        if (filter.To is { } to) Add("at < @to", "to", DutchDate.StartOf(to.AddDays(1)));
        if (!string.IsNullOrWhiteSpace(filter.UserName)) Add("user_name = @userName", "userName", filter.UserName.Trim().ToLowerInvariant());
        if (filter.HouseholdId is { } householdId) Add("household_id = @householdId", "householdId", householdId);
        if (!string.IsNullOrWhiteSpace(filter.SubjectType)) Add("subject_type = @subjectType", "subjectType", filter.SubjectType);
        if (filter.SubjectId is { } subjectId) Add("subject_id = @subjectId", "subjectId", subjectId);
        if (!string.IsNullOrWhiteSpace(filter.Action)) Add("action LIKE @action", "action", filter.Action.Trim() + "%");
        return (conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions), parameters);
    }

    /// <summary>Sets the retention the database enforces and deletes rows older than it; returns how many.</summary>
    public async Task<int> PurgeAsync(int retentionDays)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("UPDATE audit_settings SET retention_days = @retentionDays WHERE id = 1", new { retentionDays }, transaction);
        // A day of margin so the database's own check (its clock, its rounding) never refuses the purge.
        var cutoff = clock.GetUtcNow().AddDays(-retentionDays - 1);
        var deleted = await connection.ExecuteAsync("DELETE FROM audit_log WHERE at < @cutoff", new { cutoff }, transaction);
        if (deleted > 0)
        {
            await InsertAsync(connection, transaction, new AuditEvent(null, "audit.purged", null, null,
                $"{deleted} rijen ouder dan {retentionDays} dagen"), clock.GetUtcNow());
        }
        await transaction.CommitAsync();
        return deleted;
    }
}
