using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Households;
using GesprekTool.Quality;

namespace GesprekTool.Practice;

/// <summary>What a practice session is planned with: the card, the level, the rubric and who does what.</summary>
public sealed record PracticePlan(PersonaCard Persona, PracticeLevel Level, Rubric Rubric, int QuestionnaireVersion,
    long ConductorId, long ParentId, long? ObserverId);

/// <summary>
/// Practice sessions in the database. A session is found only by the people in it and whoever planned
/// it (<see cref="FindForAsync"/>); its household and conversation are marked practice, so reports and
/// team figures never count them.
/// </summary>
public sealed class PracticeStore(Database database, TimeProvider clock)
{
    private const string SessionColumns = """
        SELECT s.id, s.conversation_id, cv.finished_at AS conversation_finished_at, s.persona_key, s.level, s.rubric_key, s.created_at, s.started_at, s.ended_at,
               s.planned_by, pb.display_name AS planned_by_name, s.conductor_id, cu.display_name AS conductor_name,
               s.parent_id, pa.display_name AS parent_name, s.observer_id, ob.display_name AS observer_name
        FROM practice_sessions s
        JOIN conversations cv ON cv.id = s.conversation_id
        JOIN users pb ON pb.id = s.planned_by
        JOIN users cu ON cu.id = s.conductor_id
        JOIN users pa ON pa.id = s.parent_id
        LEFT JOIN users ob ON ob.id = s.observer_id
        """;

    private const string MayOpen = "(s.planned_by = @userId OR s.conductor_id = @userId OR s.parent_id = @userId OR s.observer_id = @userId)";

