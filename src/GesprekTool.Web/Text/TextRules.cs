using System.ComponentModel.DataAnnotations;

namespace GesprekTool.Text;

/// <summary>
/// Characters that have no place in a name or an answer: control characters (a bell, an escape
/// sequence) and the bidirectional overrides that make text display differently from what is
/// stored (U+202E turns "gpj.exe" around). Ordinary line breaks and tabs are fine in free text.
/// Joiners (U+200C, U+200D) stay allowed: Persian, Arabic and emoji need them.
/// </summary>
public static class TextRules
{
    public const string Message = "Deze tekst bevat onzichtbare stuurtekens (bijvoorbeeld uit een gekopieerde tekst). Typ de tekst opnieuw zonder die tekens.";

    public static bool IsForbidden(char c, bool multiLine) =>
        c switch
        {
            '\n' or '\r' or '\t' => !multiLine,
            '\u200E' or '\u200F' or '\u061C' or '\uFEFF' => true,      // direction marks, byte-order mark
            >= '\u202A' and <= '\u202E' => true,                        // embeddings and overrides
            >= '\u2066' and <= '\u2069' => true,                        // isolates
            _ => char.IsControl(c),
        };

    public static bool IsClean(string? text, bool multiLine) => text is null || !text.Any(c => IsForbidden(c, multiLine));

    /// <summary>For text stored before these rules: what leaves the organisation (quotes in the newsletter) is cleaned on the way out.</summary>
    public static string Clean(string text, bool multiLine) => new(text.Where(c => !IsForbidden(c, multiLine)).ToArray());
}

/// <summary>Data annotation for form fields: refuses control and bidi-override characters with a Dutch message.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SafeTextAttribute : ValidationAttribute
{
    public SafeTextAttribute(bool multiLine = false)
    {
        MultiLine = multiLine;
        ErrorMessage = TextRules.Message;
    }

    public bool MultiLine { get; }

    public override bool IsValid(object? value) => TextRules.IsClean(value as string, MultiLine);
}

/// <summary>
/// A date field posted as text (yyyy-MM-dd, what a date input sends), checked with a Dutch message.
/// A DateOnly model property would be refused by the framework's form binding in English.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CalendarDateAttribute : ValidationAttribute
{
    public const string Message = "Vul een bestaande datum in, bijvoorbeeld 12-03-2026.";

    public CalendarDateAttribute() => ErrorMessage = Message;

    public override bool IsValid(object? value) => value is null or "" || Parse(value as string) is not null;

    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var date) ? date : null;
}

/// <summary>
/// A posted code must be one of a code list's keys: the same dictionary the form renders its options
/// from (a static <c>Dutch</c> property on <paramref name="codeList"/>), so a new option is added in
/// one place and a tampered one is refused with the Dutch message.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfAttribute(Type codeList) : ValidationAttribute
{
    private readonly IReadOnlyDictionary<string, string> _codes =
        codeList.GetProperty("Dutch")?.GetValue(null) as IReadOnlyDictionary<string, string>
        ?? codeList.GetField("Dutch")?.GetValue(null) as IReadOnlyDictionary<string, string>
        ?? throw new ArgumentException($"{codeList.Name} has no static Dutch code list.", nameof(codeList));

    public override bool IsValid(object? value) => value is null || (value is string code && _codes.ContainsKey(code));
}
