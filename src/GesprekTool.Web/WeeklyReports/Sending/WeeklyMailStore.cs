using Dapper;
using GesprekTool.Data;

namespace GesprekTool.WeeklyReports.Sending;

/// <summary>What becomes of one message; the codes are stored, the Dutch words are shown.</summary>
public static class MessageStatus
{
    public const string Queued = "wachtrij";
    public const string Sending = "bezig";
    public const string Sent = "verstuurd";
    public const string Refused = "geweigerd";
    /// <summary>Its instance stopped while the relay had the message: it may have arrived, so it is never sent again by itself.</summary>
    public const string Uncertain = "onzeker";
    public const string GaveUp = "mislukt";

    public static string Dutch(string status) => status switch
    {
        Queued => "Wacht op verzending",
        Sending => "Wordt verstuurd",
        Sent => "Verstuurd",
        Refused => "Geweigerd",
        Uncertain => "Onzeker of het is aangekomen",
        GaveUp => "Niet gelukt",
        _ => status,
    };

    public static bool IsOpen(string status) => status is Queued or Sending;
}

/// <summary>A message row as the sending page shows it.</summary>
public sealed class WeeklyMessage
{
    public long Id { get; init; }
    public long DocumentId { get; init; }
    public long RecipientId { get; init; }
    public int Copy { get; init; }
    public string Address { get; init; } = "";
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public string? Answer { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
}

/// <summary>A message an instance has claimed and now sends.</summary>
public sealed class ClaimedMessage
{
    public long Id { get; init; }
    public long DocumentId { get; init; }
    public long RecipientId { get; init; }
    public string Address { get; init; } = "";
    public int Attempts { get; init; }
}

/// <summary>
/// The sending of weekly documents as rows in the database, so every instance sees the same job:
/// queueing is idempotent (a unique key per document, recipient and copy), an instance claims one
/// message at a time with a conditional UPDATE (only one wins, on SQLite and PostgreSQL alike), and
/// a claim left by an instance that stopped becomes "uncertain" instead of being sent twice.
/// </summary>
public sealed class WeeklyMailStore(Database database, TimeProvider clock)
{
    /// <summary>The week's current documents (its newest successful build), for one query to join on.</summary>
    private const string CurrentDocuments = "d.iso_year = @Year AND d.iso_week = @Week AND " + WeeklyReportStore.IsCurrentDocument;

    /// <summary>
    /// Recipient <c>r</c> receives document <c>d</c>: its kind, for a school that school's, not removed.
    /// The same rule as <see cref="Recipient.Receives"/>, which the pages use (a test holds them together).
    /// </summary>
    private const string ReceivesDocument =
        "r.kind = d.kind AND (d.kind <> @school OR r.school_id = d.school_id) AND r.removed_at IS NULL";

