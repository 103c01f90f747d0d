using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Data;
using GesprekTool.Quality;

namespace GesprekTool.PhoneCalls;

/// <summary>
/// SQL for dialling attempts. Each moment (dialled, answered, ended) is written once, with the
/// conversation's paradata event in the same transaction; the end also writes the NEN 7513 row
/// "call.dialled" with the household and the outcome, never the number or anything said. An
/// interpreter's leg is an attempt of its own that belongs to the household's call, with its own
/// moments ("tolk-…") and audit row ("call.interpreter").
/// </summary>
public sealed class PhoneCallStore(Database database, TimeProvider clock)
{
    private const string Columns =
        "id, conversation_id, household_id, worker_id, dialled_number, janus_token, started_at, ringing_at, answered_at, ended_at, outcome, interpreter_for_call_id";

    public async Task<long> StartAsync(long conversationId, long householdId, long workerId, PhoneNumber number, string janusToken)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO phone_calls (conversation_id, household_id, worker_id, dialled_number, janus_token, started_at)
            VALUES (@conversationId, @householdId, @workerId, @number, @janusToken, @now)
            RETURNING id
            """, new { conversationId, householdId, workerId, number = number.E164, janusToken, now }, transaction);
        await connection.ExecuteAsync(
            "UPDATE conversations SET mode = 'telefoon' WHERE id = @conversationId AND mode <> 'telefoon'", new { conversationId }, transaction);
        await InsertEventAsync(connection, transaction, conversationId, ConversationEventKinds.PhoneDialled, now);
        await transaction.CommitAsync();
        return id;
    }

    /// <summary>
    /// Dials the interpreter into a household's call that is answered and still on, once at a time:
    /// null when the call is not (or no longer) answered, or an interpreter leg of it is still open.
    /// </summary>
    public async Task<long?> StartInterpreterAsync(PhoneCall householdCall, PhoneNumber number, string janusToken)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        // The check and the insert in one statement, and a unique index on open legs behind it, so two
        // presses (or two tabs, or two instances) cannot both dial.
        var id = await connection.ExecuteScalarAsync<long?>(
            """
            INSERT INTO phone_calls (conversation_id, household_id, worker_id, dialled_number, janus_token, started_at, interpreter_for_call_id)
            SELECT conversation_id, household_id, worker_id, @number, @janusToken, @now, id FROM phone_calls
            WHERE id = @callId AND answered_at IS NOT NULL AND ended_at IS NULL AND interpreter_for_call_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM phone_calls leg WHERE leg.interpreter_for_call_id = @callId AND leg.ended_at IS NULL)
            ON CONFLICT DO NOTHING
            RETURNING id
            """, new { callId = householdCall.Id, number = number.E164, janusToken, now }, transaction);
        if (id is not null)
        {
            await InsertEventAsync(connection, transaction, householdCall.ConversationId, ConversationEventKinds.InterpreterDialled, now);
        }
        await transaction.CommitAsync();
        return id;
    }

    public async Task<PhoneCall?> FindByTokenAsync(string janusToken)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<PhoneCall>(
            $"SELECT {Columns} FROM phone_calls WHERE janus_token = @janusToken", new { janusToken });
    }

    public async Task<PhoneCall?> FindAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<PhoneCall>($"SELECT {Columns} FROM phone_calls WHERE id = @id", new { id });
    }

    public async Task<IReadOnlyList<PhoneCall>> ForConversationAsync(long conversationId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<PhoneCall>(
            $"SELECT {Columns} FROM phone_calls WHERE conversation_id = @conversationId ORDER BY started_at, id", new { conversationId })).AsList();
    }

    /// <summary>The tokens of this conversation's attempts that never ended (a closed tab), so they can be taken back.</summary>
    public async Task<IReadOnlyList<(long Id, string Token)>> OpenAttemptsAsync(long conversationId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<(long, string)>(
            "SELECT id, janus_token FROM phone_calls WHERE conversation_id = @conversationId AND ended_at IS NULL", new { conversationId })).AsList();
    }

    /// <summary>How many calls to households ended each way since a moment: counts only, for the admin's page.</summary>
    public async Task<IReadOnlyList<(string Outcome, int Count)>> OutcomesSinceAsync(DateTimeOffset since)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<(string, int)>(
            """
            SELECT outcome, CAST(COUNT(*) AS INTEGER) FROM phone_calls
            WHERE started_at >= @since AND outcome IS NOT NULL AND interpreter_for_call_id IS NULL
            GROUP BY outcome ORDER BY COUNT(*) DESC, outcome
            """, new { since })).AsList();
    }

    /// <summary>How many calls had an interpreter on the line since a moment, for the admin's page.</summary>
    public async Task<int> InterpretedSinceAsync(DateTimeOffset since)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(
            """
            SELECT CAST(COUNT(DISTINCT interpreter_for_call_id) AS INTEGER) FROM phone_calls
            WHERE started_at >= @since AND interpreter_for_call_id IS NOT NULL AND answered_at IS NOT NULL
            """, new { since });
    }

    public async Task MarkRingingAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE phone_calls SET ringing_at = @now WHERE id = @id AND ringing_at IS NULL AND ended_at IS NULL", new { id, now = clock.GetUtcNow() });
    }

    public async Task MarkAnsweredAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        var answered = await connection.QuerySingleOrDefaultAsync<(long ConversationId, long? InterpreterFor)?>(
            """
            UPDATE phone_calls SET answered_at = @now WHERE id = @id AND answered_at IS NULL AND ended_at IS NULL
            RETURNING conversation_id, interpreter_for_call_id
            """, new { id, now }, transaction);
        if (answered is { } call)
        {
            await InsertEventAsync(connection, transaction, call.ConversationId,
                call.InterpreterFor is null ? ConversationEventKinds.PhoneAnswered : ConversationEventKinds.InterpreterAnswered, now);
        }
        await transaction.CommitAsync();
    }

    /// <summary>Ends an attempt once; the outcome follows from whether it was answered (the app's record) and how it ended.</summary>
    public async Task<PhoneCall?> EndAsync(long id, int? sipCode, PhoneCallOutcome.EndedBy by, CurrentUser? user)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var call = await connection.QuerySingleOrDefaultAsync<PhoneCall>($"SELECT {Columns} FROM phone_calls WHERE id = @id", new { id }, transaction);
        if (call is null || call.IsOver)
        {
            return call;
        }
        var now = clock.GetUtcNow();
        var outcome = PhoneCallOutcome.From(call.Reached, sipCode, by);
        var ended = await connection.ExecuteAsync(
            "UPDATE phone_calls SET ended_at = @now, outcome = @outcome WHERE id = @id AND ended_at IS NULL", new { id, now, outcome }, transaction);
        if (ended == 1)
        {
            await InsertEventAsync(connection, transaction, call.ConversationId,
                call.IsInterpreterLeg ? ConversationEventKinds.InterpreterEnded : ConversationEventKinds.PhoneEnded, now);
            await AuditLog.InsertAsync(connection, transaction,
                new AuditEvent(user, call.IsInterpreterLeg ? "call.interpreter" : "call.dialled", "conversation", call.ConversationId, $"uitkomst {outcome}"), now);
        }
        await transaction.CommitAsync();
        return await FindAsync(id);
    }

    private static Task InsertEventAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        long conversationId, string kind, DateTimeOffset at) =>
        connection.ExecuteAsync(
            "INSERT INTO conversation_events (conversation_id, kind, section_key, at) VALUES (@conversationId, @kind, NULL, @at)",
            new { conversationId, kind, at }, transaction);
}
