namespace GesprekTool.Quality;

/// <summary>Quality figures as the pages show them; a suppressed cell reads "te weinig".</summary>
public static class QualityText
{
    public const string TooFew = "te weinig";

    public static string Share(double? share) => share is { } value ? value.ToString("P0", DutchDate.Culture) : TooFew;

    public static string Minutes(TimeSpan? time) => time is { } value ? $"{Math.Round(value.TotalMinutes):0} min" : TooFew;
}
