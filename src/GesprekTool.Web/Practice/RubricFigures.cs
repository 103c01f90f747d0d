using System.Globalization;

namespace GesprekTool.Practice;

/// <summary>The rubric's figures as a person reads them, with the verdict in Dutch.</summary>
public static class RubricFigures
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static string Ratio(Figure figure) => figure.Value is { } v ? v.ToString("0.0", Dutch) : "–";

    public static string Share(Figure figure) => figure.Value is { } v ? v.ToString("0%", Dutch) : "–";

    public static string Average(Figure figure) => figure.Value is { } v ? v.ToString("0.0", Dutch) : "–";

    public static string VerdictText(Verdict verdict) => verdict switch
    {
        Verdict.Good => "goed",
        Verdict.Fair => "redelijk",
        Verdict.BelowFair => "onder redelijk",
        Verdict.NotApplicable => "niet te berekenen",
    };
}
