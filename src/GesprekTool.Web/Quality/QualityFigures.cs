namespace GesprekTool.Quality;

/// <summary>One finished real conversation, reduced to what the quality figures need.</summary>
public sealed record ConversationQuality(string Mode, IReadOnlyDictionary<string, QuestionOutcome> Outcomes,
    IReadOnlyDictionary<string, TimeSpan> SectionTimes)
{
    public TimeSpan Total => SectionTimes.Values.Aggregate(TimeSpan.Zero, (sum, t) => sum + t);
}

/// <summary>A question's figures over the conversations in which it applied; null when the group is too small to show.</summary>
public sealed record QuestionFigure(string QuestionKey, int? Conversations, double? Covered, double? Declined, double? Skipped)
{
    public bool Suppressed => Conversations is null;
}

/// <summary>
/// Team and personal figures about how conversations go. A cell built from fewer than
/// <see cref="SmallestGroup"/> conversations is not shown: with few conversations a figure says
/// more about one worker or one family than about the team.
/// </summary>
public static class QualityFigures
{
    public const int SmallestGroup = 5;

    /// <summary>Per question, in the script's order.</summary>
    public static IReadOnlyList<QuestionFigure> PerQuestion(IEnumerable<string> questionKeys, IReadOnlyList<ConversationQuality> conversations) =>
        questionKeys.Select(key =>
        {
            var outcomes = conversations.Select(c => c.Outcomes.GetValueOrDefault(key)).Where(o => o != QuestionOutcome.NotApplicable).ToList();
            if (outcomes.Count < SmallestGroup)
            {
                return new QuestionFigure(key, null, null, null, null);
            }
            double Share(QuestionOutcome outcome) => (double)outcomes.Count(o => o == outcome) / outcomes.Count;
            return new QuestionFigure(key, outcomes.Count, Share(QuestionOutcome.Covered), Share(QuestionOutcome.Declined), Share(QuestionOutcome.Skipped));
        }).ToList();

    /// <summary>The same figures with the most-skipped question first (suppressed ones last, in script order).</summary>
    public static IReadOnlyList<QuestionFigure> MostSkippedFirst(IReadOnlyList<QuestionFigure> figures) =>
        figures.OrderBy(f => f.Suppressed).ThenByDescending(f => f.Skipped ?? 0).ToList();

    /// <summary>Median time spent in each section over the conversations that opened it.</summary>
    public static IReadOnlyDictionary<string, TimeSpan?> MedianPerSection(IEnumerable<string> sectionKeys, IReadOnlyList<ConversationQuality> conversations) =>
        sectionKeys.ToDictionary(key => key, key => Median(conversations.Where(c => c.SectionTimes.ContainsKey(key)).Select(c => c.SectionTimes[key])));

    /// <summary>Median total time per mode (video, telefoon, …), and over all modes under "alle".</summary>
    public static IReadOnlyDictionary<string, TimeSpan?> MedianTotalByMode(IReadOnlyList<ConversationQuality> conversations)
    {
        var result = conversations.GroupBy(c => c.Mode).ToDictionary(g => g.Key, g => Median(g.Select(c => c.Total)));
        result["alle"] = Median(conversations.Select(c => c.Total));
        return result;
    }

    /// <summary>The median of a group of at least <see cref="SmallestGroup"/>; null for a smaller one.</summary>
    public static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count < SmallestGroup)
        {
            return null;
        }
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
