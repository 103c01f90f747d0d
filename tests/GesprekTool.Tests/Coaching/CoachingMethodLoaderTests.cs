using GesprekTool.Coaching;
using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Coaching;

public sealed class CoachingMethodLoaderTests
{
    private static CoachingMethod Shipped(string key) =>
        CoachingMethodLoader.Load(Path.Combine(RepositoryPaths.Questionnaires, "methods", key + ".yaml"));

    [Fact]
    public void The_incidentmethode_has_its_seven_steps_with_their_time_boxes()
    {
        var method = Shipped("incidentmethode");

        Assert.Equal([5, 10, 5, 15, 10, 10, 10], method.Steps.Select(s => s.Minutes));
        Assert.Equal(65, method.TotalMinutes);
        var questions = method.Steps[3];
        Assert.Equal(ContributionKind.Question, questions.Contribution);
        Assert.Equal(2, questions.PerParticipant);
        Assert.True(method.Steps[4].CaseBringerListens);
        Assert.Equal(ContributionKind.Advice, method.Steps[5].Contribution);
        Assert.False(method.ShowNames);
    }

    [Theory]
    [InlineData("casusbespreking")]
    [InlineData("oefensessie")]
    public void Every_shipped_method_loads(string key) => Assert.Equal(key, Shipped(key).Key);

    [Theory]
    [InlineData("    minutes: 5\n    colour: blue\n", "unknown key 'colour'", 11)]
    [InlineData("    minutes: 0\n", "'minutes' must be between 1 and 90", 10)]
    [InlineData("    minutes: 5\n    contribution: poem\n", "unknown contribution 'poem'", 11)]
    [InlineData("    minutes: 5\n    perParticipant: 2\n", "'perParticipant' needs a 'contribution'", 11)]
    [InlineData("    minutes: 5\n    contribution: question\n    perParticipant: 9\n", "'perParticipant' must be between 1 and 5", 12)]
    [InlineData("    minutes: 5\n    caseBringerListens: soms\n", "'caseBringerListens' must be true or false", 11)]
    public void A_broken_step_is_refused_with_file_line_and_reason(string extra, string reason, int line)
    {
        var error = Assert.Throws<QuestionnaireFormatException>(() => CoachingMethodLoader.Parse("kapot.yaml", Minimal() + extra));

        Assert.Contains(reason, error.Reason);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"kapot.yaml:{line}: ", error.Message);
    }

    [Fact]
    public void A_step_without_an_instruction_is_refused()
    {
        var error = Assert.Throws<QuestionnaireFormatException>(() =>
            CoachingMethodLoader.Parse("m.yaml", Minimal().Replace("    instruction: Vertel kort.\n", "") + "    minutes: 5\n"));

        Assert.Contains("instruction", error.Reason);
    }

    [Fact]
    public void Two_steps_with_one_key_are_refused()
    {
        var yaml = Minimal() + "    minutes: 5\n  - key: terugblik\n    title: Nog eens\n    minutes: 5\n    instruction: x\n    participants: y\n";

        var error = Assert.Throws<QuestionnaireFormatException>(() => CoachingMethodLoader.Parse("m.yaml", yaml));

        Assert.Contains("duplicate step key 'terugblik'", error.Reason);
    }

    // 9 lines, the one step without its minutes; a key appended to that step lands on line 10.
    private static string Minimal() => """
        key: mini
        title: Mini
        description: Een korte methode.
        showNames: false
        steps:
          - key: terugblik
            title: Terugblik
            instruction: Vertel kort.
            participants: Iedereen vertelt.

        """;
}
