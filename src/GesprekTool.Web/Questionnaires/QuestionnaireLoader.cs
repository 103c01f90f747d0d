using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace GesprekTool.Questionnaires;

/// <summary>
/// Turns a questionnaire file into a <see cref="Questionnaire"/>, or refuses it with file, line and
/// reason. The format is described in docs/questionnaire-format.md.
/// </summary>
public static partial class QuestionnaireLoader
{
    public const int DefaultTextMaxLength = 2000;

    public static Questionnaire Parse(string file, string yaml)
    {
        var root = YamlReader.Open(file, YamlReader.ParseDocument(file, yaml), "the file");
        root.AllowOnly("id", "version", "title", "scoring", "reports", "sections");
        var id = Key(root, root.Required("id"), "id");
        var version = root.RequiredInt("version");
        if (version < 1)
        {
            throw root.Error(root.Required("version"), "'version' must be 1 or higher");
        }
        var context = new ParseContext();
        var sections = root.RequiredList("sections").Select(node => ParseSection(root.Child(node, "a section"), context)).ToList();
        if (sections.Count == 0)
        {
            throw root.Error(root.Required("sections"), "'sections' must hold at least one section");
        }
        var scoring = root.OptionalMap("scoring") is { } scoringMap ? ParseScoring(scoringMap) : null;
        var reports = root.OptionalMap("reports") is { } reportsMap ? ParseReports(reportsMap, context) : null;
        return new Questionnaire(id, version, Text(root.RequiredMap("title")), sections, scoring, reports);
    }

    public static Questionnaire Load(string path) => Parse(Path.GetFileName(path), File.ReadAllText(path));

    /// <summary>What the loader has seen so far: question keys in order, for duplicate and
    /// forward-reference checks.</summary>
    private sealed class ParseContext
    {
        public Dictionary<string, Question> Questions { get; } = [];
        public HashSet<string> SectionKeys { get; } = [];
    }

    private static Section ParseSection(YamlReader map, ParseContext context)
    {
        map.AllowOnly("key", "title", "showWhen", "questions");
        var key = Key(map, map.Required("key"), "key");
        if (!context.SectionKeys.Add(key))
        {
            throw map.Error(map.Required("key"), $"duplicate section key '{key}'");
        }
        var showWhen = map.OptionalMap("showWhen") is { } when ? ParseSkipCondition(when, context) : null;
        var questions = map.RequiredList("questions").Select(node => ParseQuestion(map.Child(node, "a question"), context)).ToList();
        if (questions.Count == 0)
        {
            throw map.Error(map.Required("questions"), $"section '{key}' has no questions");
        }
        return new Section(key, Text(map.RequiredMap("title")), showWhen, questions);
    }

    private static Question ParseQuestion(YamlReader map, ParseContext context)
    {
        map.AllowOnly("key", "type", "text", "tip", "options", "min", "max", "maxLength", "showWhen", "scoring");
        var keyNode = map.Required("key");
        var key = Key(map, keyNode, "key");
        if (context.Questions.ContainsKey(key))
        {
            throw map.Error(keyNode, $"duplicate question key '{key}'");
        }
        var type = ParseType(map);
        var options = ParseOptions(map, type);
        var (min, max) = ParseRange(map, type);
        var maxLength = map.OptionalInt("maxLength") ?? DefaultTextMaxLength;
        var showWhen = map.OptionalMap("showWhen") is { } when ? ParseSkipCondition(when, context) : null;
        var question = new Question(key, context.Questions.Count + 1, type, Text(map.RequiredMap("text")),
            map.OptionalMap("tip") is { } tip ? Text(tip) : null, options, min, max, maxLength, showWhen, []);
        var scoring = map.OptionalList("scoring").Select(node => ParseScoringRule(map.Child(node, "a scoring rule"), question)).ToList();
        question = question with { Scoring = scoring };
        context.Questions.Add(key, question);
        return question;
    }

    private static AnswerType ParseType(YamlReader map)
    {
        var node = map.Required("type");
        var name = map.Scalar(node, "type");
        // One mapping (TypeName) for reading and naming types, so a new type is added in one place.
        return Enum.GetValues<AnswerType>().Cast<AnswerType?>().FirstOrDefault(t => TypeName(t!.Value) == name)
            ?? throw map.Error(node, $"unknown answer type '{name}' (use {string.Join(", ", Enum.GetValues<AnswerType>().Select(TypeName))})");
    }

