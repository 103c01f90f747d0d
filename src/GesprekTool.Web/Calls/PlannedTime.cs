using System.Globalization;

namespace GesprekTool.Calls;

/// <summary>
/// The time a worker plans the call for, as the invitation names it. Read as Amsterdam time; it must
/// fall while the link works (a time before now, or after the link expires, would mislead the family).
/// </summary>
public static class PlannedTime
{
    // Worth a few minutes of slack: the worker may type "now" while the clock turns.
    private static readonly TimeSpan PastSlack = TimeSpan.FromMinutes(10);

    public static (DateTimeOffset? At, string? Error) Parse(string? text, DateTimeOffset now, TimeSpan linkLifetime)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }
        if (!DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return (null, "Het tijdstip is niet te lezen. Kies een datum en tijd, of laat het veld leeg.");
        }
        if (DutchDate.Amsterdam.IsInvalidTime(local))
        {
            return (null, "Dat tijdstip bestaat niet (de klok wordt verzet). Kies een ander tijdstip.");
        }
        var at = new DateTimeOffset(local, DutchDate.Amsterdam.GetUtcOffset(local)).ToUniversalTime();
        if (at < now - PastSlack)
        {
            return (null, "Dat tijdstip is al voorbij. Kies een tijdstip vanaf nu, of laat het veld leeg.");
        }
        if (at > now + linkLifetime)
        {
            return (null, $"De link werkt tot {DutchDate.Moment(now + linkLifetime)}. Kies een tijdstip daarvoor, of maak de link later.");
        }
        return (at, null);
    }
}
