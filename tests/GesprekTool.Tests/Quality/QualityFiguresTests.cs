using GesprekTool.Quality;

namespace GesprekTool.Tests.Quality;

public sealed class QualityFiguresTests
{
    private static ConversationQuality Conversation(string mode, QuestionOutcome geld, int minutesGezin, QuestionOutcome school = QuestionOutcome.NotApplicable) =>
        new(mode,
            new Dictionary<string, QuestionOutcome> { ["persoonlijk-geld"] = geld, ["school-wifi"] = school },
            new Dictionary<string, TimeSpan> { ["gezin"] = TimeSpan.FromMinutes(minutesGezin) });

    [Fact]
    public void Shares_are_taken_over_the_conversations_in_which_the_question_applied()
    {
        var conversations = new[]
        {
            Conversation("video", QuestionOutcome.Covered, 4, QuestionOutcome.Covered),
            Conversation("video", QuestionOutcome.Covered, 5),
            Conversation("video", QuestionOutcome.Skipped, 6),
            Conversation("telefoon", QuestionOutcome.Declined, 7),
            Conversation("telefoon", QuestionOutcome.Covered, 8),
        };

        var figures = QualityFigures.PerQuestion(["persoonlijk-geld", "school-wifi"], conversations);

        var geld = figures[0];
        Assert.Equal(5, geld.Conversations);
        Assert.Equal(0.6, geld.Covered);
        Assert.Equal(0.2, geld.Declined);
        Assert.Equal(0.2, geld.Skipped);
        // school-wifi applied in one conversation only: too small a group to show.
        Assert.True(figures[1].Suppressed);
        Assert.Null(figures[1].Skipped);
    }

    [Fact]
    public void A_cell_of_four_conversations_is_not_shown_and_one_of_five_is()
    {
        var four = Enumerable.Range(0, 4).Select(i => Conversation("video", QuestionOutcome.Covered, 5)).ToList();

        Assert.True(QualityFigures.PerQuestion(["persoonlijk-geld"], four)[0].Suppressed);
        Assert.Null(QualityFigures.Median(four.Select(c => c.Total)));
        Assert.False(QualityFigures.PerQuestion(["persoonlijk-geld"], [.. four, Conversation("video", QuestionOutcome.Covered, 5)])[0].Suppressed);
    }

    [Fact]
    public void The_most_skipped_question_comes_first_and_suppressed_ones_last()
    {
        var figures = new[]
        {
            new QuestionFigure("a", 10, 0.9, 0, 0.1),
            new QuestionFigure("b", null, null, null, null),
            new QuestionFigure("c", 10, 0.5, 0, 0.5),
        };

        Assert.Equal(["c", "a", "b"], QualityFigures.MostSkippedFirst(figures).Select(f => f.QuestionKey));
    }

    [Fact]
    public void Median_times_per_section_and_per_mode_hide_small_groups()
    {
        var conversations = new[] { 4, 5, 6, 7, 8, 9 }.Select((m, i) => Conversation(i < 5 ? "video" : "telefoon", QuestionOutcome.Covered, m)).ToList();

        Assert.Equal(TimeSpan.FromMinutes(6.5), QualityFigures.MedianPerSection(["gezin", "school"], conversations)["gezin"]);
        Assert.Null(QualityFigures.MedianPerSection(["gezin", "school"], conversations)["school"]);
        var byMode = QualityFigures.MedianTotalByMode(conversations);
        Assert.Equal(TimeSpan.FromMinutes(6), byMode["video"]);
        Assert.Null(byMode["telefoon"]);
        Assert.Equal(TimeSpan.FromMinutes(6.5), byMode["alle"]);
    }
}