    private static IReadOnlyList<AnswerOption> ParseOptions(YamlReader map, AnswerType type)
    {
        var nodes = map.OptionalList("options");
        var needsOptions = type is AnswerType.Choice or AnswerType.MultipleChoice;
        if (needsOptions && nodes.Count < 2)
        {
            throw map.Error($"a {TypeName(type)} question needs 'options' with at least two choices");
        }
        if (!needsOptions && nodes.Count > 0)
        {
            throw map.Error(map.Required("options"), $"a {TypeName(type)} question takes no 'options'");
        }
        if (type == AnswerType.YesNo)
        {
            return [new("ja", new(new Dictionary<string, string> { ["nl"] = "Ja", ["en"] = "Yes", ["ar"] = "نعم", ["tr"] = "Evet", ["pl"] = "Tak" })),
                    new("nee", new(new Dictionary<string, string> { ["nl"] = "Nee", ["en"] = "No", ["ar"] = "لا", ["tr"] = "Hayır", ["pl"] = "Nie" }))];
        }
        var options = new List<AnswerOption>();
        foreach (var node in nodes)
        {
            var option = map.Child(node, "an option");
            option.AllowOnly("value", "text");
            var value = Key(option, option.Required("value"), "value");
            if (options.Any(o => o.Value == value))
            {
                throw option.Error(option.Required("value"), $"duplicate option value '{value}'");
            }
            options.Add(new AnswerOption(value, Text(option.RequiredMap("text"))));
        }
        return options;
    }

    private static (int? Min, int? Max) ParseRange(YamlReader map, AnswerType type)
    {
        if (type == AnswerType.Scale)
        {
            return (1, 10);
        }
        var min = map.OptionalInt("min");
        var max = map.OptionalInt("max");
        if (type != AnswerType.Number && (min is not null || max is not null))
        {
            throw map.Error(map.Optional("min") ?? map.Required("max"), $"'min' and 'max' only apply to number questions");
        }
        if (type == AnswerType.Number && (min is null || max is null || min > max))
        {
            throw map.Error("a number question needs 'min' and 'max' with min <= max");
        }
        return (min, max);
    }

    private static Condition ParseSkipCondition(YamlReader map, ParseContext context)
    {
        var condition = ParseCondition(map, requireQuestion: true);
        if (!context.Questions.TryGetValue(condition.Question!, out var target))
        {
            throw map.Error(map.Required("question"),
                $"showWhen names question '{condition.Question}', which does not exist before this point (a condition can only look back)");
        }
        CheckConditionFits(map, condition, target);
        return condition;
    }

    private static ScoringRule ParseScoringRule(YamlReader map, Question question)
    {
        map.AllowOnly("counts", "weight", "when", "label");
        var countsNode = map.Required("counts");
        var scale = map.Scalar(countsNode, "counts") switch
        {
            "draaglast" => ScoreScale.Draaglast,
            "draagkracht" => ScoreScale.Draagkracht,
            var other => throw map.Error(countsNode, $"'counts' must be draaglast or draagkracht, not '{other}'"),
        };
        var weight = map.RequiredInt("weight");
        if (weight is < 1 or > 10)
        {
            throw map.Error(map.Required("weight"), "'weight' must be between 1 and 10");
        }
        var when = ParseCondition(map.RequiredMap("when"), requireQuestion: false);
        CheckConditionFits(map, when, question);
        return new ScoringRule(scale, weight, when, map.OptionalString("label"));
    }

    private static Condition ParseCondition(YamlReader map, bool requireQuestion)
    {
        map.AllowOnly(requireQuestion ? ["question", "equals", "anyOf", "atLeast", "atMost"] : ["equals", "anyOf", "atLeast", "atMost"]);
        var question = requireQuestion ? map.RequiredString("question") : null;
        var anyOf = new List<string>();
        if (map.OptionalString("equals") is { } equals)
        {
            anyOf.Add(equals);
        }
        anyOf.AddRange(map.OptionalList("anyOf").Select(node => map.Scalar(node, "anyOf")));
        var atLeast = map.OptionalInt("atLeast");
        var atMost = map.OptionalInt("atMost");
        var hasValues = anyOf.Count > 0;
        var hasRange = atLeast is not null || atMost is not null;
        if (hasValues == hasRange)
        {
            throw map.Error("a condition needs either 'equals'/'anyOf' or 'atLeast'/'atMost'");
        }
        return new Condition(question, anyOf, atLeast, atMost);
    }

    private static void CheckConditionFits(YamlReader map, Condition condition, Question target)
    {
        var numeric = target.Type is AnswerType.Number or AnswerType.Scale;
        if (numeric && condition.AnyOf.Count > 0)
        {
            throw map.Error($"question '{target.Key}' is a {TypeName(target.Type)} question: use atLeast/atMost");
        }
        if (!numeric && condition.AnyOf.Count == 0)
        {
            throw map.Error($"question '{target.Key}' is a {TypeName(target.Type)} question: use equals/anyOf");
        }
        if (target.Type is AnswerType.Text or AnswerType.School)
        {
            throw map.Error($"a condition cannot test {TypeName(target.Type)} question '{target.Key}'");
        }
        var unknown = condition.AnyOf.FirstOrDefault(value => target.Options.All(o => o.Value != value));
        if (unknown is not null)
        {
            throw map.Error($"question '{target.Key}' has no option '{unknown}'");
        }
    }