    /// <summary>Creates the practice household, its open conversation (held by the conductor) and the session, together.</summary>
    public async Task<long> PlanAsync(PracticePlan plan, CurrentUser plannedBy)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var householdId = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO households (display_name, contact_channel, contact_detail, home_language, status, assigned_worker_id, notes, is_practice, created_at, updated_at)
            VALUES (@name, 'telefoon', NULL, @language, @status, @conductorId, @notes, TRUE, @now, @now)
            RETURNING id
            """, new
            {
                name = $"Oefengezin: {plan.Persona.Title}", language = plan.Persona.Language, status = HouseholdStatus.Known,
                conductorId = plan.ConductorId, notes = plan.Persona.Household, now,
            }, transaction);
        var conversationId = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO conversations (household_id, worker_id, questionnaire_id, questionnaire_version, mode, held_on,
                                       confidentiality_stated, status, is_practice, created_at)
            VALUES (@householdId, @conductorId, @questionnaireId, @version, 'video', @heldOn, TRUE, @status, TRUE, @now)
            RETURNING id
            """, new
            {
                householdId, conductorId = plan.ConductorId, questionnaireId = plan.Persona.QuestionnaireId, version = plan.QuestionnaireVersion,
                heldOn = DutchDate.Today(clock), status = ConversationStatus.Open, now,
            }, transaction);
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO practice_sessions (conversation_id, persona_key, level, rubric_key, planned_by, conductor_id, parent_id, observer_id, created_at)
            VALUES (@conversationId, @persona, @level, @rubric, @plannedBy, @conductorId, @parentId, @observerId, @now)
            RETURNING id
            """, new
            {
                conversationId, persona = plan.Persona.Key, level = PracticeLevels.All[plan.Level].Code, rubric = plan.Rubric.Key,
                plannedBy = plannedBy.Id, conductorId = plan.ConductorId, parentId = plan.ParentId, observerId = plan.ObserverId, now,
            }, transaction);
        await AuditLog.InsertAsync(connection, transaction,
            new AuditEvent(plannedBy, "practice.planned", "practice", id, $"{plan.Persona.Key}, {PracticeLevels.All[plan.Level].Code}"), now);
        await transaction.CommitAsync();
        return id;
    }

    /// <summary>The session, if this user is in it or planned it; otherwise null (the page says "niet gevonden").</summary>
    public async Task<PracticeSession?> FindForAsync(CurrentUser user, long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<PracticeSession>(
            SessionColumns + $" WHERE s.id = @id AND {MayOpen}", new { id, userId = user.Id });
    }

    public async Task<IReadOnlyList<PracticeSession>> ListForAsync(CurrentUser user)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<PracticeSession>(
            SessionColumns + $" WHERE {MayOpen} ORDER BY s.created_at DESC, s.id DESC LIMIT 100", new { userId = user.Id })).AsList();
    }

    /// <summary>Starts the clock the taps are stamped against; a second start changes nothing.</summary>
    public async Task<bool> StartAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            "UPDATE practice_sessions SET started_at = @now WHERE id = @id AND started_at IS NULL",
            new { id, now = clock.GetUtcNow() }) == 1;
    }

    /// <summary>Ends the practice and finishes its conversation, so the debrief's coverage is final.</summary>
    public async Task<bool> EndAsync(long id)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var ended = await connection.ExecuteAsync(
            "UPDATE practice_sessions SET ended_at = @now, started_at = COALESCE(started_at, @now) WHERE id = @id AND ended_at IS NULL",
            new { id, now }, transaction) == 1;
        if (ended)
        {
            await connection.ExecuteAsync(
                """
                UPDATE conversations SET status = @finished, finished_at = @now
                WHERE id = (SELECT conversation_id FROM practice_sessions WHERE id = @id) AND status <> @finished
                """, new { id, now, finished = ConversationStatus.Finished }, transaction);
        }
        await transaction.CommitAsync();
        return ended;
    }

    /// <summary>The section the conductor has open now: the latest section they opened in the conversation.</summary>
    public async Task<string?> CurrentSectionAsync(long conversationId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QueryFirstOrDefaultAsync<string?>(
            """
            SELECT section_key FROM conversation_events
            WHERE conversation_id = @conversationId AND kind = @opened
            ORDER BY at DESC, id DESC LIMIT 1
            """, new { conversationId, opened = ConversationEventKinds.SectionOpened });
    }

    /// <summary>The practice conversation's call that has not ended, if the conductor started one.</summary>
    public async Task<long?> ActiveCallIdAsync(long conversationId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QueryFirstOrDefaultAsync<long?>(
            "SELECT id FROM calls WHERE conversation_id = @conversationId AND ended_at IS NULL ORDER BY id DESC LIMIT 1",
            new { conversationId });
    }

    /// <summary>Stores a tap, stamped with the time since the start and the conductor's current section.</summary>
    public async Task<PracticeTap> TapAsync(PracticeSession session, string tallyKey, CurrentUser user)
    {
        var now = clock.GetUtcNow();
        var section = await CurrentSectionAsync(session.ConversationId);
        var elapsed = session.ElapsedSecondsAt(now);
        await using var connection = await database.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO practice_taps (session_id, tally_key, tapped_by, at, elapsed_seconds, section_key)
            VALUES (@sessionId, @tallyKey, @userId, @now, @elapsed, @section) RETURNING id
            """, new { sessionId = session.Id, tallyKey, userId = user.Id, now, elapsed, section });
        return new PracticeTap { Id = id, TallyKey = tallyKey, TappedBy = user.Id, ElapsedSeconds = elapsed, SectionKey = section };
    }

    /// <summary>Takes back this user's latest tap (a mis-tap); false when they have none.</summary>
    public async Task<bool> UndoLastTapAsync(long sessionId, CurrentUser user)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            """
            DELETE FROM practice_taps WHERE id = (SELECT MAX(id) FROM practice_taps WHERE session_id = @sessionId AND tapped_by = @userId)
            """, new { sessionId, userId = user.Id }) == 1;
    }

    public async Task<IReadOnlyList<PracticeTap>> TapsAsync(long sessionId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<PracticeTap>(
            "SELECT id, tally_key, tapped_by, elapsed_seconds, section_key FROM practice_taps WHERE session_id = @sessionId ORDER BY id",
            new { sessionId })).AsList();
    }

    /// <summary>Stores this rater's scores (1–5) for the given globals; a global not sent keeps its score.</summary>
    public async Task RateAsync(long sessionId, CurrentUser user, IReadOnlyDictionary<string, int> scores)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var (globalKey, score) in scores)
        {
            await connection.ExecuteAsync(
                "DELETE FROM practice_ratings WHERE session_id = @sessionId AND rated_by = @userId AND global_key = @globalKey",
                new { sessionId, userId = user.Id, globalKey }, transaction);
            await connection.ExecuteAsync(
                "INSERT INTO practice_ratings (session_id, rated_by, global_key, score) VALUES (@sessionId, @userId, @globalKey, @score)",
                new { sessionId, userId = user.Id, globalKey, score }, transaction);
        }
        await transaction.CommitAsync();
    }

    public async Task<IReadOnlyList<PracticeRating>> RatingsAsync(long sessionId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<PracticeRating>(
            "SELECT rated_by, global_key, score FROM practice_ratings WHERE session_id = @sessionId", new { sessionId })).AsList();
    }

    /// <summary>Saves the author's own note; an empty note removes it.</summary>
    public async Task SaveNoteAsync(long sessionId, CurrentUser author, string text)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("DELETE FROM practice_notes WHERE session_id = @sessionId AND author_id = @userId",
            new { sessionId, userId = author.Id }, transaction);
        if (text.Length > 0)
        {
            await connection.ExecuteAsync(
                "INSERT INTO practice_notes (session_id, author_id, text, updated_at) VALUES (@sessionId, @userId, @text, @now)",
                new { sessionId, userId = author.Id, text, now = clock.GetUtcNow() }, transaction);
        }
        await transaction.CommitAsync();
    }

    public async Task<IReadOnlyList<PracticeNote>> NotesAsync(long sessionId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<PracticeNote>(
            """
            SELECT n.author_id, u.display_name AS author_name, n.text, n.updated_at
            FROM practice_notes n JOIN users u ON u.id = n.author_id
            WHERE n.session_id = @sessionId ORDER BY u.display_name
            """, new { sessionId })).AsList();
    }
}
