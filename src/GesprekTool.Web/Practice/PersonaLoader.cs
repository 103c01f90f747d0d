using GesprekTool.Households;
using GesprekTool.Questionnaires;

namespace GesprekTool.Practice;

/// <summary>
/// Reads a persona card file strictly, as questionnaires are read: unknown keys, missing texts, an
/// unknown language or level, or a statement for a question the script does not have are refused
/// with file and line. The format is in docs/practice.md.
/// </summary>
public static class PersonaLoader
{
    private static readonly string[] Levels = [.. PracticeLevels.All.Values.Select(l => l.Code)];

    /// <param name="questionKeys">The question keys of the script the card names (checked when the
    /// catalogue knows the script; see <see cref="PracticeCatalog"/>).</param>
    public static PersonaCard Parse(string file, string yaml, Func<string, IReadOnlySet<string>?> questionKeys)
    {
        var root = YamlReader.Open(file, YamlReader.ParseDocument(file, yaml), "the file");
        root.AllowOnly("key", "title", "questionnaire", "household", "language", "interpreter", "situation", "parentKnows", "statements");
        var key = root.Key(root.Required("key"), "key");
        var questionnaire = root.Key(root.Required("questionnaire"), "questionnaire");
        var keys = questionKeys(questionnaire) ?? throw root.Error(root.Required("questionnaire"), $"unknown questionnaire '{questionnaire}'");
        var language = root.RequiredString("language");
        if (!HomeLanguages.Dutch.ContainsKey(language))
        {
            throw root.Error(root.Required("language"), $"unknown language '{language}' (use {string.Join(", ", HomeLanguages.Dutch.Keys)})");
        }
        var statements = root.RequiredList("statements").Select(node => ParseStatement(root.Child(node, "a statement"), keys)).ToList();
        if (statements.Count == 0)
        {
            throw root.Error(root.Required("statements"), "'statements' must hold at least one statement");
        }
        var twice = statements.GroupBy(s => s.QuestionKey).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new QuestionnaireFormatException(file, twice.Skip(1).First().Line, $"question '{twice.Key}' has statements twice");
        }
        return new PersonaCard(key, root.RequiredString("title"), questionnaire, root.RequiredString("household"), language,
            root.OptionalBool("interpreter"), root.RequiredString("situation"), root.RequiredString("parentKnows"), statements);
    }

    public static PersonaCard Load(string path, Func<string, IReadOnlySet<string>?> questionKeys) =>
        Parse(Path.GetFileName(path), File.ReadAllText(path), questionKeys);

    private static PersonaStatement ParseStatement(YamlReader map, IReadOnlySet<string> keys)
    {
        map.AllowOnly(["question", .. Levels]);
        var question = map.Key(map.Required("question"), "question");
        if (!keys.Contains(question))
        {
            throw map.Error(map.Required("question"), $"the script has no question '{question}'");
        }
        string Text(PracticeLevel level) => map.RequiredString(PracticeLevels.All[level].Code);
        return new PersonaStatement(question, map.Line, Text(PracticeLevel.Beginner), Text(PracticeLevel.Intermediate), Text(PracticeLevel.Advanced));
    }
}
