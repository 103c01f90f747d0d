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

    /// <summary>
    /// Stored when the household does not want to answer ("wil niet antwoorden"). It is a value so it
    /// travels the same save path (revisions, offline queue, newest wins), but it is no answer: reports,
    /// scores and sharing leave it out (<see cref="IsGiven"/>), and it matches no condition.
    /// </summary>
    public const string Declined = "~wil-niet-antwoorden";

    /// <summary>Whether a stored value is an answer someone gave (not empty, not declined).</summary>
    public static bool IsGiven(string? value) => !string.IsNullOrWhiteSpace(value) && value != Declined;

    public static IReadOnlyList<string> Split(string value) =>
        value.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IEnumerable<string> parts) => string.Join(Separator, parts);
}
