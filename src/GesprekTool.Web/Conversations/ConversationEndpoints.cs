using GesprekTool.Accounts;
using GesprekTool.Questionnaires;
using Microsoft.AspNetCore.Antiforgery;

namespace GesprekTool.Conversations;

/// <summary>
/// Autosave: the conversation page's script posts each answer here as it is given (and again
/// from its offline queue). Without JavaScript the page's own form post does the same work.
/// </summary>
internal static class ConversationEndpoints
{
    public sealed record AnswerPost(string? Question, string[]? Values, long Stamp);

    public static string AnswersUrl(long conversationId) => $"/gesprekken/{conversationId}/antwoorden";

    /// <summary>The page says here (a beacon as it closes) that the worker left a section: paradata.</summary>
    public static string SectionLeftUrl(long conversationId) => $"/gesprekken/{conversationId}/deel-verlaten";

    public static void MapConversationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/gesprekken/{id:long}/antwoorden", SaveAnswerAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.WithHouseholdsList));
        endpoints.MapPost("/gesprekken/{id:long}/deel-verlaten", SectionLeftAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.WithHouseholdsList));
    }

    /// <summary>Only the worker holding an open conversation leaves paradata; anything else is ignored quietly.</summary>
    private static async Task<IResult> SectionLeftAsync(long id, HttpContext context, CurrentUser user, IAntiforgery antiforgery,
        ConversationStore conversations, AnswerSaving saving, Quality.ConversationEventStore paradata)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return DutchProblem.Result(StatusCodes.Status400BadRequest, "Uw sessie is verlopen. Laad de pagina opnieuw.", "session_expired");
        }
        var section = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync())["deel"].ToString() : "";
        var conversation = await conversations.FindAsync(user, id);
        if (conversation is null || conversation.IsFinished || conversation.WorkerId != user.Id
            || saving.QuestionnaireOf(conversation).Sections.All(s => s.Key != section))
        {
            return Results.NoContent();
        }
        await paradata.RecordAsync(id, Quality.ConversationEventKinds.SectionLeft, section);
        return Results.NoContent();
    }

    private static async Task<IResult> SaveAnswerAsync(long id, HttpContext context, CurrentUser user,
        IAntiforgery antiforgery, ConversationStore conversations, AnswerSaving saving)
    {
        // JSON bodies are not checked by UseAntiforgery; the page sends its token in a header.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return DutchProblem.Result(StatusCodes.Status400BadRequest,
                "Uw sessie is verlopen. Laad de pagina opnieuw; uw antwoorden blijven op dit apparaat bewaard.", "session_expired");
        }
        var conversation = await conversations.FindAsync(user, id);
        if (conversation is null)
        {
            return DutchProblem.Result(StatusCodes.Status404NotFound, "Dit gesprek bestaat niet of hoort niet bij uw gezinnen.");
        }
        var post = await ReadPostAsync(context.Request);
        if (post is null)
        {
            return DutchProblem.Result(StatusCodes.Status400BadRequest,
                "Dit antwoord kon niet worden gelezen. Laad de pagina opnieuw; wat al is opgeslagen blijft bewaard.", "unreadable");
        }
        var result = await saving.SaveAsync(conversation, user, post.Question!, post.Values!, post.Stamp);
        return result.Status switch
        {
            AnswerSaveStatus.UnknownQuestion => DutchProblem.Result(StatusCodes.Status400BadRequest, "Onbekende vraag.", "unknown_question"),
            AnswerSaveStatus.Invalid => DutchProblem.Result(StatusCodes.Status422UnprocessableEntity, result.Error!, "invalid"),
            AnswerSaveStatus.Finished => DutchProblem.Result(StatusCodes.Status409Conflict, result.Error!, "finished"),
            // Never "saved" for a value the database did not keep: say so, and send the newer value.
            AnswerSaveStatus.Stale => DutchProblem.Result(StatusCodes.Status409Conflict, result.Error!, "stale",
                new { current = ValuesOf(saving.QuestionnaireOf(conversation).FindQuestion(post.Question!), result.Newer?.Value) }),
            _ => Results.Json(StateOf(conversation, saving, result)),
        };
    }

    /// <summary>
    /// The body, read by hand so malformed JSON, a missing field or a null among the values gets
    /// a Dutch 400 instead of the framework's English error or a 500.
    /// </summary>
    private static async Task<AnswerPost?> ReadPostAsync(HttpRequest request)
    {
        try
        {
            var post = await request.ReadFromJsonAsync<AnswerPost>();
            return post is { Question.Length: > 0 and <= 100, Values: { Length: <= 50 } values } && values.All(v => v is { Length: <= 20_000 })
                ? post : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return null;
        }
    }

    /// <summary>A stored value as the form's field values (choices are stored joined).</summary>
    private static IReadOnlyList<string> ValuesOf(Question? question, string? value) =>
        value is null || question is null ? []
        : question.Type switch
        {
            AnswerType.YesNo or AnswerType.Choice or AnswerType.MultipleChoice or AnswerType.School => AnswerValues.Split(value),
            AnswerType.Number or AnswerType.Scale or AnswerType.Text => [value],
        };

    /// <summary>What the page needs after a save: progress and which questions now apply (answers read in the save's transaction).</summary>
    private static object StateOf(Conversation conversation, AnswerSaving saving, AnswerSaveResult result)
    {
        var questionnaire = saving.QuestionnaireOf(conversation);
        var answers = result.CurrentValues ?? new Dictionary<string, string>();
        var status = result.Status;
        return new
        {
            status = status.ToString().ToLowerInvariant(),
            progress = SkipLogic.ProgressOf(questionnaire, answers).Dutch,
            hiddenQuestions = questionnaire.Questions.Where(q => !SkipLogic.Applies(questionnaire, q, answers)).Select(q => q.Key),
            hiddenSections = questionnaire.Sections.Where(s => !SkipLogic.Applies(questionnaire, s, answers)).Select(s => s.Key),
        };
    }
}
