using System.Data.Common;
using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Data;

namespace GesprekTool.Conversations;

public enum SaveOutcome { Saved, Unchanged, Stale }

/// <summary>What a save did, and the conversation's current answers right after it (for progress, skip logic, a stale reply).</summary>
public sealed record AnswerWrite(SaveOutcome Outcome, IReadOnlyList<StoredAnswer> CurrentAnswers)
{
    public IReadOnlyDictionary<string, string> CurrentValues =>
        CurrentAnswers.Where(a => a.Value is not null).ToDictionary(a => a.QuestionKey, a => a.Value!);
}

/// <summary>
/// SQL for conversations, their answers and follow-up actions. Reads go through
/// <see cref="FindAsync"/>, which checks the caseload in the query; writes take a conversation the
/// caller has already found that way. Every change writes its audit row in its own transaction.
/// </summary>
public sealed class ConversationStore(Database database, TimeProvider clock)
{
    public async Task<long> StartAsync(CurrentUser worker, long householdId, string questionnaireId, int version,
        string mode, DateOnly heldOn, bool confidentialityStated, AuditEvent? audit = null)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO conversations (household_id, worker_id, questionnaire_id, questionnaire_version, mode, held_on,
                                       confidentiality_stated, status, created_at)
            VALUES (@householdId, @workerId, @questionnaireId, @version, @mode, @heldOn, @confidentialityStated, @status, @now)
            RETURNING id
            """, new
            {
                householdId, workerId = worker.Id, questionnaireId, version, mode, heldOn, confidentialityStated,
                status = ConversationStatus.Open, now = clock.GetUtcNow(),
            }, transaction);
        await AuditAsync(connection, transaction, audit is null ? null : audit with { SubjectId = id });
        await transaction.CommitAsync();
        return id;
    }

    private Task AuditAsync(DbConnection connection, DbTransaction transaction, AuditEvent? audit) =>
        audit is null ? Task.CompletedTask : AuditLog.InsertAsync(connection, transaction, audit, clock.GetUtcNow());

    public async Task<Conversation?> FindAsync(CurrentUser user, long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<Conversation>(
            """
            SELECT c.id, c.household_id, h.display_name AS household_name, h.home_language, h.phone_number AS household_phone_number, c.worker_id,
                   u.display_name AS worker_name, c.questionnaire_id, c.questionnaire_version, c.mode, c.held_on,
                   c.confidentiality_stated, c.status, c.callback_wanted, c.callback_on, c.callback_note, c.finished_at
            FROM conversations c
            JOIN households h ON h.id = c.household_id
            JOIN users u ON u.id = c.worker_id
            WHERE c.id = @id AND
            """ + Households.CaseloadFilter.Sql, Households.CaseloadFilter.For(user, new { id }));
    }

    public async Task<IReadOnlyList<Conversation>> ListForHouseholdAsync(long householdId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<Conversation>(
            """
            SELECT c.id, c.household_id, c.worker_id, u.display_name AS worker_name, c.questionnaire_id,
                   c.questionnaire_version, c.mode, c.held_on, c.status, c.callback_wanted, c.callback_on
            FROM conversations c JOIN users u ON u.id = c.worker_id
            WHERE c.household_id = @householdId
            ORDER BY c.held_on DESC, c.id DESC
            """, new { householdId })).ToList();
    }

    /// <summary>The current answer to each question: its highest revision, marked <c>is_current</c> by the save (migration 0010).</summary>
    private const string CurrentAnswersSql =
        """
        SELECT a.question_key, a.questionnaire_version, a.value, a.revision, u.display_name AS answered_by_name,
               a.answered_at, a.client_stamp
        FROM answers a JOIN users u ON u.id = a.answered_by
        WHERE a.conversation_id = @conversationId AND a.is_current = TRUE
        """;

    public async Task<IReadOnlyList<StoredAnswer>> CurrentAnswersAsync(long conversationId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<StoredAnswer>(CurrentAnswersSql, new { conversationId })).ToList();
    }

    /// <summary>Question key to current value, leaving out cleared answers: what skip logic and progress read.</summary>
    public async Task<Dictionary<string, string>> CurrentValuesAsync(long conversationId) =>
        (await CurrentAnswersAsync(conversationId)).Where(a => a.Value is not null).ToDictionary(a => a.QuestionKey, a => a.Value!);

    public async Task<IReadOnlyList<StoredAnswer>> HistoryAsync(long conversationId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<StoredAnswer>(
            """
            SELECT a.question_key, a.questionnaire_version, a.value, a.revision, u.display_name AS answered_by_name,
                   a.answered_at, a.client_stamp
            FROM answers a JOIN users u ON u.id = a.answered_by
            WHERE a.conversation_id = @conversationId
            ORDER BY a.question_key, a.revision
            """, new { conversationId })).ToList();
    }

    /// <summary>
    /// Stores an answer as the next revision. Edits are ordered by <paramref name="clientStamp"/>,
    /// the moment the worker typed them: a slow, older save that arrives after a newer one is
    /// ignored (Stale).
    /// </summary>
    /// <remarks>
    /// One connection, one transaction: the lock, the answer, its audit row and the answers as they
    /// now stand, which the page needs for progress and skip logic.
    /// </remarks>
    public async Task<AnswerWrite> SaveAnswerAsync(Conversation conversation, CurrentUser user, string questionKey,
        string? value, long clientStamp, AuditEvent? audit = null)
    {
        await using var connection = await database.OpenWriterAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var key = new { conversationId = conversation.Id, questionKey };
        var now = clock.GetUtcNow();
        var latest = await ReadLatestLockedAsync(connection, transaction, key);
        var (outcome, write) = Decide(latest, value, clientStamp, audited: audit is not null);
        // Second round trip: the write this save needs (if any) and the answers as they now stand.
        var current = (await connection.QueryAsync<StoredAnswer>(write + CurrentAnswersSql, new
        {
            key.conversationId, questionKey, version = conversation.QuestionnaireVersion, value, clientStamp,
            latestId = latest?.Id, revision = (latest?.Revision ?? 0) + 1, userId = user.Id, now,
            // The audit row's parameters (AuditLog.InsertForHouseholdSql), used when the answer is saved.
            at = now, userName = user.UserName, action = audit?.Action, subjectType = audit?.SubjectType,
            subjectId = audit?.SubjectId, detail = audit?.Detail, householdId = conversation.HouseholdId,
        }, transaction)).ToList();
        await transaction.CommitAsync();
        return new AnswerWrite(outcome, current);
    }

    private sealed class LatestAnswer
    {
        public long Id { get; init; }
        public int Revision { get; init; }
        public string? Value { get; init; }
        public long ClientStamp { get; init; }
    }

    // First round trip: the question's latest revision, read under the write lock, so "read the
    // latest, then decide" cannot interleave with another save of the same question. On PostgreSQL a
    // no-op update in the same batch takes the conversation's row lock until commit. On SQLite the
    // transaction began with BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), which already holds
    // the database's write lock, so an update there would only write one page more per save.
    private async Task<LatestAnswer?> ReadLatestLockedAsync(DbConnection connection, DbTransaction transaction, object key)
    {
        using var results = await connection.QueryMultipleAsync(
            (database.Engine == DatabaseEngine.Postgres ? "UPDATE conversations SET id = id WHERE id = @conversationId;\n" : "") +
            """
            SELECT id, revision, value, client_stamp FROM answers
            WHERE conversation_id = @conversationId AND question_key = @questionKey
            ORDER BY revision DESC LIMIT 1;
            """, key, transaction);
        return await results.ReadSingleOrDefaultAsync<LatestAnswer>();
    }

    private static (SaveOutcome Outcome, string Write) Decide(LatestAnswer? latest, string? value, long clientStamp, bool audited)
    {
        if ((latest?.Value ?? "") == (value ?? ""))
        {
            // The database already holds exactly this value: saved, whatever the stamps say. The same
            // value typed again later remembers that moment, so an older edit still in flight cannot
            // replace it.
            return (SaveOutcome.Unchanged, latest is not null && clientStamp > latest.ClientStamp
                ? "UPDATE answers SET client_stamp = @clientStamp WHERE id = @latestId;\n"
                : "");
        }
        if (latest is not null && latest.ClientStamp >= clientStamp)
        {
            return (SaveOutcome.Stale, "");
        }
        return (SaveOutcome.Saved,
            (latest is null ? "" : "UPDATE answers SET is_current = FALSE WHERE id = @latestId;\n") +
            """
            INSERT INTO answers (conversation_id, question_key, questionnaire_version, value, revision, answered_by, answered_at, client_stamp, is_current)
            VALUES (@conversationId, @questionKey, @version, @value, @revision, @userId, @now, @clientStamp, TRUE);

