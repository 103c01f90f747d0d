namespace GesprekTool.Questionnaires;

/// <summary>One version of a conversation script, as loaded from a file in questionnaires/.</summary>
public sealed record Questionnaire(
    string Id,
    int Version,
    LocalizedText Title,
    IReadOnlyList<Section> Sections,
    ScoringRules? Scoring,
    ReportRules? Reports = null)
{
    public IEnumerable<Question> Questions => Sections.SelectMany(s => s.Questions);

    public Question? FindQuestion(string key) => Questions.FirstOrDefault(q => q.Key == key);

    public Section SectionOf(Question question) => Sections.First(s => s.Questions.Contains(question));
}

public sealed record Section(string Key, LocalizedText Title, Condition? ShowWhen, IReadOnlyList<Question> Questions);

public sealed record Question(
    string Key,
    int Number,
    AnswerType Type,
    LocalizedText Text,
    LocalizedText? Tip,
    IReadOnlyList<AnswerOption> Options,
    int? Min,
    int? Max,
    int MaxLength,
    Condition? ShowWhen,
    IReadOnlyList<ScoringRule> Scoring);

public enum AnswerType { Number, YesNo, Choice, MultipleChoice, Scale, Text, School }

public sealed record AnswerOption(string Value, LocalizedText Text);

/// <summary>Text in Dutch and, where given, other languages (ISO 639-1 codes).</summary>
public sealed record LocalizedText(IReadOnlyDictionary<string, string> ByLanguage)
{
    public string Dutch => ByLanguage["nl"];

    public string? In(string language) => ByLanguage.TryGetValue(language, out var text) ? text : null;

    public static LocalizedText DutchOnly(string text) => new(new Dictionary<string, string> { ["nl"] = text });
}

/// <summary>How an answer feeds draaglast (burden) or draagkracht (capacity).</summary>
public enum ScoreScale { Draaglast, Draagkracht }

public sealed record ScoringRule(ScoreScale Scale, int Weight, Condition When, string? Label);

public sealed record ScoringRules(int MinimumScoredQuestions, IReadOnlyList<Band> Bands);

/// <summary>A band applies when draagkracht minus draaglast is below <see cref="BalanceBelow"/>;
/// the last band has no bound and catches the rest.</summary>
public sealed record Band(string Key, string Label, int? BalanceBelow);
