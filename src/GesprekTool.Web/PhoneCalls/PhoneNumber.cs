namespace GesprekTool.PhoneCalls;

/// <summary>
/// A household's phone number, kept in international form (E.164: +31612345678). Workers type
/// numbers every way they see them ("06-12345678", "+31 (0)71 512 3456", "0031 6 …"); all of them
/// become one form, so the app can compare the number dialled with the household's.
/// </summary>
public sealed record PhoneNumber(string E164)
{
    public const string Netherlands = "+31";

    public bool IsDutch => E164.StartsWith(Netherlands, StringComparison.Ordinal);

    /// <summary>The digits after +31 (nine for every Dutch number).</summary>
    private string National => E164[Netherlands.Length..];

    public bool IsMobile => IsDutch && National[0] == '6';

    /// <summary>As Dutch workers write it: "06 1234 5678", "071 512 3456", "020 123 4567"; abroad: "+32 470123456".</summary>
    public string Display
    {
        get
        {
            if (!IsDutch)
            {
                return E164;
            }
            var n = National;
            if (IsMobile)
            {
                return $"0{n[..1]} {n[1..5]} {n[5..]}";
            }
            var areaLength = ThreeDigitAreaCodes.Contains(n[..2]) || n[0] == '8' ? 2 : 3;
            return $"0{n[..areaLength]} {n[areaLength..(areaLength + 3)]} {n[(areaLength + 3)..]}";
        }
    }

    /// <summary>What the trunk is sent: international (+31612345678) or national (0612345678).</summary>
    public string ForDialling(bool national) => national && IsDutch ? "0" + National : E164;

    // 010 Rotterdam, 020 Amsterdam, 070 Den Haag, …: the rest of the Dutch area codes have four digits.
    private static readonly HashSet<string> ThreeDigitAreaCodes =
        ["10", "13", "15", "20", "23", "24", "26", "30", "33", "35", "36", "38", "40", "43", "45", "46", "50", "53", "55", "58",
         "70", "71", "72", "73", "74", "75", "76", "77", "78", "79"];

    public const string Example = "Vul een telefoonnummer in, bijvoorbeeld 06 1234 5678 of 071 512 3456.";

    /// <summary>
    /// The number, or a Dutch message for the worker. Dutch numbers must be a mobile (06), a
    /// geographic (01–05, 07) or a company number (085, 087, 088): pager, premium-rate, free-phone
    /// and service numbers never belong to a family. Numbers abroad are kept in their international
    /// form (whether they may be dialled is the organisation's setting, see <see cref="DiallingRules"/>).
    /// </summary>
    public static (PhoneNumber? Number, string? Error) Parse(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return (null, "Vul een telefoonnummer in.");
        }
        var text = typed.Trim().Replace("(0)", "", StringComparison.Ordinal);
        var plus = text.StartsWith('+');
        if (text.Length > 30 || text.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')' or '/' || (c == '+' && text.IndexOf(c) == 0))))
        {
            return (null, Example);
        }
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        string international;
        if (plus)
        {
            international = "+" + digits;
        }
        else if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            international = "+" + digits[2..];
        }
        else if (digits.StartsWith('0'))
        {
            international = Netherlands + digits[1..];
        }
        else
        {
            return (null, "Begin het nummer met 0 (in Nederland) of met + en de landcode.");
        }
        return international.StartsWith(Netherlands, StringComparison.Ordinal) ? Dutch(international) : Abroad(international);
    }

    private static (PhoneNumber?, string?) Dutch(string international)
    {
        var n = international[Netherlands.Length..];
        // Service numbers first: their length varies (0900 1234 to 0900 1234567).
        if (n.Length >= 2 && (n[0] is '8' && n[1] is not ('5' or '7' or '8') || n[0] is '9' or '0'))
        {
            return (null, "Betaalnummers en servicenummers (0800, 0900, 0906, 0909) horen niet bij een gezin; vul het eigen nummer in.");
        }
        if (n.Length != 9)
        {
            return (null, "Een Nederlands nummer heeft tien cijfers, bijvoorbeeld 06 1234 5678 of 071 512 3456.");
        }
        if (n.StartsWith("66", StringComparison.Ordinal) || n.StartsWith("67", StringComparison.Ordinal))
        {
            return (null, "Dit is een pieper- of internetnummer (066, 067); vul het gewone nummer van het gezin in.");
        }
        return (new PhoneNumber(international), null);
    }

    private static (PhoneNumber?, string?) Abroad(string international)
    {
        var digits = international.Length - 1;
        return digits is < 8 or > 15 || international[1] == '0'
            ? (null, "Dit buitenlandse nummer klopt niet: + met de landcode en daarna 6 tot 13 cijfers.")
            : (new PhoneNumber(international), null);
    }

    public override string ToString() => E164;
}

/// <summary>Which numbers the organisation lets its workers dial from the app.</summary>
public static class DiallingRules
{
    public static string? Refusal(PhoneNumber number, bool internationalAllowed) =>
        number.IsDutch || internationalAllowed ? null
            : "Bellen naar het buitenland staat uit. Vraag de beheerder het aan te zetten, of bel het gezin op een andere manier.";
}
