using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Data;

namespace GesprekTool.Quality;

/// <summary>One switch of the per-worker figures setting.</summary>
public sealed class PerWorkerFiguresChange
{
    public bool Enabled { get; init; }
    public long ChangedBy { get; init; }
    public string ChangedByName { get; init; } = "";
    public DateTimeOffset ChangedAt { get; init; }
    public string? ConsentReference { get; init; }
}

/// <summary>
/// Whether trainers may see figures per worker. Off by default: under Dutch law such figures are a
/// staff monitoring system that needs the works council's consent (WOR art. 27(1)(l)), so only an
/// admin switches them on, naming that consent; each switch is kept and written to the audit log.
/// </summary>
public sealed class PerWorkerFigures(Database database, TimeProvider clock)
{
    public async Task<bool> AreOnAsync() => (await HistoryAsync()).FirstOrDefault()?.Enabled ?? false;

    /// <summary>Every switch, newest first.</summary>
    public async Task<IReadOnlyList<PerWorkerFiguresChange>> HistoryAsync()
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<PerWorkerFiguresChange>(
            """
            SELECT c.enabled, c.changed_by, u.display_name AS changed_by_name, c.changed_at, c.consent_reference
            FROM per_worker_figures_changes c JOIN users u ON u.id = c.changed_by
            ORDER BY c.changed_at DESC, c.id DESC
            """)).AsList();
    }

    public async Task SwitchAsync(bool enabled, CurrentUser admin, string? consentReference)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO per_worker_figures_changes (enabled, changed_by, changed_at, consent_reference)
            VALUES (@enabled, @userId, @now, @consentReference)
            """, new { enabled, userId = admin.Id, now, consentReference }, transaction);
        await AuditLog.InsertAsync(connection, transaction,
            new AuditEvent(admin, enabled ? "quality.per_worker_on" : "quality.per_worker_off", "setting", null, consentReference), now);
        await transaction.CommitAsync();
    }
}
