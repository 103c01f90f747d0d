namespace GesprekTool.Questionnaires;

/// <summary>
/// A test on one answer: used for skip logic (show a question or section only when ...) and for
/// scoring rules. <see cref="Question"/> is null inside a scoring rule, where the rule's own
/// question is meant.
/// </summary>
public sealed record Condition(
    string? Question,
    IReadOnlyList<string> AnyOf,
    int? AtLeast,
    int? AtMost)
{
    /// <summary>Whether a stored answer value satisfies the condition. Multiple-choice values
    /// (separated by ';') match when any of their parts matches.</summary>
    public bool IsMetBy(string value)
    {
        if (AnyOf.Count > 0)
        {
            return AnswerValues.Split(value).Any(part => AnyOf.Contains(part));
        }
        if (!int.TryParse(value, out var number))
        {
            return false;
        }
        return (AtLeast is null || number >= AtLeast) && (AtMost is null || number <= AtMost);
    }
}

/// <summary>Stored form of answers: one string per answer; multiple choices joined by ';'.</summary>
public static class AnswerValues
{
    public const char Separator = ';';

    public static IReadOnlyList<string> Split(string value) =>
        value.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IEnumerable<string> parts) => string.Join(Separator, parts);
}
