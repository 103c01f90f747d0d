using System.Data.Common;
using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Data;
using GesprekTool.Questionnaires;

namespace GesprekTool.WeeklyReports;

/// <summary>
/// SQL for the weekly documents: reading the finished, real conversations of a period, and storing
/// runs, PDFs and newsletter tips. Practice households and conversations never appear here.
/// </summary>
public sealed class WeeklyReportStore(Database database, QuestionnaireCatalog questionnaires, TimeProvider clock)
{
    private const string RealFinished =
        """
        c.status = @finished AND c.is_practice = FALSE AND h.is_practice = FALSE
        AND c.held_on >= @from AND c.held_on <= @to
        """;

    private sealed class ConversationRow
    {
        public long Id { get; init; }
        public long HouseholdId { get; init; }
        public DateOnly HeldOn { get; init; }
        public string QuestionnaireId { get; init; } = "";
        public int QuestionnaireVersion { get; init; }
        public bool IsConfidential { get; init; }
        public bool? CallbackWanted { get; init; }
        public long Earlier { get; init; }
    }

    private sealed class AnswerRow
    {
        public long ConversationId { get; init; }
        public string QuestionKey { get; init; } = "";
        public string? Value { get; init; }
        public bool IsShareable { get; init; }
    }

    private sealed class ActionRow
    {
        public long ConversationId { get; init; }
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
    }

    /// <summary>The conversations held from the Monday of <paramref name="first"/> to the Sunday of <paramref name="last"/>.</summary>
    public async Task<IReadOnlyList<ReportConversation>> ConversationsAsync(ReportWeek first, ReportWeek last)
    {
        // Codes are parameters from their constants, never spelled inside SQL.
        var period = new { from = first.Monday, to = last.Sunday, finished = Conversations.ConversationStatus.Finished };
        await using var connection = await database.OpenAsync();
        var conversations = (await connection.QueryAsync<ConversationRow>(
            $"""
            SELECT c.id, c.household_id, c.held_on, c.questionnaire_id, c.questionnaire_version, c.is_confidential, c.callback_wanted,
                   (SELECT COUNT(*) FROM conversations p
                    WHERE p.household_id = c.household_id AND p.status = @finished AND p.is_practice = FALSE
                      AND (p.held_on < c.held_on OR (p.held_on = c.held_on AND p.id < c.id))) AS earlier
            FROM conversations c JOIN households h ON h.id = c.household_id
            WHERE {RealFinished}
            """, period)).ToList();
        var answers = (await connection.QueryAsync<AnswerRow>(
            $"""
            SELECT a.conversation_id, a.question_key, a.value, a.is_shareable
            FROM answers a
            JOIN conversations c ON c.id = a.conversation_id
            JOIN households h ON h.id = c.household_id
            WHERE {RealFinished}
              AND a.is_current = TRUE
            """, period)).ToLookup(a => a.ConversationId);
        var actions = (await connection.QueryAsync<ActionRow>(
            $"""
            SELECT f.conversation_id, f.kind, f.status
            FROM follow_up_actions f
            JOIN conversations c ON c.id = f.conversation_id
            JOIN households h ON h.id = c.household_id
            WHERE {RealFinished}
            """, period)).ToLookup(a => a.ConversationId);
        return conversations.Select(c => ToReport(c, answers[c.Id].ToList(), actions[c.Id])).ToList();
    }

