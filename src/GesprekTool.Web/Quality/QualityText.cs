namespace GesprekTool.Quality;

/// <summary>Quality figures as the pages show them; a suppressed cell reads "te weinig" and says of what.</summary>
public static class QualityText
{
    public const string TooFew = "te weinig";

    /// <summary>The explanation the pages print above their tables.</summary>
    public static string Rule(GroupRule rule) => rule.Workers > 1
        ? $"Een cijfer staat er alleen bij minstens {rule.Conversations} gesprekken van minstens {rule.Workers} verschillende medewerkers; anders staat er \"{TooFew} gesprekken\" of \"{TooFew} medewerkers\", zodat geen cijfer over één persoon gaat."
        : $"Een cijfer staat er alleen bij minstens {rule.Conversations} gesprekken; anders staat er \"{TooFew} gesprekken\".";

    public static string Share(Figure<double> share) => share.Value is { } value ? value.ToString("P0", DutchDate.Culture) : Why(share.Why);

    public static string Minutes(Figure<TimeSpan> time) => time.Value is { } value ? $"{Math.Round(value.TotalMinutes):0} min" : Why(time.Why);

    public static string Count(Figure<int> count) => count.Value is { } value ? value.ToString(DutchDate.Culture) : Why(count.Why);

    private static string Why(TooFew why) => why switch
    {
        GesprekTool.Quality.TooFew.Workers => $"{TooFew} medewerkers",
        _ => $"{TooFew} gesprekken",
    };
}
