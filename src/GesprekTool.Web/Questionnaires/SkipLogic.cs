namespace GesprekTool.Questionnaires;

/// <summary>
/// Which questions apply to a household, given the answers so far. A question (or section) with a
/// condition is skipped when the question it depends on is itself skipped, or has been answered
/// and the answer does not meet the condition. An unanswered condition keeps it visible, so the
/// worker never misses a question. Conditions only look back, so this always ends.
/// </summary>
public static class SkipLogic
{
    public static bool Applies(Questionnaire questionnaire, Question question, IReadOnlyDictionary<string, string> answers) =>
        Applies(questionnaire, questionnaire.SectionOf(question), answers) && IsShown(questionnaire, question.ShowWhen, answers);

    public static bool Applies(Questionnaire questionnaire, Section section, IReadOnlyDictionary<string, string> answers) =>
        IsShown(questionnaire, section.ShowWhen, answers);

    public static IReadOnlyList<Question> ApplicableQuestions(Questionnaire questionnaire, IReadOnlyDictionary<string, string> answers) =>
        questionnaire.Questions.Where(q => Applies(questionnaire, q, answers)).ToList();

    public static AnswerProgress ProgressOf(Questionnaire questionnaire, IReadOnlyDictionary<string, string> answers)
    {
        var applicable = ApplicableQuestions(questionnaire, answers);
        var answered = applicable.Count(q => answers.TryGetValue(q.Key, out var v) && v.Length > 0);
        return new AnswerProgress(answered, applicable.Count);
    }

    private static bool IsShown(Questionnaire questionnaire, Condition? condition, IReadOnlyDictionary<string, string> answers)
    {
        if (condition?.Question is null)
        {
            return true;
        }
        var dependency = questionnaire.FindQuestion(condition.Question)!;
        if (!Applies(questionnaire, dependency, answers))
        {
            return false;
        }
        return !answers.TryGetValue(condition.Question, out var value) || value.Length == 0 || condition.IsMetBy(value);
    }
}

public sealed record AnswerProgress(int Answered, int Applicable)
{
    public string Dutch => $"{Answered} van {Applicable} vragen beantwoord";
}
