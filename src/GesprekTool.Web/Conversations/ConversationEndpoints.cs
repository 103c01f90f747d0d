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

    public static void MapConversationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/gesprekken/{id:long}/antwoorden", SaveAnswerAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.WithHouseholds.Split(',')));
    }

    private static async Task<IResult> SaveAnswerAsync(long id, AnswerPost post, HttpContext context,
        IAntiforgery antiforgery, ConversationStore conversations, AnswerSaving saving)
    {
        // JSON bodies are not checked by UseAntiforgery; the page sends its token in a header.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Json(new { error = "Uw sessie is verlopen. Laad de pagina opnieuw; uw antwoorden blijven op dit apparaat bewaard." },
                statusCode: StatusCodes.Status400BadRequest);
        }
        var user = context.CurrentUser();
        var conversation = await conversations.FindAsync(user, id);
        if (conversation is null)
        {
            return Results.NotFound();
        }
        if (string.IsNullOrEmpty(post.Question) || post.Values is null || post.Values.Length > 50)
        {
            return Results.Json(new { error = "Onbekende vraag." }, statusCode: StatusCodes.Status400BadRequest);
        }
        var result = await saving.SaveAsync(conversation, user, post.Question, post.Values, post.Stamp);
        return result.Status switch
        {
            AnswerSaveStatus.UnknownQuestion => Results.Json(new { error = "Onbekende vraag." }, statusCode: StatusCodes.Status400BadRequest),
            AnswerSaveStatus.Invalid => Results.Json(new { error = result.Error }, statusCode: StatusCodes.Status422UnprocessableEntity),
            AnswerSaveStatus.Finished => Results.Json(new { error = result.Error }, statusCode: StatusCodes.Status409Conflict),
            _ => Results.Json(await StateAsync(conversation, conversations, saving, result.Status)),
        };
    }

    /// <summary>What the page needs after a save: progress and which questions now apply.</summary>
    private static async Task<object> StateAsync(Conversation conversation, ConversationStore conversations, AnswerSaving saving,
        AnswerSaveStatus status)
    {
        var questionnaire = saving.QuestionnaireOf(conversation);
        var answers = await conversations.CurrentValuesAsync(conversation.Id);
        return new
        {
            status = status.ToString().ToLowerInvariant(),
            progress = SkipLogic.ProgressOf(questionnaire, answers).Dutch,
            hiddenQuestions = questionnaire.Questions.Where(q => !SkipLogic.Applies(questionnaire, q, answers)).Select(q => q.Key),
            hiddenSections = questionnaire.Sections.Where(s => !SkipLogic.Applies(questionnaire, s, answers)).Select(s => s.Key),
        };
    }
}
