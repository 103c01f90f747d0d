namespace GesprekTool.Practice;

/// <summary>Where a figure stands against the rubric's thresholds.</summary>
public enum Verdict
{
    /// <summary>Nothing to compute from (for example no questions tapped).</summary>
    NotApplicable,
    BelowFair,
    Fair,
    Good,
}

/// <summary>A summary figure with its verdict; Value is null when there was nothing to divide by.</summary>
public sealed record Figure(double? Value, Verdict Verdict, Threshold Threshold);

/// <summary>
/// The debrief's figures from an observer's tallies and ratings: reflections to questions, the share
/// of complex reflections, and the relational and technical averages, each against the thresholds.
/// </summary>
public sealed record RubricSummary(Figure ReflectionsToQuestions, Figure ComplexReflectionShare, Figure RelationalAverage, Figure TechnicalAverage)
{
    /// <param name="tallies">Taps per tally key.</param>
    /// <param name="ratings">Rating (1–5) per global key; unrated globals are left out.</param>
    public static RubricSummary From(Rubric rubric, IReadOnlyDictionary<string, int> tallies, IReadOnlyDictionary<string, int> ratings)
    {
        int Count(TallyMeaning meaning) => rubric.Tallies.Where(t => t.Meaning == meaning).Sum(t => tallies.GetValueOrDefault(t.Key));
        var questions = Count(TallyMeaning.OpenQuestion) + Count(TallyMeaning.ClosedQuestion);
        var reflections = Count(TallyMeaning.SimpleReflection) + Count(TallyMeaning.ComplexReflection);
        double? Average(GlobalGroup group)
        {
            var scores = rubric.Globals.Where(g => g.Group == group && ratings.ContainsKey(g.Key)).Select(g => ratings[g.Key]).ToList();
            return scores.Count == 0 ? null : scores.Average();
        }
        var thresholds = rubric.Thresholds;
        return new RubricSummary(
            Judge(questions == 0 ? null : (double)reflections / questions, thresholds.ReflectionsToQuestions),
            Judge(reflections == 0 ? null : (double)Count(TallyMeaning.ComplexReflection) / reflections, thresholds.ComplexReflectionShare),
            Judge(Average(GlobalGroup.Relational), thresholds.RelationalAverage),
            Judge(Average(GlobalGroup.Technical), thresholds.TechnicalAverage));
    }

    public static Figure Judge(double? value, Threshold threshold) => new(value,
        value is not { } v ? Verdict.NotApplicable : v >= threshold.Good ? Verdict.Good : v >= threshold.Fair ? Verdict.Fair : Verdict.BelowFair,
        threshold);
}