    private ReportConversation ToReport(ConversationRow row, IReadOnlyList<AnswerRow> answerRows, IEnumerable<ActionRow> actions)
    {
        var questionnaire = questionnaires.Find(row.QuestionnaireId, row.QuestionnaireVersion)
            ?? throw new InvalidOperationException($"Questionnaire {row.QuestionnaireId} v{row.QuestionnaireVersion} is not loaded.");
        var answers = answerRows.Where(a => AnswerValues.IsGiven(a.Value)).ToDictionary(a => a.QuestionKey, a => a.Value!);
        var schoolQuestions = questionnaire.Questions.Where(q => q.Type == AnswerType.School).Select(q => q.Key).ToHashSet();
        var schoolIds = answers.Where(a => schoolQuestions.Contains(a.Key))
            .SelectMany(a => AnswerValues.Split(a.Value))
            .Select(v => long.TryParse(v, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList();
        var textQuestions = questionnaire.Questions.Where(q => q.Type == AnswerType.Text).Select(q => q.Key).ToHashSet();
        var quotes = answerRows.Where(a => a.IsShareable && textQuestions.Contains(a.QuestionKey) && AnswerValues.IsGiven(a.Value))
            .Select(a => new ShareableQuote(a.QuestionKey, a.Value!)).ToList();
        return new ReportConversation(row.Id, row.HouseholdId, row.HeldOn, row.Earlier == 0, row.IsConfidential,
            Scoring.Score(questionnaire, answers), answers, schoolIds,
            actions.Select(a => new ReportAction(a.Kind, a.Status)).ToList(), row.CallbackWanted == true, quotes);
    }

    private sealed class CallbackRow
    {
        public long HouseholdId { get; init; }
        public DateOnly CallbackOn { get; init; }
        public long Later { get; init; }
    }

    /// <summary>Callbacks due by the end of the week; done when the household had a conversation on or after the date.</summary>
    public async Task<IReadOnlyList<ReportCallback>> CallbacksAsync(ReportWeek week)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<CallbackRow>(
            """
            SELECT c.household_id, c.callback_on,
                   (SELECT COUNT(*) FROM conversations l
                    WHERE l.household_id = c.household_id AND l.id <> c.id AND l.is_practice = FALSE
                      AND l.held_on >= c.callback_on AND l.held_on <= @sunday) AS later
            FROM conversations c JOIN households h ON h.id = c.household_id
            WHERE c.callback_wanted = TRUE AND c.callback_on IS NOT NULL AND c.callback_on <= @sunday
              AND c.is_practice = FALSE AND h.is_practice = FALSE
            """, new { sunday = week.Sunday });
        return rows.Select(r => new ReportCallback(r.HouseholdId, r.CallbackOn, r.Later > 0)).ToList();
    }

    public async Task<IReadOnlyList<SchoolName>> SchoolsAsync()
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<(long Id, string Name)>("SELECT id, name FROM schools ORDER BY name"))
            .Select(s => new SchoolName(s.Id, s.Name)).ToList();
    }

    public const string Succeeded = "gelukt";
    public const string Failed = "mislukt";
    public const string Running = "bezig";

    public async Task<long> StartRunAsync(ReportWeek week, CurrentUser? requestedBy)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO weekly_report_runs (iso_year, iso_week, status, requested_by, started_at)
            VALUES (@Year, @Week, @status, @userId, @now) RETURNING id
            """, new { week.Year, week.Week, status = Running, userId = requestedBy?.Id, now = clock.GetUtcNow() });
    }

    public async Task FinishRunAsync(long runId, string status, string? error)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE weekly_report_runs SET status = @status, error = @error, finished_at = @now WHERE id = @runId",
            new { runId, status, error, now = clock.GetUtcNow() });
    }

    public async Task SaveDocumentAsync(long runId, ReportWeek week, WeeklyDocument document, byte[] pdf, IReadOnlyList<Headline> headlines)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO weekly_documents (run_id, iso_year, iso_week, kind, school_id, title, file_name, pdf, headlines, created_at)
            VALUES (@runId, @Year, @Week, @Kind, @SchoolId, @Title, @FileName, @pdf, @headlines, @now)
            """, new { runId, week.Year, week.Week, document.Kind, document.SchoolId, document.Title, document.FileName, pdf,
                headlines = Headlines.ToJson(headlines), now = clock.GetUtcNow() });
    }

    /// <summary>The newest week that was built successfully, by the job or by hand.</summary>
    public async Task<ReportWeek?> LastBuiltWeekAsync()
    {
        await using var connection = await database.OpenAsync();
        var last = await connection.QueryFirstOrDefaultAsync<WeekRow>(
            "SELECT iso_year AS year, iso_week AS week FROM weekly_report_runs WHERE status = @Succeeded ORDER BY iso_year DESC, iso_week DESC",
            new { Succeeded });
        return last is null ? null : new ReportWeek(last.Year, last.Week);
    }

    private sealed class WeekRow
    {
        public int Year { get; init; }
        public int Week { get; init; }
    }

    /// <summary>
    /// SQL condition: weekly document <c>d</c> is of its week's newest successful build (a rebuilt week
    /// replaces the older documents). The query passes <c>@succeeded</c> = <see cref="Succeeded"/>.
    /// </summary>
    public const string IsCurrentDocument =
        "d.run_id = (SELECT MAX(r.id) FROM weekly_report_runs r WHERE r.iso_year = d.iso_year AND r.iso_week = d.iso_week AND r.status = @succeeded)";

    /// <summary>The documents of each week's newest successful run, newest week first.</summary>
    public async Task<IReadOnlyList<StoredDocument>> DocumentsAsync()
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<StoredDocument>(
            $"""
            SELECT d.id, d.iso_year AS year, d.iso_week AS week, d.kind, d.title, d.file_name, d.created_at, LENGTH(d.pdf) AS size
            FROM weekly_documents d
            WHERE {IsCurrentDocument}
            ORDER BY d.iso_year DESC, d.iso_week DESC, d.kind, d.title
            """, new { succeeded = Succeeded })).ToList();
    }

    public async Task<(string FileName, byte[] Pdf, ReportWeek Week)?> DocumentAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<DocumentRow>(
            "SELECT file_name, pdf, iso_year AS year, iso_week AS week FROM weekly_documents WHERE id = @id", new { id });
        return row is null ? null : (row.FileName, row.Pdf, new ReportWeek(row.Year, row.Week));
    }

    private sealed class DocumentRow
    {
        public string FileName { get; init; } = "";
        public byte[] Pdf { get; init; } = [];
        public int Year { get; init; }
        public int Week { get; init; }
    }

    public async Task<IReadOnlyList<ReportRun>> RecentRunsAsync(int limit)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<ReportRun>(
            $"""
            SELECT id, iso_year AS year, iso_week AS week, status, started_at, finished_at, error
            FROM weekly_report_runs ORDER BY id DESC LIMIT {limit}
            """)).ToList();
    }

    /// <summary>The approved tips: what the newsletter prints.</summary>
    public async Task<IReadOnlyList<NewsletterTip>> TipsAsync()
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<NewsletterTip>(
            "SELECT id, text FROM newsletter_tips WHERE approved_at IS NOT NULL ORDER BY id")).ToList();
    }

    /// <summary>Tips offered in a coaching session, waiting for a coordinator.</summary>
    public async Task<IReadOnlyList<NewsletterTip>> SuggestedTipsAsync()
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<NewsletterTip>(
            "SELECT id, text FROM newsletter_tips WHERE approved_at IS NULL ORDER BY id")).ToList();
    }

    /// <summary>A tip added on the tips page counts as approved; one offered in a session waits.</summary>
    public async Task AddTipAsync(string text, CurrentUser user, bool approved = true)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO newsletter_tips (text, updated_by, updated_at, approved_at) VALUES (@text, @userId, @now, @approvedAt)",
            new { text, userId = user.Id, now = clock.GetUtcNow(), approvedAt = approved ? clock.GetUtcNow() : (DateTimeOffset?)null });
    }

    public async Task<bool> ApproveTipAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            "UPDATE newsletter_tips SET approved_at = @now WHERE id = @id AND approved_at IS NULL", new { id, now = clock.GetUtcNow() }) == 1;
    }

    public async Task DeleteTipAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("DELETE FROM newsletter_tips WHERE id = @id", new { id });
    }
}

public sealed class StoredDocument
{
    public long Id { get; init; }
    public int Year { get; init; }
    public int Week { get; init; }
    public string Kind { get; init; } = "";
    public string Title { get; init; } = "";
    public string FileName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public long Size { get; init; }
}

public sealed class ReportRun
{
    public long Id { get; init; }
    public int Year { get; init; }
    public int Week { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public string? Error { get; init; }
}

public sealed class NewsletterTip
{
    public long Id { get; init; }
    public string Text { get; init; } = "";
}