    private static ScoringRules ParseScoring(YamlReader map)
    {
        map.AllowOnly("minimumScoredQuestions", "bands");
        var bands = new List<Band>();
        var nodes = map.RequiredList("bands");
        foreach (var node in nodes)
        {
            var band = map.Child(node, "a band");
            band.AllowOnly("key", "label", "balanceBelow");
            bands.Add(new Band(Key(band, band.Required("key"), "key"), band.RequiredString("label"), band.OptionalInt("balanceBelow")));
        }
        if (bands.Count < 2 || bands[^1].BalanceBelow is not null || bands.SkipLast(1).Any(b => b.BalanceBelow is null))
        {
            throw map.Error(map.Required("bands"), "'bands' needs at least two bands; every band but the last has 'balanceBelow', the last has none");
        }
        for (var i = 1; i < bands.Count - 1; i++)
        {
            if (bands[i].BalanceBelow <= bands[i - 1].BalanceBelow)
            {
                throw map.Error(nodes[i], "'balanceBelow' must increase from band to band");
            }
        }
        return new ScoringRules(map.RequiredInt("minimumScoredQuestions"), bands);
    }

    private static ReportRules ParseReports(YamlReader map, ParseContext context)
    {
        map.AllowOnly(ReportRules.EntryNames);
        ReportShare Share(string name)
        {
            var (key, values) = ReportEntry(map.RequiredMap(name), "counts", context, atLeastOne: true);
            return new ReportShare(key, values);
        }
        ReportTally Tally(string name)
        {
            var (key, values) = ReportEntry(map.RequiredMap(name), "leaveOut", context, atLeastOne: false);
            return new ReportTally(key, values);
        }
        return new ReportRules(Share("homeworkHelp"), Share("noWifi"), Share("deviceGap"), Tally("schoolContact"), Tally("needs"));
    }

    /// <summary>One report entry: a question with options, and a list of its option values.</summary>
    private static (string QuestionKey, IReadOnlyList<string> Values) ReportEntry(
        YamlReader map, string valuesName, ParseContext context, bool atLeastOne)
    {
        map.AllowOnly("question", valuesName);
        var questionNode = map.Required("question");
        var key = map.Scalar(questionNode, "question");
        if (!context.Questions.TryGetValue(key, out var question))
        {
            throw map.Error(questionNode, $"reports name question '{key}', which does not exist");
        }
        if (question.Options.Count == 0)
        {
            throw map.Error(questionNode, $"reports can only count a question with options; '{key}' is a {TypeName(question.Type)} question");
        }
        var values = map.OptionalList(valuesName).Select(node => map.Scalar(node, valuesName)).ToList();
        if (atLeastOne && values.Count == 0)
        {
            throw map.Error($"'{valuesName}' needs at least one option value of '{key}'");
        }
        var unknown = values.FirstOrDefault(value => question.Options.All(o => o.Value != value));
        if (unknown is not null)
        {
            throw map.Error(map.Required(valuesName), $"question '{key}' has no option '{unknown}'");
        }
        return (key, values);
    }

    private static LocalizedText Text(YamlReader map)
    {
        var texts = new Dictionary<string, string>();
        foreach (var (language, value) in map.Entries())
        {
            if (!LanguageCode().IsMatch(language))
            {
                throw map.Error(value, $"'{language}' is not a two-letter language code");
            }
            texts[language] = map.Scalar(value, language);
        }
        if (!texts.ContainsKey("nl"))
        {
            throw map.Error("every text needs a Dutch version ('nl')");
        }
        return new LocalizedText(texts);
    }

    private static string Key(YamlReader map, YamlNode node, string name)
    {
        var value = map.Scalar(node, name);
        return KeyPattern().IsMatch(value)
            ? value
            : throw map.Error(node, $"'{name}' must be lower-case letters, digits and dashes, not '{value}'");
    }

    private static string TypeName(AnswerType type) => type switch
    {
        AnswerType.Number => "number",
        AnswerType.YesNo => "yesno",
        AnswerType.Choice => "choice",
        AnswerType.MultipleChoice => "multichoice",
        AnswerType.Scale => "scale",
        AnswerType.Text => "text",
        AnswerType.School => "school",
    };

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();
}