            """ + (audited ? AuditLog.InsertForHouseholdSql + ";\n" : ""));
    }
    public async Task SetStatusAsync(long conversationId, string status, AuditEvent audit)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            "UPDATE conversations SET status = @status, finished_at = @finishedAt WHERE id = @conversationId",
            new { conversationId, status, finishedAt = status == ConversationStatus.Finished ? clock.GetUtcNow() : (DateTimeOffset?)null }, transaction);
        await AuditAsync(connection, transaction, audit);
        await transaction.CommitAsync();
    }

    public async Task SaveDetailsAsync(long conversationId, string mode, bool? callbackWanted, DateOnly? callbackOn, string? callbackNote,
        AuditEvent audit)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE conversations SET mode = @mode, callback_wanted = @callbackWanted, callback_on = @callbackOn, callback_note = @callbackNote
            WHERE id = @conversationId
            """, new { conversationId, mode, callbackWanted, callbackOn, callbackNote }, transaction);
        await AuditAsync(connection, transaction, audit);
        await transaction.CommitAsync();
    }

    /// <summary>
    /// What of this conversation colleagues may read in the newsletter: the free-text answers marked
    /// shareable (on their current revision; a later correction starts unshared again), and whether
    /// the whole conversation is confidential, which overrides every mark.
    /// </summary>
    public async Task SaveSharingAsync(long conversationId, bool isConfidential, IReadOnlyCollection<string> shareableQuestions, AuditEvent audit)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("UPDATE conversations SET is_confidential = @isConfidential WHERE id = @conversationId",
            new { conversationId, isConfidential }, transaction);
        await connection.ExecuteAsync("UPDATE answers SET is_shareable = FALSE WHERE conversation_id = @conversationId",
            new { conversationId }, transaction);
        foreach (var key in shareableQuestions)
        {
            await connection.ExecuteAsync(
                """
                UPDATE answers SET is_shareable = TRUE
                WHERE conversation_id = @conversationId AND question_key = @key AND is_current = TRUE
                """, new { conversationId, key }, transaction);
        }
        await AuditAsync(connection, transaction, audit);
        await transaction.CommitAsync();
    }

    public async Task<(bool IsConfidential, IReadOnlySet<string> Shareable)> SharingAsync(long conversationId)
    {
        await using var connection = await database.OpenAsync();
        var confidential = await connection.ExecuteScalarAsync<bool>("SELECT is_confidential FROM conversations WHERE id = @conversationId", new { conversationId });
        var shareable = await connection.QueryAsync<string>(
            """
            SELECT a.question_key FROM answers a
            WHERE a.conversation_id = @conversationId AND a.is_shareable = TRUE AND a.is_current = TRUE
            """, new { conversationId });
        return (confidential, shareable.ToHashSet());
    }

    /// <summary>A video call that continues by phone: the answers stay, only the mode changes.</summary>
    public async Task SetModeAsync(long conversationId, string mode, AuditEvent audit)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("UPDATE conversations SET mode = @mode WHERE id = @conversationId", new { conversationId, mode }, transaction);
        await AuditAsync(connection, transaction, audit);
        await transaction.CommitAsync();
    }

    public async Task<IReadOnlyList<FollowUpAction>> FollowUpActionsAsync(long conversationId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<FollowUpAction>(
            "SELECT id, conversation_id, kind, note, status, updated_at FROM follow_up_actions WHERE conversation_id = @conversationId ORDER BY id",
            new { conversationId })).ToList();
    }

    public async Task AddFollowUpActionAsync(long conversationId, CurrentUser user, string kind, string? note, AuditEvent audit)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            """
            INSERT INTO follow_up_actions (conversation_id, kind, note, status, created_by, created_at, updated_at)
            VALUES (@conversationId, @kind, @note, @status, @userId, @now, @now)
            """, new { conversationId, kind, note, status = FollowUpStatuses.Open, userId = user.Id, now }, transaction);
        await AuditAsync(connection, transaction, audit);
        await transaction.CommitAsync();
    }

    public async Task<bool> SetFollowUpStatusAsync(long conversationId, long actionId, string status, AuditEvent audit)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var changed = await connection.ExecuteAsync(
            "UPDATE follow_up_actions SET status = @status, updated_at = @now WHERE id = @actionId AND conversation_id = @conversationId",
            new { conversationId, actionId, status, now = clock.GetUtcNow() }, transaction) == 1;
        if (changed)
        {
            await AuditAsync(connection, transaction, audit);
        }
        await transaction.CommitAsync();
        return changed;
    }
}
