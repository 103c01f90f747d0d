using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Questionnaires;
using GesprekTool.Schools;

namespace GesprekTool.Conversations;

public enum AnswerSaveStatus { Saved, Unchanged, Stale, Invalid, UnknownQuestion, Finished }

/// <summary>What happened to a save; the answers as they now stand; for a stale one, the newer answer that stays.</summary>
public sealed record AnswerSaveResult(AnswerSaveStatus Status, string? Error = null, StoredAnswer? Newer = null,
    IReadOnlyDictionary<string, string>? CurrentValues = null);

/// <summary>
/// The one path by which an answer is stored, for plain form posts and autosave alike: checks the
/// question exists in the conversation's questionnaire version, the conversation is still open and
/// the value fits the answer type, then stores it and writes the audit log.
/// </summary>
public sealed class AnswerSaving(ConversationStore conversations, SchoolStore schools, QuestionnaireCatalog questionnaires,
    TimeProvider clock)
{
    public const string FinishedMessage = "Dit gesprek is afgerond. Heropen het gesprek om een antwoord te corrigeren.";

    public Questionnaire QuestionnaireOf(Conversation conversation) =>
        questionnaires.Find(conversation.QuestionnaireId, conversation.QuestionnaireVersion)
        ?? throw new InvalidOperationException(
            $"Questionnaire {conversation.QuestionnaireId} v{conversation.QuestionnaireVersion} of conversation {conversation.Id} is not loaded.");

    public async Task<IReadOnlySet<string>> SchoolIdsAsync() =>
        (await schools.ListAsync()).Select(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    public async Task<AnswerSaveResult> SaveAsync(Conversation conversation, CurrentUser user, string questionKey,
        IReadOnlyList<string> inputs, long clientStamp, IReadOnlySet<string>? schoolIds = null)
    {
        var question = QuestionnaireOf(conversation).FindQuestion(questionKey);
        if (question is null)
        {
            return new(AnswerSaveStatus.UnknownQuestion);
        }
        if (conversation.IsFinished)
        {
            return new(AnswerSaveStatus.Finished, FinishedMessage);
        }
        // Only a school question needs the school list; other saves skip that query.
        schoolIds ??= question.Type == AnswerType.School ? await SchoolIdsAsync() : new HashSet<string>();
        var check = AnswerValidator.Check(question, inputs, schoolIds);
        if (!check.IsValid)
        {
            return new(AnswerSaveStatus.Invalid, check.Error);
        }
        var write = await conversations.SaveAnswerAsync(conversation, user, questionKey, check.Value, ClampStamp(clientStamp),
            new AuditEvent(user, "answer.saved", "conversation", conversation.Id, questionKey));
        if (write.Outcome == SaveOutcome.Stale)
        {
            var newer = write.CurrentAnswers.FirstOrDefault(a => a.QuestionKey == questionKey);
            return new(AnswerSaveStatus.Stale, StaleMessage(newer), newer, write.CurrentValues);
        }
        return new(write.Outcome == SaveOutcome.Saved ? AnswerSaveStatus.Saved : AnswerSaveStatus.Unchanged, CurrentValues: write.CurrentValues);
    }

    private static string StaleMessage(StoredAnswer? newer) =>
        "Niet opgeslagen: er is intussen een nieuwer antwoord opgeslagen" +
        (newer is null ? "" : $" door {newer.AnsweredByName} om {DutchDate.Time(newer.AnsweredAt)}") +
        ". Dat antwoord staat nu in het veld; uw eigen tekst staat eronder om te kopiëren.";

    /// <summary>A stamp from a browser clock far in the future would block every later edit.</summary>
    private long ClampStamp(long clientStamp) =>
        Math.Min(clientStamp, clock.GetUtcNow().AddMinutes(5).ToUnixTimeMilliseconds());
}
