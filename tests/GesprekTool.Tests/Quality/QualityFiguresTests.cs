using GesprekTool.Quality;

namespace GesprekTool.Tests.Quality;

public sealed class QualityFiguresTests
{
    private static ConversationQuality Conversation(string mode, QuestionOutcome geld, int minutesGezin, QuestionOutcome school = QuestionOutcome.NotApplicable, long worker = 0) =>
        new(worker, mode,
            new Dictionary<string, QuestionOutcome> { ["persoonlijk-geld"] = geld, ["school-wifi"] = school },
            new Dictionary<string, TimeSpan> { ["gezin"] = TimeSpan.FromMinutes(minutesGezin) });

    /// <summary>Conversations spread over three workers, so the team rule only looks at their number.</summary>
    private static List<ConversationQuality> ByThree(IEnumerable<ConversationQuality> conversations) =>
        conversations.Select((c, i) => c with { WorkerId = 1 + i % 3 }).ToList();

    [Fact]
    public void Shares_are_taken_over_the_conversations_in_which_the_question_applied()
    {
        var conversations = ByThree(
        [
            Conversation("video", QuestionOutcome.Covered, 4, QuestionOutcome.Covered),
            Conversation("video", QuestionOutcome.Covered, 5),
            Conversation("video", QuestionOutcome.Skipped, 6),
            Conversation("telefoon", QuestionOutcome.Declined, 7),
            Conversation("telefoon", QuestionOutcome.Covered, 8),
        ]);

        var figures = QualityFigures.PerQuestion(["persoonlijk-geld", "school-wifi"], conversations, GroupRule.Team);

        var geld = figures[0];
        Assert.Equal(5, geld.Conversations);
        Assert.Equal(0.6, geld.Covered);
        Assert.Equal(0.2, geld.Declined);
        Assert.Equal(0.2, geld.Skipped);
        // school-wifi applied in one conversation only: too small a group to show.
        Assert.Equal(TooFew.Conversations, figures[1].Why);
        Assert.Null(figures[1].Skipped);
    }

    [Fact]
    public void A_cell_of_four_conversations_is_not_shown_and_one_of_five_is()
    {
        var four = ByThree(Enumerable.Range(0, 4).Select(i => Conversation("video", QuestionOutcome.Covered, 5)));

        Assert.True(QualityFigures.PerQuestion(["persoonlijk-geld"], four, GroupRule.Team)[0].Suppressed);
        Assert.Null(QualityFigures.MedianTotalByMode(four, GroupRule.Team)["alle"].Value);
        var five = ByThree([.. four, Conversation("video", QuestionOutcome.Covered, 5)]);
        Assert.False(QualityFigures.PerQuestion(["persoonlijk-geld"], five, GroupRule.Team)[0].Suppressed);
    }

    [Fact]
    public void Team_figures_of_forty_five_conversations_by_one_worker_are_not_shown_in_any_cell()
    {
        var one = Enumerable.Range(0, 45).Select(i => Conversation(i % 2 == 0 ? "video" : "telefoon", QuestionOutcome.Covered, 5 + i % 4, QuestionOutcome.Skipped, worker: 7)).ToList();
        var two = one.Select((c, i) => c with { WorkerId = 7 + i % 2 }).ToList();

        foreach (var group in new[] { one, two })
        {
            Assert.Equal(TooFew.Workers, QualityFigures.Count(group, GroupRule.Team).Why);
            Assert.All(QualityFigures.PerQuestion(["persoonlijk-geld", "school-wifi"], group, GroupRule.Team), f => Assert.Equal(TooFew.Workers, f.Why));
            Assert.All(QualityFigures.MedianTotalByMode(group, GroupRule.Team).Values, f => Assert.Null(f.Value));
            Assert.All(QualityFigures.MedianPerSection(["gezin"], group, GroupRule.Team).Values, f => Assert.Equal(TooFew.Workers, f.Why));
            Assert.Equal("te weinig medewerkers", QualityText.Share(QualityFigures.PerQuestion(["persoonlijk-geld"], group, GroupRule.Team)[0].CoveredFigure));
        }
        // One chosen worker's own figures (with the works council's consent) only need five conversations.
        Assert.Equal(45, QualityFigures.Count(one, GroupRule.OneWorker).Value);
    }

