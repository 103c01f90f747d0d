using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Questionnaires;

public sealed class AnswerValidatorTests
{
    private static readonly Questionnaire Script = ShippedQuestionnaire.Script;
    private static readonly IReadOnlySet<string> Schools = new HashSet<string> { "1", "2" };

    private static AnswerCheck Check(string key, params string[] inputs) =>
        AnswerValidator.Check(Script.FindQuestion(key)!, inputs, Schools);

    [Fact]
    public void Wil_niet_antwoorden_is_accepted_for_every_question_and_wins_over_a_value_sent_with_it()
    {
        foreach (var question in Script.Questions)
        {
            Assert.Equal(AnswerCheck.Valid(AnswerValues.Declined), AnswerValidator.Check(question, [AnswerValues.Declined], Schools));
        }
        Assert.Equal(AnswerCheck.Valid(AnswerValues.Declined), Check("cijfer-ouder", "7", AnswerValues.Declined));
    }

    [Theory]
    [InlineData("11")]
    [InlineData("0")]
    [InlineData("7.5")]
    [InlineData("zeven")]
    public void A_rating_outside_1_to_10_is_refused_in_Dutch(string input)
    {
        var check = Check("cijfer-ouder", input);

        Assert.False(check.IsValid);
        Assert.Equal("Kies een cijfer van 1 tot en met 10.", check.Error);
    }

    [Fact]
    public void A_rating_is_stored_as_its_number()
    {
        Assert.Equal(AnswerCheck.Valid("7"), Check("cijfer-ouder", " 07 "));
    }

    [Theory]
    [InlineData("twee")]
    [InlineData("2a")]
    [InlineData("16")]
    [InlineData("-1")]
    public void Letters_or_an_out_of_range_count_are_refused(string input)
    {
        var check = Check("gezin-kinderen", input);

        Assert.False(check.IsValid);
        Assert.Equal("Vul een heel getal in van 0 tot en met 15.", check.Error);
    }

    [Fact]
    public void A_choice_that_does_not_exist_is_refused()
    {
        Assert.Equal("Kies een van de gegeven antwoorden.", Check("persoonlijk-geld", "misschien").Error);
        Assert.Equal("Kies een van de gegeven antwoorden.", Check("school-wifi", "ja", "nee").Error);
    }

    [Fact]
    public void Multiple_choices_are_stored_in_the_questionnaires_order_without_duplicates()
    {
        Assert.Equal(AnswerCheck.Valid("laptop;geld"), Check("verdieping-behoefte", "geld", "laptop", "geld"));
        Assert.False(Check("verdieping-behoefte", "laptop", "fiets").IsValid);
    }

    [Fact]
    public void A_school_answer_accepts_known_schools_and_other_school_only()
    {
        Assert.Equal(AnswerCheck.Valid("1;anders"), Check("school-naam", "anders", "1"));
        Assert.Equal("Kies een school uit de lijst, of 'Andere school'.", Check("school-naam", "99").Error);
    }

    [Fact]
    public void Text_over_the_limit_is_refused_with_the_limit_and_the_length()
    {
        var check = Check("gezin-leeftijden", new string('x', 201));

        Assert.Equal("Dit antwoord is te lang: maximaal 200 tekens (nu 201).", check.Error);
    }

    [Fact]
    public void Text_keeps_line_breaks_but_refuses_control_characters()
    {
        Assert.Equal(AnswerCheck.Valid("eerste regel\ntweede\tderde"), Check("verdieping-volhouden", "eerste regel\r\ntweede\tderde"));
        Assert.Equal(GesprekTool.Text.TextRules.Message, Check("verdieping-volhouden", "eerste\u0007 regel").Error);
        Assert.Equal(GesprekTool.Text.TextRules.Message, Check("verdieping-volhouden", "\u001b[31mrood").Error);
    }

    [Theory]
    [InlineData("\u202Eexe.gpj")]
    [InlineData("naam\u2066verborgen\u2069")]
    [InlineData("\u200Frechts")]
    public void Text_refuses_bidirectional_overrides(string text) =>
        Assert.Equal(GesprekTool.Text.TextRules.Message, Check("verdieping-volhouden", text).Error);

    [Fact]
    public void Text_in_Arabic_Persian_and_with_emoji_joiners_is_fine() =>
        Assert.True(Check("verdieping-volhouden", "الحمد لله، می\u200Cخواهم 👨\u200D👩\u200D👧").IsValid);

    [Fact]
    public void An_empty_answer_clears_the_question()
    {
        Assert.Equal(AnswerCheck.Empty, Check("school-wifi", "  "));
        Assert.Equal(AnswerCheck.Empty, Check("verdieping-behoefte"));
    }
}

public sealed class AnswerDisplayTests
{
    private static readonly Questionnaire Script = ShippedQuestionnaire.Script;

    [Fact]
    public void Stored_values_read_as_their_Dutch_labels_and_school_names()
    {
        var schools = new Dictionary<string, string> { ["4"] = "De Regenboog" };

        Assert.Equal("Nederlands, Arabisch", AnswerDisplay.Dutch(Script.FindQuestion("gezin-talen")!, "nederlands;arabisch", schools));
        Assert.Equal("De Regenboog, Andere school", AnswerDisplay.Dutch(Script.FindQuestion("school-naam")!, "4;anders", schools));
        Assert.Equal("Nee", AnswerDisplay.Dutch(Script.FindQuestion("school-wifi")!, "nee", schools));
        Assert.Equal("(gewist)", AnswerDisplay.Dutch(Script.FindQuestion("school-wifi")!, null, schools));
    }
}
