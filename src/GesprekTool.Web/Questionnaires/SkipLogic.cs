namespace GesprekTool.Questionnaires;

/// <summary>
/// Which questions apply to a household, given the answers so far. A question (or section) with a
/// condition is skipped only when the question it depends on has been answered and the answer
/// does not meet the condition: until then it stays visible, so the worker never misses it.
/// </summary>
public static class SkipLogic
{
    public static bool Applies(Questionnaire questionnaire, Question question, IReadOnlyDictionary<string, string> answers)
    {
        var section = questionnaire.SectionOf(question);
        return IsShown(section.ShowWhen, answers) && IsShown(question.ShowWhen, answers);
    }

    public static bool Applies(Section section, IReadOnlyDictionary<string, string> answers) =>
        IsShown(section.ShowWhen, answers);

    public static IReadOnlyList<Question> ApplicableQuestions(Questionnaire questionnaire, IReadOnlyDictionary<string, string> answers) =>
        questionnaire.Questions.Where(q => Applies(questionnaire, q, answers)).ToList();

    public static AnswerProgress ProgressOf(Questionnaire questionnaire, IReadOnlyDictionary<string, string> answers)
    {
        var applicable = ApplicableQuestions(questionnaire, answers);
        var answered = applicable.Count(q => answers.TryGetValue(q.Key, out var v) && v.Length > 0);
        return new AnswerProgress(answered, applicable.Count);
    }

    private static bool IsShown(Condition? condition, IReadOnlyDictionary<string, string> answers)
    {
        if (condition?.Question is null)
        {
            return true;
        }
        return !answers.TryGetValue(condition.Question, out var value) || value.Length == 0 || condition.IsMetBy(value);
    }
}

public sealed record AnswerProgress(int Answered, int Applicable)
{
    public string Dutch => $"{Answered} van {Applicable} vragen beantwoord";
}
