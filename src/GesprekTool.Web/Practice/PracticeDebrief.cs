using System.Globalization;
using GesprekTool.Quality;
using GesprekTool.Questionnaires;

namespace GesprekTool.Practice;

/// <summary>
/// What the debrief shows, worked out from what was stored during the practice: each scorer's tallies,
/// ratings and figures against the rubric's thresholds, the taps per section of the script beside the
/// time spent there, and how much of the script was covered. Plain data in, plain data out.
/// </summary>
public sealed record PracticeDebrief(
    IReadOnlyList<DebriefScorer> Scorers,
    IReadOnlyList<DebriefPart> Timeline,
    DebriefCoverage Coverage,
    TimeSpan? Duration,
    IReadOnlyDictionary<long, string> Names)
{
    public string NameOf(long userId) => Names.GetValueOrDefault(userId, "?");

    public static PracticeDebrief From(PracticeSession session, Rubric rubric, Questionnaire script, IReadOnlyList<PracticeTap> taps,
        IReadOnlyList<PracticeRating> ratings, IReadOnlyDictionary<string, string> answers, IReadOnlyList<ConversationEvent> moments,
        DateTimeOffset? finishedAt)
    {
        var names = NamesOf(session);
        var scorers = taps.Select(t => t.TappedBy).Concat(ratings.Select(r => r.RatedBy)).Distinct().Order()
            .Select(id => Scorer(id, names.GetValueOrDefault(id, "?"), rubric, taps, ratings)).ToList();
        var duration = session.StartedAt is { } start && session.EndedAt is { } end ? end - start : (TimeSpan?)null;
        return new PracticeDebrief(scorers, TimelineOf(script, taps, SectionTimes.From(moments, finishedAt)), CoverageOf(script, answers), duration, names);
    }

    private static Dictionary<long, string> NamesOf(PracticeSession session)
    {
        var names = new Dictionary<long, string>
        {
            [session.PlannedBy] = session.PlannedByName,
            [session.ConductorId] = session.ConductorName,
            [session.ParentId] = session.ParentName,
        };
        if (session.ObserverId is { } observer)
        {
            names[observer] = session.ObserverName ?? "?";
        }
        return names;
    }

    private static DebriefScorer Scorer(long id, string name, Rubric rubric, IReadOnlyList<PracticeTap> taps, IReadOnlyList<PracticeRating> ratings)
    {
        var tallies = taps.Where(t => t.TappedBy == id).GroupBy(t => t.TallyKey).ToDictionary(g => g.Key, g => g.Count());
        var scores = ratings.Where(r => r.RatedBy == id).ToDictionary(r => r.GlobalKey, r => r.Score);
        return new DebriefScorer(id, name, tallies, scores, RubricSummary.From(rubric, tallies, scores));
    }

    /// <summary>The sections in script order that were opened or tapped in, and taps before any section first.</summary>
    private static List<DebriefPart> TimelineOf(Questionnaire script, IReadOnlyList<PracticeTap> taps, IReadOnlyDictionary<string, TimeSpan> times)
    {
        var parts = new List<DebriefPart>();
        var before = taps.Where(t => t.SectionKey is null || script.Sections.All(s => s.Key != t.SectionKey)).OrderBy(t => t.ElapsedSeconds).ToList();
        if (before.Count > 0)
        {
            parts.Add(new DebriefPart(null, "Voordat een deel werd geopend", null, before));
        }
        foreach (var section in script.Sections)
        {
            var inSection = taps.Where(t => t.SectionKey == section.Key).OrderBy(t => t.ElapsedSeconds).ThenBy(t => t.Id).ToList();
            var time = times.TryGetValue(section.Key, out var spent) ? spent : (TimeSpan?)null;
            if (inSection.Count > 0 || time is not null)
            {
                parts.Add(new DebriefPart(section.Key, section.Title.Dutch, time, inSection));
            }
        }
        return parts;
    }

    private static DebriefCoverage CoverageOf(Questionnaire script, IReadOnlyDictionary<string, string> answers)
    {
        var outcomes = Quality.Coverage.Of(script, answers);
        int Count(QuestionOutcome outcome) => outcomes.Values.Count(o => o == outcome);
        return new DebriefCoverage(
            outcomes.Values.Count(o => o != QuestionOutcome.NotApplicable), Count(QuestionOutcome.Covered),
            Count(QuestionOutcome.Declined), Count(QuestionOutcome.Skipped),
            script.Questions.Where(q => outcomes[q.Key] == QuestionOutcome.Skipped).ToList());
    }

    /// <summary>A duration as "m:ss", or "u:mm:ss" from an hour.</summary>
    public static string Clock(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}:{span.Seconds:00}");
}

public sealed record DebriefScorer(long UserId, string Name, IReadOnlyDictionary<string, int> Tallies,
    IReadOnlyDictionary<string, int> Ratings, RubricSummary Summary);

/// <summary>A section of the script (or the time before the first) with the time spent and the taps in it.</summary>
public sealed record DebriefPart(string? SectionKey, string Title, TimeSpan? Time, IReadOnlyList<PracticeTap> Taps);

public sealed record DebriefCoverage(int Applicable, int Covered, int Declined, int Skipped, IReadOnlyList<Question> SkippedQuestions);
