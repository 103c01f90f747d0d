using System.Globalization;

namespace GesprekTool.Audit;

/// <summary>Dutch names for what the log is about, and the filter read from a query string.</summary>
public static class AuditTexts
{
    public static readonly IReadOnlyDictionary<string, string> SubjectTypes = new Dictionary<string, string>
    {
        ["household"] = "Gezin",
        ["conversation"] = "Gesprek",
        ["call"] = "Videogesprek",
        ["user"] = "Gebruiker",
        ["school"] = "School",
        ["week"] = "Weekoverzicht",
        ["document"] = "Document",
    };

    public static string Subject(AuditEntry entry) =>
        entry.SubjectType is null ? "—" : $"{SubjectTypes.GetValueOrDefault(entry.SubjectType, entry.SubjectType)} {entry.SubjectId}";

    /// <summary>The filter from the page's query string; values that make no sense are named in Dutch and ignored.</summary>
    public static (AuditFilter Filter, IReadOnlyList<string> Errors) ParseFilter(IQueryCollection query)
    {
        var errors = new List<string>();
        var from = Date(query["van"], "De datum 'van'", errors);
        var to = Date(query["tot"], "De datum 'tot en met'", errors);
        var household = Number(query["gezin"], "Het gezinsnummer", errors);
        var subjectId = Number(query["nummer"], "Het nummer", errors);
        string? subjectType = query["soort"];
        if (!string.IsNullOrEmpty(subjectType) && !SubjectTypes.ContainsKey(subjectType))
        {
            errors.Add("Kies een onderwerp uit de lijst.");
            subjectType = null;
        }
        if (from > to)
        {
            errors.Add("De datum 'van' ligt na 'tot en met'.");
        }
        return (new AuditFilter(from, to, Short(query["gebruiker"]), household, subjectType, subjectId, Short(query["actie"])), errors);
    }

    private static DateOnly? Date(string? text, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add($"{name} is geen bestaande datum.");
        return null;
    }

    private static long? Number(string? text, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        errors.Add($"{name} moet een getal zijn.");
        return null;
    }

    private static string? Short(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Length > 100 ? text[..100] : text;
}
