using GesprekTool.Conversations;
using GesprekTool.Questionnaires;
using GesprekTool.Schools;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Conversations;

/// <summary>The pieces of the conversation page, rendered to HTML and read back.</summary>
public sealed class ConversationComponentTests
{
    private static readonly Questionnaire Script = ShippedQuestionnaire.Script;

    private static Task<AngleSharp.Html.Dom.IHtmlDocument> RenderQuestionAsync(string key, IReadOnlyList<string>? shown = null,
        string language = "nl", string? error = null, bool applies = true, bool readOnly = false) =>
        ComponentRenderer.RenderAsync<QuestionField>(new()
        {
            [nameof(QuestionField.Question)] = Script.FindQuestion(key)!,
            [nameof(QuestionField.Shown)] = shown ?? [],
            [nameof(QuestionField.Language)] = language,
            [nameof(QuestionField.Error)] = error,
            [nameof(QuestionField.Applies)] = applies,
            [nameof(QuestionField.ReadOnly)] = readOnly,
            [nameof(QuestionField.Schools)] = new List<School> { new() { Id = 4, Name = "De Regenboog", IsActive = true } },
        });

    [Fact]
    public async Task A_rating_question_offers_ten_choices_with_the_saved_one_checked()
    {
        var html = await RenderQuestionAsync("cijfer-ouder", ["7"]);

        var radios = html.QuerySelectorAll("input[type=radio][name='a.cijfer-ouder']");
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i.ToString()), radios.Select(r => r.GetAttribute("value")));
        Assert.Equal("7", Assert.Single(radios, r => r.HasAttribute("checked")).GetAttribute("value"));
        Assert.Equal("19.", html.QuerySelector(".qnum")?.TextContent);
    }

    [Fact]
    public async Task The_worker_sees_the_tip_and_the_question_in_the_households_language_right_to_left_for_Arabic()
    {
        var arabic = await RenderQuestionAsync("school-wifi", language: "ar");
        var tigrinya = await RenderQuestionAsync("school-wifi", language: "ti");
        var dutch = await RenderQuestionAsync("school-wifi");

        Assert.Contains("bundel op de telefoon", arabic.QuerySelector(".tip")?.TextContent);
        Assert.Equal("ar", arabic.QuerySelector(".translation")?.GetAttribute("lang"));
        Assert.Equal("rtl", arabic.QuerySelector(".translation")?.GetAttribute("dir"));
        Assert.Equal("هل يوجد اتصال واي فاي يعمل في البيت؟", arabic.QuerySelector(".translation")?.TextContent);
        // The answers in the same language, so the worker can read them out too.
        Assert.Equal(["نعم", "لا"], arabic.QuerySelectorAll(".option-translation[lang=ar]").Select(o => o.TextContent));
        // No Tigrinya text in the file: the English translation is shown, marked as English.
        Assert.Equal("en", tigrinya.QuerySelector(".translation")?.GetAttribute("lang"));
        Assert.Equal("Is there a working wifi connection at home?", tigrinya.QuerySelector(".translation")?.TextContent);
        Assert.Null(dutch.QuerySelector(".translation"));
        Assert.Null(dutch.QuerySelector(".option-translation"));
    }

    [Fact]
    public async Task A_refused_answer_shows_its_message_and_what_was_typed()
    {
        var html = await RenderQuestionAsync("gezin-kinderen", ["drie"], error: "Vul een heel getal in van 0 tot en met 15.");

        Assert.Equal("drie", html.QuerySelector("input[name='a.gezin-kinderen']")?.GetAttribute("value"));
        Assert.Equal("Vul een heel getal in van 0 tot en met 15.", html.QuerySelector("#fout-gezin-kinderen")?.TextContent);
        Assert.Contains("fout-gezin-kinderen", html.QuerySelector("input")?.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task A_skipped_question_is_rendered_hidden_and_a_finished_conversation_read_only()
    {
        var skipped = await RenderQuestionAsync("gezin-leeftijden", applies: false);
        var finished = await RenderQuestionAsync("gezin-leeftijden", ["4 en 6"], readOnly: true);

        Assert.True(skipped.QuerySelector("[data-question]")!.HasAttribute("hidden"));
        Assert.True(finished.QuerySelector("fieldset")!.HasAttribute("disabled"));
        Assert.Equal("4 en 6", finished.QuerySelector("textarea")?.TextContent);
    }

    [Fact]
    public async Task The_school_question_lists_the_schools_and_other_school()
    {
        var html = await RenderQuestionAsync("school-naam", ["4"]);

        var boxes = html.QuerySelectorAll("input[type=checkbox][name='a.school-naam']");
        Assert.Equal(["4", "anders"], boxes.Select(b => b.GetAttribute("value")));
        Assert.True(boxes[0].HasAttribute("checked"));
    }

    [Fact]
    public async Task A_declined_question_shows_the_box_ticked_and_the_answer_field_empty()
    {
        var html = await RenderQuestionAsync("gezin-kinderen", [GesprekTool.Questionnaires.AnswerValues.Declined]);

        Assert.True(html.QuerySelector("input[name='weigert.gezin-kinderen']")!.HasAttribute("checked"));
        Assert.Equal("", html.QuerySelector("input[name='a.gezin-kinderen']")!.GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task The_section_list_marks_the_current_section_counts_answers_and_shows_skipped_sections()
    {
        var answers = new Dictionary<string, string> { ["gezin-kinderen"] = "2", ["gezin-schoolgaand"] = "nee" };

        var html = await ComponentRenderer.RenderAsync<SectionNav>(new()
        {
            [nameof(SectionNav.Questionnaire)] = Script,
            [nameof(SectionNav.Answers)] = answers,
            [nameof(SectionNav.Current)] = "gezin",
            [nameof(SectionNav.ConversationId)] = 12L,
        });

        Assert.Equal("step", html.QuerySelector("[data-section=gezin] a")?.GetAttribute("aria-current"));
        Assert.Equal("2/6", html.QuerySelector("[data-section=gezin] .count")?.TextContent);
        Assert.Contains("skipped", html.QuerySelector("[data-section=school]")?.ClassName);
        Assert.Equal("overgeslagen", html.QuerySelector("[data-section=school] .count")?.TextContent);
        Assert.Equal(ConversationPage.Url(12, "persoonlijk"), html.QuerySelector("[data-section=persoonlijk] a")?.GetAttribute("href"));
    }
}
