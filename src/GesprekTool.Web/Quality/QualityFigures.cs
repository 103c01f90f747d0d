namespace GesprekTool.Quality;

/// <summary>One finished real conversation, reduced to what the quality figures need.</summary>
public sealed record ConversationQuality(long WorkerId, string Mode, IReadOnlyDictionary<string, QuestionOutcome> Outcomes,
    IReadOnlyDictionary<string, TimeSpan> SectionTimes)
{
    public TimeSpan Total => SectionTimes.Values.Aggregate(TimeSpan.Zero, (sum, t) => sum + t);
}

/// <summary>Why a cell shows no figure.</summary>
public enum TooFew
{
    No,
    /// <summary>Fewer conversations than the rule's smallest group.</summary>
    Conversations,
    /// <summary>Conversations by fewer different workers than the rule asks: the figure would be one person's.</summary>
    Workers,
}

/// <summary>A figure, or the reason it is not shown.</summary>
public readonly record struct Figure<T>(T? Value, TooFew Why) where T : struct
{
    public static Figure<T> Shown(T value) => new(value, TooFew.No);
}

/// <summary>
/// When a group of conversations is large enough to show a figure about it. Team figures need
/// five conversations by at least three different workers, so no team cell is one worker's figure
/// (per-worker figures need the works council's consent). A viewer who knows one worker's own
/// conversations (a worker beside the team's column) must still see three other workers in the
/// group, or subtracting their own would leave fewer.
/// </summary>
public sealed record GroupRule(int Conversations, int Workers, long? KnownWorker = null)
{
    public static readonly GroupRule Team = new(QualityFigures.SmallestGroup, 3);

    /// <summary>One named worker's own figures (their own page, or per-worker figures with consent).</summary>
    public static readonly GroupRule OneWorker = new(QualityFigures.SmallestGroup, 1);

    /// <summary>The team beside the figures of <paramref name="workerId"/>, who sees both.</summary>
    public static GroupRule TeamBeside(long workerId) => Team with { KnownWorker = workerId };

    public TooFew Check(IEnumerable<ConversationQuality> group)
    {
        var list = group as IReadOnlyCollection<ConversationQuality> ?? group.ToList();
        if (list.Count < Conversations)
        {
            return TooFew.Conversations;
        }
        var others = list.Where(c => c.WorkerId != KnownWorker).ToList();
        if (KnownWorker is not null && others.Count < Conversations)
        {
            return TooFew.Conversations;
        }
        return others.Select(c => c.WorkerId).Distinct().Count() < Workers ? TooFew.Workers : TooFew.No;
    }
}

/// <summary>A question's figures over the conversations in which it applied, or why they are not shown.</summary>
public sealed record QuestionFigure(string QuestionKey, int? Conversations, double? Covered, double? Declined, double? Skipped, TooFew Why = TooFew.No)
{
    public bool Suppressed => Why != TooFew.No;

    public Figure<double> CoveredFigure => new(Covered, Why);
    public Figure<double> DeclinedFigure => new(Declined, Why);
    public Figure<double> SkippedFigure => new(Skipped, Why);
}

/// <summary>
/// Team and personal figures about how conversations go. Every cell is checked against a
/// <see cref="GroupRule"/>: with few conversations, or few workers, a figure says more about one
/// worker or one family than about the team.
/// </summary>
public static class QualityFigures
{
    public const int SmallestGroup = 5;

    /// <summary>How many conversations, when the group may be shown (none at all says nothing about anyone).</summary>
    public static Figure<int> Count(IReadOnlyList<ConversationQuality> conversations, GroupRule rule)
    {
        var why = conversations.Count == 0 ? TooFew.No : rule.Check(conversations);
        return why == TooFew.No ? Figure<int>.Shown(conversations.Count) : new(null, why);
    }

    /// <summary>Per question, in the script's order.</summary>
    public static IReadOnlyList<QuestionFigure> PerQuestion(IEnumerable<string> questionKeys, IReadOnlyList<ConversationQuality> conversations, GroupRule rule) =>
        questionKeys.Select(key =>
        {
            var applied = conversations.Where(c => c.Outcomes.GetValueOrDefault(key) != QuestionOutcome.NotApplicable).ToList();
            if (rule.Check(applied) is var why && why != TooFew.No)
            {
                return new QuestionFigure(key, null, null, null, null, why);
            }
            double Share(QuestionOutcome outcome) => (double)applied.Count(c => c.Outcomes[key] == outcome) / applied.Count;
            return new QuestionFigure(key, applied.Count, Share(QuestionOutcome.Covered), Share(QuestionOutcome.Declined), Share(QuestionOutcome.Skipped));
        }).ToList();

    /// <summary>The same figures with the most-skipped question first (suppressed ones last, in script order).</summary>
    public static IReadOnlyList<QuestionFigure> MostSkippedFirst(IReadOnlyList<QuestionFigure> figures) =>
        figures.OrderBy(f => f.Suppressed).ThenByDescending(f => f.Skipped ?? 0).ToList();

    /// <summary>Median time spent in each section over the conversations that opened it.</summary>
    public static IReadOnlyDictionary<string, Figure<TimeSpan>> MedianPerSection(IEnumerable<string> sectionKeys, IReadOnlyList<ConversationQuality> conversations, GroupRule rule) =>
        sectionKeys.ToDictionary(key => key, key => MedianTotal(conversations.Where(c => c.SectionTimes.ContainsKey(key)).ToList(), c => c.SectionTimes[key], rule));

    /// <summary>Median total time per mode (video, telefoon, …), and over all modes under "alle".</summary>
    public static IReadOnlyDictionary<string, Figure<TimeSpan>> MedianTotalByMode(IReadOnlyList<ConversationQuality> conversations, GroupRule rule)
    {
        var result = conversations.GroupBy(c => c.Mode).ToDictionary(g => g.Key, g => MedianTotal(g.ToList(), c => c.Total, rule));
        result["alle"] = MedianTotal(conversations, c => c.Total, rule);
        return result;
    }

    private static Figure<TimeSpan> MedianTotal(IReadOnlyList<ConversationQuality> group, Func<ConversationQuality, TimeSpan> time, GroupRule rule) =>
        rule.Check(group) is var why && why != TooFew.No ? new(null, why) : Figure<TimeSpan>.Shown(Median(group.Select(time).ToList()));

    /// <summary>The median of a non-empty list.</summary>
    public static TimeSpan Median(IReadOnlyCollection<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
