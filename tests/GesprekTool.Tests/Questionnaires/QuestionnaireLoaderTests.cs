using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Questionnaires;

public sealed class QuestionnaireLoaderTests
{
    private static Questionnaire Shipped() => QuestionnaireLoader.Load(ShippedQuestionnaire.Path);

    [Fact]
    public void The_shipped_gesprekstoel_has_thirty_questions_in_six_sections_in_the_articles_order()
    {
        var questionnaire = Shipped();

        Assert.Equal(30, questionnaire.Questions.Count());
        Assert.Equal(["gezin", "school", "persoonlijk", "cijfers", "verdieping", "afronding"], questionnaire.Sections.Select(s => s.Key));
        Assert.Equal(Enumerable.Range(1, 30), questionnaire.Questions.Select(q => q.Number));
        Assert.Equal("school-naam", questionnaire.Sections[1].Questions[^1].Key);
    }

    [Fact]
    public void Every_shipped_question_has_Dutch_and_English_text_and_every_type_is_used()
    {
        var questionnaire = Shipped();

        Assert.All(questionnaire.Questions, q => Assert.NotNull(q.Text.In("en")));
        Assert.Equal(Enum.GetValues<AnswerType>().ToHashSet(), questionnaire.Questions.Select(q => q.Type).ToHashSet());
        Assert.NotNull(questionnaire.Scoring);
    }

    [Fact]
    public void A_minimal_file_loads()
    {
        var questionnaire = QuestionnaireLoader.Parse("mini.yaml", Minimal());

        Assert.Equal("mini", questionnaire.Id);
        Assert.Equal(2, questionnaire.Questions.Count());
    }

    [Theory]
    [InlineData("    colour: blue\n", "unknown key 'colour'", 14)]
    [InlineData("      - key: kinderen\n        type: yesno\n        text: { nl: Nog eens? }\n", "duplicate question key 'kinderen'", 14)]
    [InlineData("      - key: later\n        type: yesno\n        showWhen: { question: bestaat-niet, equals: ja }\n        text: { nl: Later? }\n", "showWhen names question 'bestaat-niet'", 16)]
    [InlineData("      - key: raar\n        type: colour\n        text: { nl: Welke kleur? }\n", "unknown answer type 'colour'", 15)]
    [InlineData("      - key: keuze\n        type: choice\n        options:\n          - { value: a, text: { nl: A } }\n          - { value: a, text: { nl: B } }\n        text: { nl: Kies }\n", "duplicate option value 'a'", 18)]
    [InlineData("      - key: getal\n        type: number\n        text: { nl: Hoeveel? }\n", "needs 'min' and 'max'", 14)]
    [InlineData("      - key: engels\n        type: yesno\n        text: { en: English only }\n", "needs a Dutch version", 16)]
    [InlineData("      - key: voorwaarde\n        type: yesno\n        showWhen: { question: kinderen, equals: misschien }\n        text: { nl: Vraag }\n", "has no option 'misschien'", 16)]
    public void A_broken_question_is_refused_with_file_line_and_reason(string extraQuestion, string reason, int line)
    {
        var yaml = Minimal() + extraQuestion;

        var error = Assert.Throws<QuestionnaireFormatException>(() => QuestionnaireLoader.Parse("kapot.yaml", yaml));

        Assert.Equal("kapot.yaml", error.File);
        Assert.Contains(reason, error.Reason);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"kapot.yaml:{line}: ", error.Message);
    }

    [Fact]
    public void A_skip_rule_that_looks_forward_is_refused()
    {
        var yaml = Minimal().Replace("        text: { nl: Hoe oud? }", "        showWhen: { question: later, equals: ja }\n        text: { nl: Hoe oud? }")
            + "      - key: later\n        type: yesno\n        text: { nl: Later }\n";

        var error = Assert.Throws<QuestionnaireFormatException>(() => QuestionnaireLoader.Parse("vooruit.yaml", yaml));

        Assert.Contains("does not exist before this point", error.Reason);
    }

    [Fact]
    public void Text_that_is_not_YAML_is_refused_with_its_line()
    {
        var error = Assert.Throws<QuestionnaireFormatException>(() =>
            QuestionnaireLoader.Parse("stuk.yaml", "id: x\nversion: 1\ntitle: { nl: [unclosed\nsections: []\n"));

        Assert.Contains("not valid YAML", error.Reason);
        Assert.True(error.Line >= 3);
    }

    [Fact]
    public void A_duplicate_mapping_key_is_refused()
    {
        var error = Assert.Throws<QuestionnaireFormatException>(() =>
            QuestionnaireLoader.Parse("dubbel.yaml", Minimal().Replace("version: 1\n", "version: 1\nversion: 2\n")));

        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Bands_must_end_with_an_unbounded_band()
    {
        var yaml = Minimal().Replace("sections:", "scoring:\n  minimumScoredQuestions: 1\n  bands:\n    - { key: a, label: A, balanceBelow: 0 }\n    - { key: b, label: B, balanceBelow: 3 }\nsections:");

        var error = Assert.Throws<QuestionnaireFormatException>(() => QuestionnaireLoader.Parse("banden.yaml", yaml));

        Assert.Contains("the last has none", error.Reason);
    }

    [Fact]
    public void The_shipped_gesprekstoel_names_the_answers_the_weekly_documents_count()
    {
        var reports = Shipped().Reports!;

        Assert.Equal("school-apparaat", reports.DeviceGap.QuestionKey);
        Assert.Equal(["geen", "te-weinig"], reports.DeviceGap.Counts);
        Assert.Equal(["niets"], reports.Needs.LeaveOut);
        Assert.Equal("school-contact", reports.SchoolContact.QuestionKey);
    }

    [Theory]
    [InlineData("bestaat-niet", "[ja]", "reports name question 'bestaat-niet', which does not exist", 15)]
    [InlineData("leeftijd", "[ja]", "'leeftijd' is a text question", 15)]
    [InlineData("kinderen", "[misschien]", "question 'kinderen' has no option 'misschien'", 15)]
    [InlineData("kinderen", "[]", "'counts' needs at least one option value", 15)]
    public void A_report_entry_must_name_an_existing_question_and_its_options(string question, string counts, string reason, int line)
    {
        var yaml = Minimal() + $$"""
            reports:
              homeworkHelp: { question: {{question}}, counts: {{counts}} }
              noWifi: { question: kinderen, counts: [nee] }
              deviceGap: { question: kinderen, counts: [nee] }
              schoolContact: { question: kinderen }
              needs: { question: kinderen, leaveOut: [nee] }

            """;

        var error = Assert.Throws<QuestionnaireFormatException>(() => QuestionnaireLoader.Parse("rapport.yaml", yaml));

        Assert.Contains(reason, error.Reason);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void A_reports_section_without_one_of_its_entries_is_refused()
    {
        var yaml = Minimal() + "reports:\n  homeworkHelp: { question: kinderen, counts: [ja] }\n";

        var error = Assert.Throws<QuestionnaireFormatException>(() => QuestionnaireLoader.Parse("rapport.yaml", yaml));

        Assert.Contains("noWifi", error.Reason);
    }

    // 13 lines; a question appended after it starts on line 14.
    private static string Minimal() => """
        id: mini
        version: 1
        title: { nl: Mini }
        sections:
          - key: gezin
            title: { nl: Gezin }
            questions:
              - key: kinderen
                type: yesno
                text: { nl: Zijn er kinderen? }
              - key: leeftijd
                type: text
                text: { nl: Hoe oud? }

        """;
}
