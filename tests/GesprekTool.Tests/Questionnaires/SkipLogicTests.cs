using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Questionnaires;

public sealed class SkipLogicTests
{
    private static readonly Questionnaire Script = ShippedQuestionnaire.Script;

    private static Dictionary<string, string> Answers(params (string Key, string Value)[] answers) =>
        answers.ToDictionary(a => a.Key, a => a.Value);

    [Fact]
    public void A_family_without_school_going_children_skips_the_school_section()
    {
        var answers = Answers(("gezin-kinderen", "2"), ("gezin-schoolgaand", "nee"));

        var school = Script.Sections.Single(s => s.Key == "school");
        Assert.False(SkipLogic.Applies(Script, school, answers));
        Assert.All(school.Questions, q => Assert.False(SkipLogic.Applies(Script, q, answers)));
    }

    [Fact]
    public void A_family_without_children_skips_the_childrens_questions_and_the_school_section()
    {
        var answers = Answers(("gezin-kinderen", "0"));

        var applicable = SkipLogic.ApplicableQuestions(Script, answers).Select(q => q.Key).ToList();

        Assert.DoesNotContain("gezin-leeftijden", applicable);
        Assert.DoesNotContain("cijfer-kinderen", applicable);
        Assert.DoesNotContain("gezin-schoolgaand", applicable);
        // Skipping cascades: the school section depends on a question that itself does not apply.
        Assert.DoesNotContain("school-wifi", applicable);
    }

    [Fact]
    public void Questions_stay_visible_until_the_question_they_depend_on_is_answered()
    {
        Assert.Equal(30, SkipLogic.ApplicableQuestions(Script, Answers()).Count);
        Assert.True(SkipLogic.Applies(Script, Script.FindQuestion("school-wifi")!, Answers()));
    }

    [Fact]
    public void A_follow_up_question_appears_only_for_the_answer_that_asks_for_it()
    {
        var question = Script.FindQuestion("persoonlijk-zorgen-wie")!;

        Assert.True(SkipLogic.Applies(Script, question, Answers(("persoonlijk-zorgen-anderen", "ja"))));
        Assert.False(SkipLogic.Applies(Script, question, Answers(("persoonlijk-zorgen-anderen", "nee"))));
    }

    [Fact]
    public void Progress_counts_only_the_questions_that_apply()
    {
        var answers = Answers(("gezin-volwassenen", "2"), ("gezin-kinderen", "3"), ("gezin-schoolgaand", "nee"),
            ("persoonlijk-zorgen-anderen", "nee"), ("verdieping-gaat-goed", "nee"), ("verdieping-steun-mensen", "nee"),
            ("afronding-jes-kan-doen", "nee"));

        var progress = SkipLogic.ProgressOf(Script, answers);

        // 30 minus school (8), zorgen-wie, wat-goed, steun-wie, afronding-wat.
        Assert.Equal(new AnswerProgress(7, 18), progress);
        Assert.Equal("7 van 18 vragen beantwoord", progress.Dutch);
    }

    [Fact]
    public void A_condition_on_a_multiple_choice_answer_matches_any_chosen_part()
    {
        var condition = new Condition("q", ["laptop"], null, null);

        Assert.True(condition.IsMetBy("geld;laptop"));
        Assert.False(condition.IsMetBy("geld;praten"));
    }
}
