using GesprekTool.Practice;
using GesprekTool.Quality;
using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Practice;

public sealed class PracticeDebriefTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static readonly PracticeSession Session = new()
    {
        Id = 1, PlannedBy = 1, PlannedByName = "Ido", ConductorId = 2, ConductorName = "Sanne", ParentId = 3, ParentName = "Youssef",
        ObserverId = 4, ObserverName = "Emre", StartedAt = Start, EndedAt = Start.AddMinutes(25),
    };

    private static readonly Rubric Miti = RubricLoader.Load(Path.Combine(RepositoryPaths.Questionnaires, "rubrics", "miti.yaml"));

    private static PracticeTap Tap(long id, string tally, int elapsed, string? section, long by = 4) =>
        new() { Id = id, TallyKey = tally, ElapsedSeconds = elapsed, SectionKey = section, TappedBy = by };

    [Fact]
    public void Taps_are_grouped_under_their_sections_in_script_order_beside_the_time_spent_there()
    {
        var taps = new[] { Tap(1, "open-vraag", 5, null), Tap(2, "complexe-reflectie", 700, "persoonlijk"), Tap(3, "open-vraag", 90, "gezin") };
        var moments = new[]
        {
            new ConversationEvent(ConversationEventKinds.SectionOpened, "gezin", Start.AddSeconds(30)),
            new ConversationEvent(ConversationEventKinds.SectionOpened, "persoonlijk", Start.AddMinutes(10)),
        };

        var debrief = PracticeDebrief.From(Session, Miti, ShippedQuestionnaire.Script, taps, [], new Dictionary<string, string>(), moments, Start.AddMinutes(25));

        Assert.Equal([null, "gezin", "persoonlijk"], debrief.Timeline.Select(p => p.SectionKey));
        Assert.Equal(TimeSpan.FromSeconds(570), debrief.Timeline[1].Time);
        Assert.Equal(TimeSpan.FromMinutes(15), debrief.Timeline[2].Time);
        Assert.Equal([2L], debrief.Timeline[2].Taps.Select(t => t.Id));
        Assert.Equal(TimeSpan.FromMinutes(25), debrief.Duration);
    }

    [Fact]
    public void Each_scorer_gets_their_own_figures_and_coverage_counts_declined_apart()
    {
        var taps = new[] { Tap(1, "open-vraag", 5, "gezin"), Tap(2, "simpele-reflectie", 9, "gezin"), Tap(3, "open-vraag", 10, "gezin", by: 1) };
        var answers = new Dictionary<string, string> { ["gezin-kinderen"] = "0", ["persoonlijk-geld"] = AnswerValues.Declined, ["gezin-volwassenen"] = "1" };

        var debrief = PracticeDebrief.From(Session, Miti, ShippedQuestionnaire.Script, taps, [new PracticeRating { RatedBy = 4, GlobalKey = "empathie", Score = 4 }],
            answers, [], null);

        Assert.Equal(["Ido", "Emre"], debrief.Scorers.Select(s => s.Name));
        Assert.Equal(1.0, debrief.Scorers[1].Summary.ReflectionsToQuestions.Value);
        Assert.Equal(0.0, debrief.Scorers[0].Summary.ReflectionsToQuestions.Value);
        Assert.Equal(Verdict.BelowFair, debrief.Scorers[0].Summary.ReflectionsToQuestions.Verdict);
        Assert.Equal(4.0, debrief.Scorers[1].Summary.RelationalAverage.Value);
        Assert.Equal(2, debrief.Coverage.Covered);
        Assert.Equal(1, debrief.Coverage.Declined);
        Assert.Equal(debrief.Coverage.Applicable - 3, debrief.Coverage.Skipped);
    }

    [Theory]
    [InlineData(65, "1:05")]
    [InlineData(3725, "1:02:05")]
    public void Durations_read_as_minutes_and_seconds(int seconds, string expected) =>
        Assert.Equal(expected, PracticeDebrief.Clock(TimeSpan.FromSeconds(seconds)));
}