    [Fact]
    public void A_filter_that_leaves_one_workers_conversations_in_a_cell_suppresses_that_cell_only()
    {
        // Video by three workers, phone by one: the phone cells would be that one worker's figures.
        var video = ByThree(Enumerable.Range(0, 6).Select(_ => Conversation("video", QuestionOutcome.Covered, 5)));
        var phone = Enumerable.Range(0, 6).Select(_ => Conversation("telefoon", QuestionOutcome.Skipped, 9, worker: 9)).ToList();

        var byMode = QualityFigures.MedianTotalByMode([.. video, .. phone], GroupRule.Team);

        Assert.Equal(TimeSpan.FromMinutes(5), byMode["video"].Value);
        Assert.Equal(TooFew.Workers, byMode["telefoon"].Why);
        Assert.NotNull(byMode["alle"].Value);
        Assert.Equal(TooFew.Workers, QualityFigures.PerQuestion(["persoonlijk-geld"], phone, GroupRule.Team)[0].Why);
    }

    [Fact]
    public void A_worker_beside_the_team_sees_its_figures_only_when_three_other_workers_remain_after_taking_out_their_own()
    {
        var mine = Enumerable.Range(0, 10).Select(_ => Conversation("video", QuestionOutcome.Covered, 5, worker: 1)).ToList();
        var twoOthers = Enumerable.Range(0, 6).Select(i => Conversation("video", QuestionOutcome.Skipped, 5, worker: 2 + i % 2)).ToList();
        var threeOthers = Enumerable.Range(0, 6).Select(i => Conversation("video", QuestionOutcome.Skipped, 5, worker: 2 + i % 3)).ToList();

        // Three workers in all, but the worker who subtracts their own is left with two colleagues.
        Assert.Equal(TooFew.No, GroupRule.Team.Check([.. mine, .. twoOthers]));
        Assert.Equal(TooFew.Workers, GroupRule.TeamBeside(1).Check([.. mine, .. twoOthers]));
        Assert.Equal(TooFew.No, GroupRule.TeamBeside(1).Check([.. mine, .. threeOthers]));
        // Ten of their own and three by others: what is left after subtracting is too small.
        Assert.Equal(TooFew.Conversations, GroupRule.TeamBeside(1).Check([.. mine, .. threeOthers.Take(3)]));
    }

    [Fact]
    public void The_most_skipped_question_comes_first_and_suppressed_ones_last()
    {
        var figures = new[]
        {
            new QuestionFigure("a", 10, 0.9, 0, 0.1),
            new QuestionFigure("b", null, null, null, null, TooFew.Conversations),
            new QuestionFigure("c", 10, 0.5, 0, 0.5),
        };

        Assert.Equal(["c", "a", "b"], QualityFigures.MostSkippedFirst(figures).Select(f => f.QuestionKey));
    }

    [Fact]
    public void Median_times_per_section_and_per_mode_hide_small_groups()
    {
        var conversations = ByThree(new[] { 4, 5, 6, 7, 8, 9 }.Select((m, i) => Conversation(i < 5 ? "video" : "telefoon", QuestionOutcome.Covered, m)));

        Assert.Equal(TimeSpan.FromMinutes(6.5), QualityFigures.MedianPerSection(["gezin", "school"], conversations, GroupRule.Team)["gezin"].Value);
        Assert.Null(QualityFigures.MedianPerSection(["gezin", "school"], conversations, GroupRule.Team)["school"].Value);
        var byMode = QualityFigures.MedianTotalByMode(conversations, GroupRule.Team);
        Assert.Equal(TimeSpan.FromMinutes(6), byMode["video"].Value);
        Assert.Null(byMode["telefoon"].Value);
        Assert.Equal(TimeSpan.FromMinutes(6.5), byMode["alle"].Value);
    }
}
