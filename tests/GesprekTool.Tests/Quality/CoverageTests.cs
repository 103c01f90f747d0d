using GesprekTool.Quality;
using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Quality;

public sealed class CoverageTests
{
    private static readonly GesprekTool.Questionnaires.Questionnaire Script = ShippedQuestionnaire.Script;

    [Fact]
    public void An_answered_question_is_covered_an_empty_one_skipped_and_a_declined_one_declined()
    {
        var answers = new Dictionary<string, string>
        {
            ["gezin-volwassenen"] = "2", ["gezin-kinderen"] = "0", ["persoonlijk-geld"] = "",
            ["persoonlijk-zorgen-anderen"] = AnswerValues.Declined,
        };

        var outcomes = Coverage.Of(Script, answers);

        Assert.Equal(QuestionOutcome.Covered, outcomes["gezin-volwassenen"]);
        Assert.Equal(QuestionOutcome.Skipped, outcomes["persoonlijk-geld"]);
        Assert.Equal(QuestionOutcome.Declined, outcomes["persoonlijk-zorgen-anderen"]);
        Assert.Equal(Script.Questions.Count(), outcomes.Count);
    }

    [Fact]
    public void A_declined_question_that_drives_skip_logic_opens_nothing_behind_it()
    {
        // "Wil niet antwoorden" on the number of children: it is no answer, so no child questions follow.
        var answers = new Dictionary<string, string> { ["gezin-kinderen"] = AnswerValues.Declined };

        var outcomes = Coverage.Of(Script, answers);

        Assert.Equal(QuestionOutcome.Declined, outcomes["gezin-kinderen"]);
        Assert.Equal(QuestionOutcome.NotApplicable, outcomes["gezin-leeftijden"]);
    }

    [Fact]
    public void Questions_the_skip_logic_leaves_out_are_neither_covered_nor_skipped()
    {
        // No children: their ages and the whole school section do not apply.
        var outcomes = Coverage.Of(Script, new Dictionary<string, string> { ["gezin-kinderen"] = "0" });

        Assert.Equal(QuestionOutcome.NotApplicable, outcomes["gezin-leeftijden"]);
        Assert.Equal(QuestionOutcome.NotApplicable, outcomes["school-contact"]);
        Assert.Equal(QuestionOutcome.Skipped, outcomes["persoonlijk-geld"]);
    }

    [Fact]
    public void With_school_going_children_the_school_section_counts_and_an_empty_question_there_is_skipped()
    {
        var answers = new Dictionary<string, string> { ["gezin-kinderen"] = "2", ["gezin-schoolgaand"] = "ja", ["school-contact"] = "goed" };

        var outcomes = Coverage.Of(Script, answers);

        Assert.Equal(QuestionOutcome.Covered, outcomes["school-contact"]);
        Assert.Equal(QuestionOutcome.Skipped, outcomes["school-wifi"]);
    }
}
