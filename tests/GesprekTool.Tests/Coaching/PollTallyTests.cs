using GesprekTool.Coaching;

namespace GesprekTool.Tests.Coaching;

public sealed class PollTallyTests
{
    [Fact]
    public void A_choice_poll_counts_every_option_in_order_including_none()
    {
        var bars = PollTally.Count(PollKind.Choice, ["Geld", "Gezondheid", "School"], ["School", "Geld", "School"]);

        Assert.Equal([new PollBar("Geld", 1), new PollBar("Gezondheid", 0), new PollBar("School", 2)], bars);
    }

    [Fact]
    public void A_scale_poll_has_five_bars_and_a_mean()
    {
        var answers = new[] { "4", "5", "4", "2" };

        Assert.Equal([0, 1, 0, 2, 1], PollTally.Count(PollKind.Scale, [], answers).Select(b => b.Count));
        Assert.Equal(3.75, PollTally.Mean(answers));
        Assert.Null(PollTally.Mean([]));
    }

    [Fact]
    public void A_words_poll_groups_answers_that_differ_in_case_and_spacing_most_given_first()
    {
        var bars = PollTally.Count(PollKind.Words, [], ["Schaamte", " schaamte ", "tijd", "geen  tijd", "Geen tijd"]);

        Assert.Equal([new PollBar("geen tijd", 2), new PollBar("schaamte", 2), new PollBar("tijd", 1)], bars);
    }

    [Theory]
    [InlineData(PollKind.Choice, "Geld", "Geld")]
    [InlineData(PollKind.Choice, "Iets anders", null)]
    [InlineData(PollKind.Scale, "3", "3")]
    [InlineData(PollKind.Scale, "6", null)]
    [InlineData(PollKind.Scale, "drie", null)]
    [InlineData(PollKind.Words, "  Vraag   achter de vraag ", "vraag achter de vraag")]
    [InlineData(PollKind.Words, "   ", null)]
    [InlineData(PollKind.Words, "ok\u202eevil\u0007", null)]
    [InlineData(PollKind.Words, "dit antwoord is veel te lang voor een woordenpoll", null)]
    public void Only_answers_that_fit_the_poll_are_accepted(PollKind kind, string answer, string? stored) =>
        Assert.Equal(stored, PollTally.Accept(kind, ["Geld", "School"], answer));
}
