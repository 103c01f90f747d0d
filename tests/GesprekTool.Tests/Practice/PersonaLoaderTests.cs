using GesprekTool.Practice;
using GesprekTool.Questionnaires;

namespace GesprekTool.Tests.Practice;

public sealed class PersonaLoaderTests
{
    private static readonly IReadOnlySet<string> ScriptKeys = new HashSet<string> { "persoonlijk-geld", "cijfer-ouder" };

    private static IReadOnlySet<string>? Keys(string questionnaire) => questionnaire == "jes-gesprekstoel" ? ScriptKeys : null;

    // Line numbers below count from this text: the statement starts on line 10.
    private const string Card = """
        key: proef
        title: Proefpersona
        questionnaire: jes-gesprekstoel
        household: Moeder met twee kinderen.
        language: nl
        situation: Krap bij kas.
        parentKnows: De huur is laat.
        interpreter: false
        statements:
          - question: persoonlijk-geld
            beginner: Niet altijd.
            gevorderd: Het gaat wel.
            expert: Waarom vraagt u dat?

        """;

    [Fact]
    public void A_card_gives_the_parents_line_for_the_question_at_each_level()
    {
        var card = PersonaLoader.Parse("proef.yaml", Card, Keys);

        Assert.Equal("Niet altijd.", card.StatementFor("persoonlijk-geld", PracticeLevel.Beginner));
        Assert.Equal("Het gaat wel.", card.StatementFor("persoonlijk-geld", PracticeLevel.Intermediate));
        Assert.Equal("Waarom vraagt u dat?", card.StatementFor("persoonlijk-geld", PracticeLevel.Advanced));
        Assert.Null(card.StatementFor("cijfer-ouder", PracticeLevel.Beginner));
        Assert.False(card.Interpreter);
    }

    [Theory]
    [InlineData("key: proef\n", "key: proef\nkleur: blauw\n", "unknown key 'kleur'", 2)]
    [InlineData("language: nl", "language: klingon", "unknown language 'klingon'", 5)]
    [InlineData("questionnaire: jes-gesprekstoel", "questionnaire: ander-script", "unknown questionnaire 'ander-script'", 3)]
    [InlineData("interpreter: false", "interpreter: soms", "'interpreter' must be true or false", 8)]
    [InlineData("  - question: persoonlijk-geld", "  - question: persoonlijk-auto", "the script has no question 'persoonlijk-auto'", 10)]
    [InlineData("    expert: Waarom vraagt u dat?\n", "", "'expert'", 10)]
    [InlineData("    expert: Waarom vraagt u dat?\n", "    expert: x\n    heel-moeilijk: y\n", "unknown key 'heel-moeilijk'", 14)]
    [InlineData("situation: Krap bij kas.\n", "", "'situation'", 1)]
    public void A_broken_card_is_refused_with_file_line_and_reason(string replace, string with, string reason, int line)
    {
        var error = Assert.Throws<QuestionnaireFormatException>(() => PersonaLoader.Parse("kapot.yaml", Card.Replace(replace, with), Keys));

        Assert.Contains(reason, error.Reason);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"kapot.yaml:{line}: ", error.Message);
    }

    [Fact]
    public void Two_statements_for_one_question_are_refused_at_the_second()
    {
        var yaml = Card + "  - question: persoonlijk-geld\n    beginner: a\n    gevorderd: b\n    expert: c\n";

        var error = Assert.Throws<QuestionnaireFormatException>(() => PersonaLoader.Parse("dubbel.yaml", yaml, Keys));

        Assert.Contains("has statements twice", error.Reason);
        Assert.Equal(14, error.Line);
    }
}
