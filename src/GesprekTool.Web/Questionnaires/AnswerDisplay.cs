namespace GesprekTool.Questionnaires;

/// <summary>A stored answer as a person reads it: option labels instead of values, school names instead of ids.</summary>
public static class AnswerDisplay
{
    public const string DeclinedText = "Wil niet antwoorden";

    public static string Dutch(Question question, string? value, IReadOnlyDictionary<string, string> schoolNames)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "(gewist)";
        }
        if (value == AnswerValues.Declined)
        {
            return DeclinedText;
        }
        return question.Type switch
        {
            AnswerType.YesNo or AnswerType.Choice or AnswerType.MultipleChoice => string.Join(", ",
                AnswerValues.Split(value).Select(v => question.Options.FirstOrDefault(o => o.Value == v)?.Text.Dutch ?? v)),
            AnswerType.School => string.Join(", ",
                AnswerValues.Split(value).Select(v => v == AnswerValidator.OtherSchool ? "Andere school" : schoolNames.GetValueOrDefault(v, v))),
            AnswerType.Number or AnswerType.Scale or AnswerType.Text => value,
        };
    }
}
