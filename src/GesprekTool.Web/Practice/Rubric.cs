namespace GesprekTool.Practice;

/// <summary>
/// What an observer scores in a practice conversation: global ratings (1–5) and one-tap tallies of
/// what the worker does, with the thresholds that say whether the ratios are fair or good. As data,
/// so a trainer can use another rubric (format in docs/practice.md).
/// </summary>
public sealed record Rubric(string Key, string Title, string Source, IReadOnlyList<RubricGlobal> Globals,
    IReadOnlyList<RubricTally> Tallies, RubricThresholds Thresholds);

/// <summary>A global rating; its group decides which average it counts in.</summary>
public sealed record RubricGlobal(string Key, string Title, string Description, GlobalGroup Group);

public enum GlobalGroup
{
    Relational,
    Technical,
}

/// <summary>A tally the observer taps; its meaning decides which ratio it counts in.</summary>
public sealed record RubricTally(string Key, string Title, TallyMeaning Meaning);

public enum TallyMeaning
{
    OpenQuestion,
    ClosedQuestion,
    SimpleReflection,
    ComplexReflection,
    Other,
}

/// <summary>Fair and good levels for the summary figures (MITI 4.2.1 publishes these).</summary>
public sealed record RubricThresholds(Threshold ReflectionsToQuestions, Threshold ComplexReflectionShare,
    Threshold RelationalAverage, Threshold TechnicalAverage);

public sealed record Threshold(double Fair, double Good);
