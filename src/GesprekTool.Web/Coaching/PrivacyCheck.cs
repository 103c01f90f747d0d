using System.Text.RegularExpressions;

namespace GesprekTool.Coaching;

/// <summary>What in a text looks like it could identify a family, and why.</summary>
public sealed record PrivacyFlag(string Text, string Why);

/// <summary>
/// A case is brought in without names. Before a contribution is shared, this heuristic flags text
/// that looks like a name, an address, a postcode, a phone number, an e-mail address or a date of
/// birth; the worker then removes it or confirms. It is a reminder, not a guarantee: it misses names
/// written in lower case and flags some ordinary capitalised words, which is why the worker decides.
/// </summary>
public static partial class PrivacyCheck
{
    public static IReadOnlyList<PrivacyFlag> Flags(string text)
    {
        var flags = new List<PrivacyFlag>();
        void Add(Regex pattern, string why)
        {
            foreach (Match match in pattern.Matches(text))
            {
                if (!flags.Any(f => f.Text.Contains(match.Value.Trim(), StringComparison.Ordinal)))
                {
                    flags.Add(new PrivacyFlag(match.Value.Trim(), why));
                }
            }
        }
        Add(Email(), "lijkt een e-mailadres");
        Add(Phone(), "lijkt een telefoonnummer");
        Add(Postcode(), "lijkt een postcode");
        Add(Street(), "lijkt een adres");
        Add(BirthDate(), "lijkt een (geboorte)datum");
        Add(TitledName(), "lijkt een naam");
        Add(FullName(), "lijkt een naam");
        return flags;
    }

    [GeneratedRegex(@"\b[\w.+-]+@[\w-]+\.[\w.]+\b")]
    private static partial Regex Email();

    // 06-12345678, 06 1234 5678, 071-5123456, +31 6 12345678
    [GeneratedRegex(@"(?<!\d)(\+31[\s-]?|0)(6[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}|[1-9]\d{1,2}[\s-]?\d{6,7})(?!\d)")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b[1-9]\d{3}\s?[A-Z]{2}\b")]
    private static partial Regex Postcode();

    [GeneratedRegex(@"\b[A-Z][a-z]+(straat|laan|weg|plein|gracht|kade|singel|dreef|hof|pad|steeg|dijk|park|plantsoen)\s+\d+[a-zA-Z]?\b")]
    private static partial Regex Street();

    // 12-03-2015, 1/3/15, 12.03.2015, "geboren op 3 maart 2015"
    [GeneratedRegex(@"\b\d{1,2}[-/.]\d{1,2}[-/.](\d{4}|\d{2})\b|\bgeboren\s+(op\s+)?\d{1,2}\s+(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)(\s+\d{4})?", RegexOptions.IgnoreCase)]
    private static partial Regex BirthDate();

    // "mevrouw Jansen", "dhr. El Amrani", "zoon Ahmed", "juf Petra"
    [GeneratedRegex(@"\b(?i:mevrouw|meneer|mevr\.|mw\.|dhr\.|moeder|vader|zoon|dochter|broer|zus|oma|opa|juf|meester|familie|gezin)\s+(van\s+|de\s+|el\s+|al\s+)?[A-Z][\p{Ll}'-]+")]
    private static partial Regex TitledName();

    // Two or more capitalised words in a row that do not start a sentence: "Fatima El Amrani".
    [GeneratedRegex(@"(?<![.!?:]\s|^)(?<=\s)[A-Z][\p{Ll}'-]+(\s+(van|de|der|den|el|al|ten|ter)?\s*[A-Z][\p{Ll}'-]+)+", RegexOptions.Multiline)]
    private static partial Regex FullName();
}
