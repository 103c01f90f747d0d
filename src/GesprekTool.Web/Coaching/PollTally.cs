namespace GesprekTool.Coaching;

/// <summary>A live poll: a multiple-choice question, a 1–5 scale or a few words.</summary>
public enum PollKind { Choice, Scale, Words }

/// <summary>One bar of a poll's result: a label and how many answered it.</summary>
public sealed record PollBar(string Label, int Count);

/// <summary>
/// Counts a poll's anonymous answers. Answers are stored without who gave them, so these tallies
/// are all there is to show; the counting is plain so it is easy to test.
/// </summary>
public static class PollTally
{
    public const int MaxWordsLength = 40;

    public static IReadOnlyList<PollBar> Count(PollKind kind, IReadOnlyList<string> options, IReadOnlyList<string> answers) => kind switch
    {
        PollKind.Choice => options.Select(o => new PollBar(o, answers.Count(a => a == o))).ToList(),
        PollKind.Scale => Enumerable.Range(1, 5).Select(i => new PollBar(i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            answers.Count(a => a == i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList(),
        PollKind.Words => answers.Select(Normalise).Where(w => w.Length > 0)
            .GroupBy(w => w).Select(g => new PollBar(g.Key, g.Count()))
            .OrderByDescending(b => b.Count).ThenBy(b => b.Label, StringComparer.Ordinal).ToList(),
    };

    /// <summary>The answer as stored, or null when it is not a valid answer to this poll.</summary>
    public static string? Accept(PollKind kind, IReadOnlyList<string> options, string? answer)
    {
        var value = (answer ?? "").Trim();
        return kind switch
        {
            PollKind.Choice => options.Contains(value) ? value : null,
            PollKind.Scale => value is "1" or "2" or "3" or "4" or "5" ? value : null,
            // The same rule as every free-text field: no control or bidi characters stored.
            PollKind.Words => Normalise(value) is { Length: > 0 and <= MaxWordsLength } words && Text.TextRules.IsClean(words, multiLine: false) ? words : null,
        };
    }

    /// <summary>The mean of a 1–5 poll, or null without answers.</summary>
    public static double? Mean(IReadOnlyList<string> answers)
    {
        var numbers = answers.Select(a => int.TryParse(a, out var n) ? n : 0).Where(n => n is >= 1 and <= 5).ToList();
        return numbers.Count == 0 ? null : numbers.Average();
    }

    /// <summary>Words polls group answers that differ only in case and spacing.</summary>
    private static string Normalise(string answer) =>
        string.Join(' ', answer.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static string CodeOf(PollKind kind) => kind switch
    {
        PollKind.Choice => "keuze",
        PollKind.Scale => "schaal",
        PollKind.Words => "woorden",
    };

    public static PollKind? FromCode(string? code) =>
        Enum.GetValues<PollKind>().Cast<PollKind?>().FirstOrDefault(k => CodeOf(k!.Value) == code);
}
