using Dapper;
using GesprekTool.Data;

namespace GesprekTool.Quality;

/// <summary>Writes and reads conversations' paradata.</summary>
public sealed class ConversationEventStore(Database database, TimeProvider clock)
{
    public async Task RecordAsync(long conversationId, string kind, string? sectionKey)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO conversation_events (conversation_id, kind, section_key, at) VALUES (@conversationId, @kind, @sectionKey, @now)",
            new { conversationId, kind, sectionKey, now = clock.GetUtcNow() });
    }

    /// <summary>A guest's connection to a running call was lost (not a hang-up: that leaves the room first).</summary>
    public async Task CallDroppedAsync(long callId)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO conversation_events (conversation_id, kind, section_key, at)
            SELECT c.conversation_id, @dropped, NULL, @now FROM calls c WHERE c.id = @callId AND c.ended_at IS NULL
            """, new { callId, dropped = ConversationEventKinds.CallDropped, now = clock.GetUtcNow() });
    }

    /// <summary>An admitted guest is back; counted only when the call's last moment was a drop.</summary>
    public async Task CallRestoredAsync(long callId)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO conversation_events (conversation_id, kind, section_key, at)
            SELECT c.conversation_id, @restored, NULL, @now FROM calls c
            WHERE c.id = @callId AND @dropped = (
                SELECT e.kind FROM conversation_events e
                WHERE e.conversation_id = c.conversation_id AND e.kind IN (@dropped, @restored)
                ORDER BY e.at DESC, e.id DESC LIMIT 1)
            """, new { callId, dropped = ConversationEventKinds.CallDropped, restored = ConversationEventKinds.CallRestored, now = clock.GetUtcNow() });
    }

    public async Task<IReadOnlyList<ConversationEvent>> ForAsync(long conversationId)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<Row>(
            "SELECT kind, section_key, at FROM conversation_events WHERE conversation_id = @conversationId ORDER BY at, id",
            new { conversationId });
        return rows.Select(r => new ConversationEvent(r.Kind, r.SectionKey, r.At)).ToList();
    }

    private sealed class Row
    {
        public string Kind { get; init; } = "";
        public string? SectionKey { get; init; }
        public DateTimeOffset At { get; init; }
    }
}
