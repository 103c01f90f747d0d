using System.Globalization;
using System.Text;

namespace GesprekTool.Questionnaires;

/// <summary>
/// Checks what a worker entered against the question's answer type and returns the value to store
/// (see <see cref="AnswerValues"/>) or a Dutch message to show next to the field.
/// </summary>
public static class AnswerValidator
{
    /// <param name="inputs">The submitted values: one for most types, several for multiple choice.</param>
    /// <param name="schoolIds">Schools that can be chosen for a school question.</param>
    public static AnswerCheck Check(Question question, IReadOnlyList<string> inputs, IReadOnlySet<string> schoolIds)
    {
        var parts = inputs.Select(i => i.Trim()).Where(i => i.Length > 0).ToList();
        if (parts.Count == 0)
        {
            return AnswerCheck.Empty;
        }
        // "Wil niet antwoorden" wins over anything else sent with it: the page clears the field when it is ticked.
        if (parts.Contains(AnswerValues.Declined))
        {
            return AnswerCheck.Valid(AnswerValues.Declined);
        }
        return question.Type switch
        {
            AnswerType.Number => CheckNumber(parts, question.Min!.Value, question.Max!.Value,
                $"Vul een heel getal in van {question.Min} tot en met {question.Max}."),
            AnswerType.Scale => CheckNumber(parts, 1, 10, "Kies een cijfer van 1 tot en met 10."),
            AnswerType.YesNo or AnswerType.Choice => CheckChoice(question, parts),
            AnswerType.MultipleChoice => CheckMultipleChoice(question, parts),
            AnswerType.School => CheckSchools(parts, schoolIds),
            AnswerType.Text => CheckText(parts, question.MaxLength),
        };
    }

    public const string OtherSchool = "anders";

    private static AnswerCheck CheckNumber(List<string> parts, int min, int max, string message)
    {
        if (parts.Count != 1 || !int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return AnswerCheck.Invalid(message);
        }
        return number < min || number > max
            ? AnswerCheck.Invalid(message)
            : AnswerCheck.Valid(number.ToString(CultureInfo.InvariantCulture));
    }

    private static AnswerCheck CheckChoice(Question question, List<string> parts) =>
        parts.Count == 1 && question.Options.Any(o => o.Value == parts[0])
            ? AnswerCheck.Valid(parts[0])
            : AnswerCheck.Invalid("Kies een van de gegeven antwoorden.");

    private static AnswerCheck CheckMultipleChoice(Question question, List<string> parts)
    {
        var chosen = parts.SelectMany(AnswerValues.Split).Distinct().ToList();
        if (chosen.Any(value => question.Options.All(o => o.Value != value)))
        {
            return AnswerCheck.Invalid("Kies alleen uit de gegeven antwoorden.");
        }
        // Stored in the questionnaire's order, so the same choice always has the same value.
        return AnswerCheck.Valid(AnswerValues.Join(question.Options.Select(o => o.Value).Where(chosen.Contains)));
    }

    private static AnswerCheck CheckSchools(List<string> parts, IReadOnlySet<string> schoolIds)
    {
        var chosen = parts.SelectMany(AnswerValues.Split).Distinct().ToList();
        if (chosen.Any(id => id != OtherSchool && !schoolIds.Contains(id)))
        {
            return AnswerCheck.Invalid("Kies een school uit de lijst, of 'Andere school'.");
        }
        return AnswerCheck.Valid(AnswerValues.Join(chosen.Order(StringComparer.Ordinal)));
    }

    private static AnswerCheck CheckText(List<string> parts, int maxLength)
    {
        var text = string.Join("\n", parts).Replace("\r\n", "\n").Normalize(NormalizationForm.FormC);
        if (!Text.TextRules.IsClean(text, multiLine: true))
        {
            return AnswerCheck.Invalid(Text.TextRules.Message);
        }
        return text.Length > maxLength
            ? AnswerCheck.Invalid($"Dit antwoord is te lang: maximaal {maxLength} tekens (nu {text.Length}).")
            : AnswerCheck.Valid(text);
    }

}

/// <summary>Outcome of checking one answer: a value to store, empty (cleared), or a Dutch error.</summary>
public sealed record AnswerCheck(bool IsValid, string? Value, string? Error)
{
    public static readonly AnswerCheck Empty = new(true, null, null);
    public static AnswerCheck Valid(string value) => new(true, value, null);
    public static AnswerCheck Invalid(string error) => new(false, null, error);
}
