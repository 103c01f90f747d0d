using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Questionnaires;

public sealed class ScoringTests
{
    private static readonly Questionnaire Script = ShippedQuestionnaire.Script;

    // A family with school-going children, so the school questions apply.
    private static Dictionary<string, string> Family(params (string Key, string Value)[] answers)
    {
        var all = new Dictionary<string, string> { ["gezin-kinderen"] = "2", ["gezin-schoolgaand"] = "ja" };
        foreach (var (key, value) in answers)
        {
            all[key] = value;
        }
        return all;
    }

    public static TheoryData<string, int> EveryRule()
    {
        var data = new TheoryData<string, int>();
        foreach (var question in Script.Questions)
        {
            for (var i = 0; i < question.Scoring.Count; i++)
            {
                data.Add(question.Key, i);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRule))]
    public void Each_rule_in_the_file_counts_its_weight_when_its_condition_is_met(string questionKey, int ruleIndex)
    {
        var question = Script.FindQuestion(questionKey)!;
        var rule = question.Scoring[ruleIndex];
        var value = rule.When.AnyOf.Count > 0 ? rule.When.AnyOf[0] : (rule.When.AtLeast ?? rule.When.AtMost)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var score = Scoring.Score(Script, Family((questionKey, value)));

        var item = Assert.Single(score.Items, i => i.QuestionKey == questionKey);
        Assert.Equal(rule.Scale, item.Scale);
        Assert.Equal(rule.Weight, item.Weight);
        Assert.Equal(rule.Label, item.Label);
        Assert.Equal(rule.Weight, rule.Scale == ScoreScale.Draaglast ? score.Draaglast : score.Draagkracht);
    }

    [Theory]
    [InlineData(-5, "zorgelijk")]
    [InlineData(-4, "onder-druk")]
    [InlineData(0, "onder-druk")]
    [InlineData(1, "in-balans")]
    [InlineData(12, "in-balans")]
    public void Bands_change_exactly_at_their_bounds(int balance, string band) =>
        Assert.Equal(band, Scoring.BandFor(Script.Scoring!, balance).Key);

    [Fact]
    public void A_full_conversation_gets_both_scores_and_a_band()
    {
        var score = Scoring.Score(Script, Family(
            ("school-contact", "geen"), ("school-huiswerk-thuis", "nee"), ("school-huiswerk-helpen", "nee"), ("school-wifi", "nee"),
            ("school-apparaat", "geen"), ("persoonlijk-geld", "nee"), ("cijfer-ouder", "4"), ("cijfer-kinderen", "6"),
            ("verdieping-steun-mensen", "ja"), ("verdieping-gaat-goed", "ja")));
        // draaglast: contact 1 + homework 1 + helping 2 + wifi 1 + no laptop 2 + money 3 + low rating 3 = 13
        // draagkracht: support 2 + things go well 1 = 3
        Assert.Equal(13, score.Draaglast);
        Assert.Equal(3, score.Draagkracht);
        Assert.Equal(10, score.ScoredQuestions);
        Assert.Equal("zorgelijk", score.Band!.Key);
    }

    [Fact]
    public void Too_few_answers_give_no_band_and_say_so()
    {
        var score = Scoring.Score(Script, Family(("persoonlijk-geld", "nee"), ("cijfer-ouder", "3")));
        Assert.Null(score.Band);
        Assert.Equal("Onvoldoende gegevens", score.BandLabel);
        Assert.Contains("2 van de minimaal 8", score.WhyNoBand);
    }

    [Fact]
    public void Skipped_questions_do_not_count_even_if_an_old_answer_is_stored()
    {
        var answers = Family(("school-apparaat", "geen"));
        answers["gezin-schoolgaand"] = "nee";
        Assert.DoesNotContain(Scoring.Score(Script, answers).Items, i => i.QuestionKey == "school-apparaat");
    }

    [Fact]
    public void A_questionnaire_without_scoring_rules_scores_nothing_and_says_why()
    {
        var score = Scoring.Score(Script with { Scoring = null }, Family(("persoonlijk-geld", "nee")));
        Assert.Null(score.Band);
        Assert.Empty(score.Items);
        Assert.Contains("geen scoreregels", score.WhyNoBand);
    }
}
