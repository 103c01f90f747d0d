using System.Data.Common;
using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Data;

namespace GesprekTool.Coaching;

/// <summary>
/// Coaching sessions in the database. Every read that shows a session goes through
/// <see cref="FindForAsync"/>, which returns it only to its trainer and its invited participants.
/// </summary>
public sealed class CoachingStore(Database database, TimeProvider clock)
{
    private const string SessionColumns = """
        s.id, s.title, s.method_key, s.starts_at, s.trainer_id, t.display_name AS trainer_name, s.status,
        s.current_step, s.step_started_at, s.video_room, s.video_room_secret, s.opened_at, s.ended_at, s.route_key AS stored_route_key
        """;

    // The trainer who planned it, or an invited participant.
    private const string MayOpen = """
        (s.trainer_id = @userId OR EXISTS (SELECT 1 FROM coaching_participants p WHERE p.session_id = s.id AND p.user_id = @userId))
        """;

    public async Task<long> PlanAsync(string title, string methodKey, DateTimeOffset startsAt, CurrentUser trainer,
        IReadOnlyList<(long UserId, string Role)> participants)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO coaching_sessions (title, method_key, starts_at, trainer_id, status, created_at, route_key)
            VALUES (@title, @methodKey, @startsAt, @trainerId, @status, @now, @routeKey) RETURNING id
            """, new { title, methodKey, startsAt, trainerId = trainer.Id, status = CoachingStatuses.Planned, now = clock.GetUtcNow(), routeKey = GesprekTool.Calls.RouteKeys.New() }, transaction);
        foreach (var (userId, role) in participants)
        {
            await connection.ExecuteAsync(
                "INSERT INTO coaching_participants (session_id, user_id, role) VALUES (@id, @userId, @role)",
                new { id, userId, role }, transaction);
        }
        await transaction.CommitAsync();
        return id;
    }

    public async Task<CoachingSession?> FindForAsync(CurrentUser user, long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<CoachingSession>(
            $"SELECT {SessionColumns} FROM coaching_sessions s JOIN users t ON t.id = s.trainer_id WHERE s.id = @id AND {MayOpen}",
            new { id, userId = user.Id });
    }

    /// <summary>Only for the video room's housekeeping (closing rooms of sessions that ended).</summary>
    public async Task<CoachingSession?> FindAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<CoachingSession>(
            $"SELECT {SessionColumns} FROM coaching_sessions s JOIN users t ON t.id = s.trainer_id WHERE s.id = @id", new { id });
    }

    /// <summary>The user's sessions: running first, then planned by start, then the last finished ones.</summary>
    public async Task<IReadOnlyList<CoachingSession>> ListForAsync(CurrentUser user)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<CoachingSession>(
            $"""
            SELECT {SessionColumns} FROM coaching_sessions s JOIN users t ON t.id = s.trainer_id
            WHERE {MayOpen}
            ORDER BY CASE s.status WHEN @running THEN 0 WHEN @planned THEN 1 ELSE 2 END, s.starts_at
            """, new { userId = user.Id, running = CoachingStatuses.Running, planned = CoachingStatuses.Planned })).ToList();
    }

    public async Task<IReadOnlyList<CoachingParticipant>> ParticipantsAsync(long sessionId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<CoachingParticipant>(
            """
            SELECT p.user_id, u.display_name, p.role, p.hand_raised_at
            FROM coaching_participants p JOIN users u ON u.id = p.user_id
            WHERE p.session_id = @sessionId ORDER BY u.display_name
            """, new { sessionId })).ToList();
    }

    public async Task OpenAsync(long sessionId, long? videoRoom, string? videoRoomSecret)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            UPDATE coaching_sessions SET status = @running, current_step = 0, step_started_at = @now, opened_at = @now,
                video_room = @videoRoom, video_room_secret = @videoRoomSecret
            WHERE id = @sessionId AND status = @planned
            """, new { sessionId, videoRoom, videoRoomSecret, now = clock.GetUtcNow(), running = CoachingStatuses.Running, planned = CoachingStatuses.Planned });
    }

    /// <summary>Moves a running session to a step; its countdown starts now. False if it is not running.</summary>
    public async Task<bool> MoveToStepAsync(long sessionId, int step)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            "UPDATE coaching_sessions SET current_step = @step, step_started_at = @now WHERE id = @sessionId AND status = @running",
            new { sessionId, step, now = clock.GetUtcNow(), running = CoachingStatuses.Running }) == 1;
    }

    public async Task EndAsync(long sessionId)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            "UPDATE coaching_sessions SET status = @ended, ended_at = @now, video_room_secret = NULL WHERE id = @sessionId AND status <> @ended",
            new { sessionId, now = clock.GetUtcNow(), ended = CoachingStatuses.Ended }, transaction);
        await connection.ExecuteAsync("UPDATE coaching_participants SET hand_raised_at = NULL WHERE session_id = @sessionId", new { sessionId }, transaction);
        await transaction.CommitAsync();
    }

    public async Task SetHandAsync(long sessionId, long userId, bool raised)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE coaching_participants SET hand_raised_at = @at WHERE session_id = @sessionId AND user_id = @userId",
            new { sessionId, userId, at = raised ? clock.GetUtcNow() : (DateTimeOffset?)null });
    }

    public async Task<IReadOnlyList<CoachingContribution>> ContributionsAsync(long sessionId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<CoachingContribution>(
            """
            SELECT c.id, c.step_key, c.kind, c.user_id, u.display_name, c.text, c.created_at, c.revealed_at, c.done_at
            FROM coaching_contributions c JOIN users u ON u.id = c.user_id
            WHERE c.session_id = @sessionId ORDER BY c.id
            """, new { sessionId })).ToList();
    }

    /// <summary>Adds a contribution unless the participant already gave as many as the step asks.</summary>
    public async Task<bool> AddContributionAsync(long sessionId, CoachingStep step, long userId, string text)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var given = await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM coaching_contributions WHERE session_id = @sessionId AND step_key = @stepKey AND user_id = @userId",
            new { sessionId, stepKey = step.Key, userId }, transaction);
        if (given >= step.PerParticipant)
        {
            return false;
        }
        await connection.ExecuteAsync(
            """
            INSERT INTO coaching_contributions (session_id, step_key, kind, user_id, text, created_at)
            VALUES (@sessionId, @stepKey, @kind, @userId, @text, @now)
            """, new { sessionId, stepKey = step.Key, kind = CoachingMethodLoader.NameOf(step.Contribution), userId, text, now = clock.GetUtcNow() }, transaction);
        await transaction.CommitAsync();
        return true;
    }

    public async Task RevealAsync(long sessionId, string stepKey)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE coaching_contributions SET revealed_at = @now WHERE session_id = @sessionId AND step_key = @stepKey AND revealed_at IS NULL",
            new { sessionId, stepKey, now = clock.GetUtcNow() });
    }

    public async Task<long> OpenPollAsync(long sessionId, PollKind kind, string question, IReadOnlyList<string> options)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // One poll at a time: opening a new one closes the last.
        await connection.ExecuteAsync("UPDATE coaching_polls SET closed_at = @now WHERE session_id = @sessionId AND closed_at IS NULL",
            new { sessionId, now = clock.GetUtcNow() }, transaction);
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO coaching_polls (session_id, kind, question, options, opened_at)
            VALUES (@sessionId, @kind, @question, @options, @now) RETURNING id
            """, new { sessionId, kind = PollTally.CodeOf(kind), question, options = string.Join('\n', options), now = clock.GetUtcNow() }, transaction);
        await transaction.CommitAsync();
        return id;
    }

    public async Task ClosePollAsync(long sessionId, long pollId)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE coaching_polls SET closed_at = @now WHERE id = @pollId AND session_id = @sessionId AND closed_at IS NULL",
            new { sessionId, pollId, now = clock.GetUtcNow() });
    }

    public async Task<IReadOnlyList<CoachingPoll>> PollsAsync(long sessionId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<CoachingPoll>(
            "SELECT id, kind, question, options, opened_at, closed_at FROM coaching_polls WHERE session_id = @sessionId ORDER BY id",
            new { sessionId })).ToList();
    }

    /// <summary>
    /// Every poll's answers in the session, by poll, from the counts (answer, how many): nothing says
    /// who gave which. One query for all polls, not one per poll.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> PollAnswersAsync(long sessionId)
    {
        await using var connection = await database.OpenAsync();
        var counts = await connection.QueryAsync<(long PollId, string Answer, int Answers)>(
            """
            SELECT c.poll_id, c.answer, c.answers FROM coaching_poll_counts c
            JOIN coaching_polls p ON p.id = c.poll_id
            WHERE p.session_id = @sessionId
            """, new { sessionId });
        return counts.GroupBy(c => c.PollId).ToDictionary(
            poll => poll.Key, poll => (IReadOnlyList<string>)poll.SelectMany(c => Enumerable.Repeat(c.Answer, c.Answers)).ToList());
    }

    /// <summary>The session's polls this person has answered.</summary>
    public async Task<IReadOnlySet<long>> PollsAnsweredByAsync(long sessionId, long userId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<long>(
            """
            SELECT v.poll_id FROM coaching_poll_voters v
            JOIN coaching_polls p ON p.id = v.poll_id
            WHERE p.session_id = @sessionId AND v.user_id = @userId
            """, new { sessionId, userId })).ToHashSet();
    }

    /// <summary>One answer per person: the voter row and the count change in one transaction,
    /// and the count row does not say who added to it.</summary>
    public async Task<bool> AnswerPollAsync(long pollId, long userId, string answer)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var added = await connection.ExecuteAsync(
            "INSERT INTO coaching_poll_voters (poll_id, user_id) VALUES (@pollId, @userId) ON CONFLICT DO NOTHING",
            new { pollId, userId }, transaction);
        if (added == 0)
        {
            return false;
        }
        await connection.ExecuteAsync(
            """
            INSERT INTO coaching_poll_counts (poll_id, answer, answers) VALUES (@pollId, @answer, 1)
            ON CONFLICT (poll_id, answer) DO UPDATE SET answers = coaching_poll_counts.answers + 1
            """, new { pollId, answer }, transaction);
        await transaction.CommitAsync();
        return true;
    }

    public async Task<bool> EvaluateAsync(long sessionId, long userId, int score, string sentence)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await connection.ExecuteAsync(
                "INSERT INTO coaching_evaluators (session_id, user_id) VALUES (@sessionId, @userId) ON CONFLICT DO NOTHING",
                new { sessionId, userId }, transaction) == 0)
        {
            return false;
        }
        await connection.ExecuteAsync("INSERT INTO coaching_evaluations (session_id, score, sentence) VALUES (@sessionId, @score, @sentence)",
            new { sessionId, score, sentence }, transaction);
        await transaction.CommitAsync();
        return true;
    }

    public async Task<bool> HasEvaluatedAsync(long sessionId, long userId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM coaching_evaluators WHERE session_id = @sessionId AND user_id = @userId", new { sessionId, userId }) > 0;
    }

    public async Task<IReadOnlyList<(int Score, string Sentence)>> EvaluationsAsync(long sessionId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<(int, string)>(
            "SELECT score, sentence FROM coaching_evaluations WHERE session_id = @sessionId ORDER BY sentence", new { sessionId })).ToList();
    }

    /// <summary>The worker's open action points: agreements from their sessions not yet ticked off.</summary>
    public async Task<IReadOnlyList<ActionPoint>> OpenActionPointsAsync(long userId)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<ActionPoint>(
            """
            SELECT c.id, c.session_id, s.title AS session_title, c.text, c.created_at
            FROM coaching_contributions c JOIN coaching_sessions s ON s.id = c.session_id
            WHERE c.user_id = @userId AND c.kind = @agreement AND c.done_at IS NULL
            ORDER BY c.created_at
            """, new { userId, agreement = CoachingMethodLoader.NameOf(ContributionKind.Agreement) })).ToList();
    }

    public async Task<bool> MarkActionPointDoneAsync(long contributionId, long userId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            "UPDATE coaching_contributions SET done_at = @now WHERE id = @contributionId AND user_id = @userId AND kind = @agreement AND done_at IS NULL",
            new { contributionId, userId, now = clock.GetUtcNow(), agreement = CoachingMethodLoader.NameOf(ContributionKind.Agreement) }) == 1;
    }
}