    /// <summary>Queues each current document of the week to each of its recipients, once: returns how many were new.</summary>
    public async Task<int> QueueWeekAsync(ReportWeek week, long? requestedBy)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            $"""
            INSERT INTO weekly_mail_messages (document_id, recipient_id, copy, address, status, next_attempt_at, requested_by, requested_at)
            SELECT d.id, r.id, 0, r.address, @queued, @now, @requestedBy, @now
            FROM weekly_documents d
            JOIN mail_recipients r ON {ReceivesDocument}
            WHERE {CurrentDocuments}
            ON CONFLICT (document_id, recipient_id, copy) DO NOTHING
            """, new { week.Year, week.Week, succeeded = WeeklyReportStore.Succeeded, queued = MessageStatus.Queued, school = WeeklyDocument.School, requestedBy, now = clock.GetUtcNow() });
    }

    /// <summary>One more copy of a document to one recipient (after a correction); false when nothing may be sent.</summary>
    public async Task<bool> QueueCopyAsync(long documentId, long recipientId, long requestedBy)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            $"""
            INSERT INTO weekly_mail_messages (document_id, recipient_id, copy, address, status, next_attempt_at, requested_by, requested_at)
            SELECT d.id, r.id,
                   (SELECT COALESCE(MAX(m.copy) + 1, 0) FROM weekly_mail_messages m WHERE m.document_id = d.id AND m.recipient_id = r.id),
                   r.address, @queued, @now, @requestedBy, @now
            FROM weekly_documents d
            JOIN mail_recipients r ON {ReceivesDocument}
            WHERE d.id = @documentId AND r.id = @recipientId
              AND NOT EXISTS (SELECT 1 FROM weekly_mail_messages o WHERE o.document_id = d.id AND o.recipient_id = r.id AND o.status IN (@queued, @sending))
            ON CONFLICT (document_id, recipient_id, copy) DO NOTHING
            """, new { documentId, recipientId, requestedBy, queued = MessageStatus.Queued, sending = MessageStatus.Sending, school = WeeklyDocument.School, now = clock.GetUtcNow() }) == 1;
    }

    /// <summary>Takes the oldest due message for this instance, or null when none is due.</summary>
    public async Task<ClaimedMessage?> ClaimNextAsync(string instance)
    {
        await using var connection = await database.OpenAsync();
        // The inner SELECT may pick a row another instance claims at the same moment: the outer
        // condition on the status is checked again under the row's lock, so then nothing changes here.
        return await connection.QuerySingleOrDefaultAsync<ClaimedMessage>(
            """
            UPDATE weekly_mail_messages
            SET status = @sending, claimed_by = @instance, claimed_at = @now, attempts = attempts + 1
            WHERE id = (SELECT id FROM weekly_mail_messages WHERE status = @queued AND next_attempt_at <= @now ORDER BY id LIMIT 1)
              AND status = @queued
            RETURNING id, document_id, recipient_id, address, attempts
            """, new { instance, now = clock.GetUtcNow(), queued = MessageStatus.Queued, sending = MessageStatus.Sending });
    }

    /// <summary>Records the relay's answer; only the instance holding the claim may.</summary>
    public async Task FinishAsync(long id, string instance, string status, string answer)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            UPDATE weekly_mail_messages SET status = @status, answer = @answer, sent_at = CASE WHEN @status = @sent THEN @now ELSE sent_at END
            WHERE id = @id AND status = @sending AND claimed_by = @instance
            """, new { id, instance, status, answer = Short(answer), sent = MessageStatus.Sent, sending = MessageStatus.Sending, now = clock.GetUtcNow() });
    }

    /// <summary>The relay could not take it now: back in the queue for later.</summary>
    public async Task PostponeAsync(long id, string instance, string answer, DateTimeOffset nextAttemptAt)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            UPDATE weekly_mail_messages SET status = @queued, answer = @answer, next_attempt_at = @nextAttemptAt, claimed_by = NULL
            WHERE id = @id AND status = @sending AND claimed_by = @instance
            """, new { id, instance, answer = Short(answer), nextAttemptAt, queued = MessageStatus.Queued, sending = MessageStatus.Sending });
    }

    /// <summary>
    /// Claims this instance held before it restarted, and claims older than the lease (their instance
    /// died): the relay may have taken the message, so it is marked uncertain, never sent again by itself.
    /// </summary>
    public async Task<int> MarkAbandonedAsync(string? instance, TimeSpan lease)
    {
        await using var connection = await database.OpenAsync();
        var now = clock.GetUtcNow();
        return await connection.ExecuteAsync(
            """
            UPDATE weekly_mail_messages SET status = @uncertain, claimed_by = NULL,
                answer = 'De verzending werd onderbroken; misschien is het bericht aangekomen. Controleer het bij de ontvanger of verstuur het opnieuw.'
            WHERE status = @sending AND (claimed_by = @instance OR claimed_at < @expired)
            """, new { instance, expired = now - lease, uncertain = MessageStatus.Uncertain, sending = MessageStatus.Sending });
    }

    /// <summary>Every message of the week's current documents, oldest copy first.</summary>
    public async Task<IReadOnlyList<WeeklyMessage>> ForWeekAsync(ReportWeek week)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<WeeklyMessage>(
            $"""
            SELECT m.id, m.document_id, m.recipient_id, m.copy, m.address, m.status, m.attempts, m.answer, m.sent_at, m.next_attempt_at
            FROM weekly_mail_messages m JOIN weekly_documents d ON d.id = m.document_id
            WHERE {CurrentDocuments}
            ORDER BY m.document_id, m.recipient_id, m.copy
            """, new { week.Year, week.Week, succeeded = WeeklyReportStore.Succeeded })).ToList();
    }

    /// <summary>Per week with messages: how many of its current documents' messages there are and how many went.</summary>
    public async Task<IReadOnlyDictionary<ReportWeek, (int Sent, int Total)>> SentPerWeekAsync()
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(int Year, int Week, long Total, long Sent)>(
            $"""
            SELECT d.iso_year, d.iso_week, COUNT(*), SUM(CASE WHEN m.status = @sent THEN 1 ELSE 0 END)
            FROM weekly_mail_messages m JOIN weekly_documents d ON d.id = m.document_id
            WHERE {WeeklyReportStore.IsCurrentDocument}
            GROUP BY d.iso_year, d.iso_week
            """, new { sent = MessageStatus.Sent, succeeded = WeeklyReportStore.Succeeded });
        return rows.ToDictionary(r => new ReportWeek(r.Year, r.Week), r => ((int)r.Sent, (int)r.Total));
    }

    /// <summary>The week's current documents with their headline figures (what the mail's body shows).</summary>
    public async Task<IReadOnlyList<MailableDocument>> DocumentsAsync(ReportWeek week)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<MailableDocument>(
            $"""
            SELECT d.id, d.kind, d.school_id, d.title, d.file_name, d.headlines
            FROM weekly_documents d WHERE {CurrentDocuments}
            ORDER BY CASE d.kind WHEN @municipality THEN 0 WHEN @school THEN 1 ELSE 2 END, d.title
            """, new { week.Year, week.Week, succeeded = WeeklyReportStore.Succeeded, municipality = WeeklyDocument.Municipality, school = WeeklyDocument.School })).ToList();
    }

    /// <summary>What a claimed message carries: its document, the PDF and the recipient's name.</summary>
    public async Task<MessageContent?> ContentAsync(long documentId, long recipientId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<MessageContent>(
            """
            SELECT d.id AS document_id, d.iso_year AS year, d.iso_week AS week, d.kind, d.title, d.file_name, d.pdf, d.headlines, r.name AS recipient_name
            FROM weekly_documents d, mail_recipients r WHERE d.id = @documentId AND r.id = @recipientId
            """, new { documentId, recipientId });
    }

    private static string Short(string answer) => answer.Length > 500 ? answer[..500] : answer;
}

public sealed class MailableDocument
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public long? SchoolId { get; init; }
    public string Title { get; init; } = "";
    public string FileName { get; init; } = "";
    public string? Headlines { get; init; }
}

public sealed class MessageContent
{
    public long DocumentId { get; init; }
    public int Year { get; init; }
    public int Week { get; init; }
    public string Kind { get; init; } = "";
    public string Title { get; init; } = "";
    public string FileName { get; init; } = "";
    public byte[] Pdf { get; init; } = [];
    public string? Headlines { get; init; }
    public string RecipientName { get; init; } = "";
}
