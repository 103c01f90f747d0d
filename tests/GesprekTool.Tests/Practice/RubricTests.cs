using GesprekTool.Practice;
using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Practice;

public sealed class RubricTests
{
    private static readonly Rubric Miti = RubricLoader.Load(Path.Combine(RepositoryPaths.Questionnaires, "rubrics", "miti.yaml"));

    private static RubricSummary Summarise(Dictionary<string, int> tallies, Dictionary<string, int>? ratings = null) =>
        RubricSummary.From(Miti, tallies, ratings ?? []);

    [Fact]
    public void The_shipped_rubric_has_the_four_MITI_globals_and_the_seven_tallies_with_its_thresholds()
    {
        Assert.Equal(["partnerschap", "empathie", "verandertaal-uitlokken", "behoudtaal-verzachten"], Miti.Globals.Select(g => g.Key));
        Assert.Equal(7, Miti.Tallies.Count);
        Assert.Equal(new Threshold(1, 2), Miti.Thresholds.ReflectionsToQuestions);
        Assert.Equal(new Threshold(0.4, 0.5), Miti.Thresholds.ComplexReflectionShare);
        Assert.Equal(new Threshold(3.5, 4), Miti.Thresholds.RelationalAverage);
        Assert.Equal(new Threshold(3, 4), Miti.Thresholds.TechnicalAverage);
    }

    [Fact]
    public void Reflections_to_questions_counts_both_kinds_of_each()
    {
        var summary = Summarise(new() { ["open-vraag"] = 3, ["gesloten-vraag"] = 1, ["simpele-reflectie"] = 3, ["complexe-reflectie"] = 3, ["bevestiging"] = 5 });

        Assert.Equal(1.5, summary.ReflectionsToQuestions.Value);
        Assert.Equal(Verdict.Fair, summary.ReflectionsToQuestions.Verdict);
        Assert.Equal(0.5, summary.ComplexReflectionShare.Value);
        Assert.Equal(Verdict.Good, summary.ComplexReflectionShare.Verdict);
    }

    [Theory]
    [InlineData(0.99, Verdict.BelowFair)]
    [InlineData(1.0, Verdict.Fair)]
    [InlineData(1.99, Verdict.Fair)]
    [InlineData(2.0, Verdict.Good)]
    public void A_figure_is_judged_fair_from_the_fair_level_and_good_from_the_good_level(double value, Verdict verdict) =>
        Assert.Equal(verdict, RubricSummary.Judge(value, new Threshold(1, 2)).Verdict);

    [Fact]
    public void Without_questions_or_reflections_the_ratios_cannot_be_computed()
    {
        var summary = Summarise(new() { ["bevestiging"] = 2 });

        Assert.Null(summary.ReflectionsToQuestions.Value);
        Assert.Equal(Verdict.NotApplicable, summary.ReflectionsToQuestions.Verdict);
        Assert.Equal(Verdict.NotApplicable, summary.ComplexReflectionShare.Verdict);
    }

    [Fact]
    public void The_relational_and_technical_averages_use_only_the_rated_globals_of_their_group()
    {
        var summary = Summarise([], new() { ["partnerschap"] = 4, ["empathie"] = 3, ["verandertaal-uitlokken"] = 2 });

        Assert.Equal(3.5, summary.RelationalAverage.Value);
        Assert.Equal(Verdict.Fair, summary.RelationalAverage.Verdict);
        Assert.Equal(2, summary.TechnicalAverage.Value);
        Assert.Equal(Verdict.BelowFair, summary.TechnicalAverage.Verdict);
    }

    private const string Minimal = """
        key: proef
        title: Proef
        globals:
          - key: partnerschap
            title: Partnerschap
            description: Samen.
            group: relationeel
        tallies:
          - key: open-vraag
            title: Open vraag
            counts-as: open-vraag
        thresholds:
          reflections-to-questions: { fair: 1, good: 2 }
          complex-reflection-share: { fair: 0.4, good: 0.5 }
          relational-average: { fair: 3.5, good: 4 }
          technical-average: { fair: 3, good: 4 }

        """;

    [Fact]
    public void A_minimal_rubric_loads() => Assert.Equal("proef", RubricLoader.Parse("r.yaml", Minimal).Key);

    [Theory]
    [InlineData("group: relationeel", "group: gezellig", "unknown group 'gezellig'", 7)]
    [InlineData("counts-as: open-vraag", "counts-as: monoloog", "unknown counts-as 'monoloog'", 11)]
    [InlineData("{ fair: 0.4, good: 0.5 }", "{ fair: 0.6, good: 0.5 }", "'good' must not be below 'fair'", 14)]
    [InlineData("{ fair: 3, good: 4 }", "{ fair: drie, good: 4 }", "'fair' must be a number from 0 to 5", 16)]
    [InlineData("{ fair: 3.5, good: 4 }", "{ fair: 3.5, good: 7 }", "'good' must be a number from 0 to 5", 15)]
    [InlineData("title: Proef\n", "title: Proef\nversie: 2\n", "unknown key 'versie'", 3)]
    [InlineData("  - key: open-vraag", "  - key: partnerschap", "key 'partnerschap' is used twice", 9)]
    public void A_broken_rubric_is_refused_with_file_line_and_reason(string replace, string with, string reason, int line)
    {
        var error = Assert.Throws<QuestionnaireFormatException>(() => RubricLoader.Parse("kapot.yaml", Minimal.Replace(replace, with)));

        Assert.Contains(reason, error.Reason);
        Assert.Equal(line, error.Line);
    }
}
