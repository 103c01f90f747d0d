using Dapper;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Questionnaires;

namespace GesprekTool.Quality;

/// <summary>
/// Finished real conversations in a period, reduced to what the quality figures need: each
/// question's outcome and the time per section. Practice conversations and practice households
/// never count (as in the weekly reports). Three queries for the whole period, not three per
/// conversation.
/// </summary>
public sealed class QualityStore(Database database, QuestionnaireCatalog questionnaires)
{
    // The conversations that count: finished, real, in the period, optionally of one worker.
    private const string Counted = """
        c.status = @finished AND c.is_practice = FALSE AND h.is_practice = FALSE
        AND c.finished_at >= @from AND c.finished_at < @to AND (@workerId = 0 OR c.worker_id = @workerId)
        """;

    /// <param name="workerId">One worker's conversations, or 0 for the whole team.</param>
    public async Task<IReadOnlyList<ConversationQuality>> FinishedAsync(DateTimeOffset from, DateTimeOffset to, long workerId = 0)
    {
        var filter = new { finished = ConversationStatus.Finished, from, to, workerId };
        await using var connection = await database.OpenAsync();
        var conversations = (await connection.QueryAsync<Row>(
            $"""
            SELECT c.id, c.worker_id, c.mode, c.questionnaire_id, c.questionnaire_version, c.finished_at
            FROM conversations c JOIN households h ON h.id = c.household_id WHERE {Counted}
            """, filter)).AsList();
        var answers = (await connection.QueryAsync<(long ConversationId, string QuestionKey, string Value)>(
            $"""
            SELECT a.conversation_id, a.question_key, a.value
            FROM answers a JOIN conversations c ON c.id = a.conversation_id JOIN households h ON h.id = c.household_id
            WHERE a.is_current = TRUE AND a.value IS NOT NULL AND {Counted}
            """, filter)).ToLookup(a => a.ConversationId);
        var events = (await connection.QueryAsync<EventRow>(
            $"""
            SELECT e.conversation_id, e.kind, e.section_key, e.at
            FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id JOIN households h ON h.id = c.household_id
            WHERE {Counted}
            """, filter)).ToLookup(e => e.ConversationId);
        return conversations.Select(c =>
        {
            var script = questionnaires.Find(c.QuestionnaireId, c.QuestionnaireVersion)!;
            var values = answers[c.Id].ToDictionary(a => a.QuestionKey, a => a.Value);
            var moments = events[c.Id].Select(e => new ConversationEvent(e.Kind, e.SectionKey, e.At));
            return new ConversationQuality(c.WorkerId, c.Mode, Coverage.Of(script, values), SectionTimes.From(moments, c.FinishedAt));
        }).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long WorkerId { get; init; }
        public string Mode { get; init; } = "";
        public string QuestionnaireId { get; init; } = "";
        public int QuestionnaireVersion { get; init; }
        public DateTimeOffset FinishedAt { get; init; }
    }

    private sealed class EventRow
    {
        public long ConversationId { get; init; }
        public string Kind { get; init; } = "";
        public string? SectionKey { get; init; }
        public DateTimeOffset At { get; init; }
    }
}
