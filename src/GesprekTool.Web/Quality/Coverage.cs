using GesprekTool.Questionnaires;

namespace GesprekTool.Quality;

/// <summary>What happened to one question of the script in one finished conversation.</summary>
public enum QuestionOutcome
{
    /// <summary>Skip logic left it out (for example school questions without school-going children).</summary>
    NotApplicable,
    /// <summary>It applied and has an answer.</summary>
    Covered,
    /// <summary>The worker marked "wil niet antwoorden".</summary>
    Declined,
    /// <summary>It applied and was left empty at finish.</summary>
    Skipped,
}

/// <summary>Coverage of the script in one conversation, with the same skip logic the page uses.</summary>
public static class Coverage
{
    /// <param name="answers">The current stored values; "wil niet antwoorden" is <see cref="AnswerValues.Declined"/>.</param>
    public static IReadOnlyDictionary<string, QuestionOutcome> Of(Questionnaire questionnaire, IReadOnlyDictionary<string, string> answers)
    {
        var applicable = SkipLogic.ApplicableQuestions(questionnaire, answers).Select(q => q.Key).ToHashSet();
        return questionnaire.Questions.ToDictionary(q => q.Key, q =>
            !applicable.Contains(q.Key) ? QuestionOutcome.NotApplicable
            : answers.GetValueOrDefault(q.Key) == AnswerValues.Declined ? QuestionOutcome.Declined
            : AnswerValues.IsGiven(answers.GetValueOrDefault(q.Key)) ? QuestionOutcome.Covered
            : QuestionOutcome.Skipped);
    }
}
