using GesprekTool.Questionnaires;

namespace GesprekTool.Practice;

/// <summary>Reads a rubric file strictly; every refusal names file and line. Format in docs/practice.md.</summary>
public static class RubricLoader
{
    public static readonly IReadOnlyDictionary<string, GlobalGroup> Groups = new Dictionary<string, GlobalGroup>
    {
        ["relationeel"] = GlobalGroup.Relational,
        ["technisch"] = GlobalGroup.Technical,
    };

    public static readonly IReadOnlyDictionary<string, TallyMeaning> Meanings = new Dictionary<string, TallyMeaning>
    {
        ["open-vraag"] = TallyMeaning.OpenQuestion,
        ["gesloten-vraag"] = TallyMeaning.ClosedQuestion,
        ["simpele-reflectie"] = TallyMeaning.SimpleReflection,
        ["complexe-reflectie"] = TallyMeaning.ComplexReflection,
        ["anders"] = TallyMeaning.Other,
    };

    public static Rubric Parse(string file, string yaml)
    {
        var root = YamlReader.Open(file, YamlReader.ParseDocument(file, yaml), "the file");
        root.AllowOnly("key", "title", "source", "globals", "tallies", "thresholds");
        var key = root.Key(root.Required("key"), "key");
        var globalNodes = root.RequiredList("globals");
        var tallyNodes = root.RequiredList("tallies");
        var globals = globalNodes.Select(node => ParseGlobal(root.Child(node, "a global rating"))).ToList();
        var tallies = tallyNodes.Select(node => ParseTally(root.Child(node, "a tally"))).ToList();
        if (globals.Count == 0 || tallies.Count == 0)
        {
            throw root.Error(root.Required(globals.Count == 0 ? "globals" : "tallies"), "a rubric needs at least one global rating and one tally");
        }
        // One key space for both, since taps and ratings are stored by key.
        var seen = new HashSet<string>();
        foreach (var (itemKey, node) in globals.Select(g => g.Key).Zip(globalNodes).Concat(tallies.Select(t => t.Key).Zip(tallyNodes)))
        {
            if (!seen.Add(itemKey))
            {
                throw root.Error(node, $"key '{itemKey}' is used twice");
            }
        }
        return new Rubric(key, root.RequiredString("title"), root.OptionalString("source") ?? "", globals, tallies,
            ParseThresholds(root.RequiredMap("thresholds")));
    }

    public static Rubric Load(string path) => Parse(Path.GetFileName(path), File.ReadAllText(path));

    private static RubricGlobal ParseGlobal(YamlReader map)
    {
        map.AllowOnly("key", "title", "description", "group");
        return new RubricGlobal(map.Key(map.Required("key"), "key"), map.RequiredString("title"), map.RequiredString("description"),
            OneOf(map, "group", Groups));
    }

    private static RubricTally ParseTally(YamlReader map)
    {
        map.AllowOnly("key", "title", "counts-as");
        return new RubricTally(map.Key(map.Required("key"), "key"), map.RequiredString("title"), OneOf(map, "counts-as", Meanings));
    }

    private static RubricThresholds ParseThresholds(YamlReader map)
    {
        map.AllowOnly("reflections-to-questions", "complex-reflection-share", "relational-average", "technical-average");
        return new RubricThresholds(
            ParseThreshold(map.RequiredMap("reflections-to-questions"), max: 10),
            ParseThreshold(map.RequiredMap("complex-reflection-share"), max: 1),
            ParseThreshold(map.RequiredMap("relational-average"), max: 5),
            ParseThreshold(map.RequiredMap("technical-average"), max: 5));
    }

    private static Threshold ParseThreshold(YamlReader map, double max)
    {
        map.AllowOnly("fair", "good");
        var fair = Number(map, "fair", max);
        var good = Number(map, "good", max);
        return good >= fair ? new Threshold(fair, good) : throw map.Error(map.Required("good"), "'good' must not be below 'fair'");
    }

    private static double Number(YamlReader map, string key, double max)
    {
        var text = map.RequiredString(key);
        return double.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= 0 && value <= max
            ? value
            : throw map.Error(map.Required(key), $"'{key}' must be a number from 0 to {max} (with a point for decimals), not '{text}'");
    }

    private static T OneOf<T>(YamlReader map, string key, IReadOnlyDictionary<string, T> codes)
    {
        var value = map.RequiredString(key);
        return codes.TryGetValue(value, out var found)
            ? found
            : throw map.Error(map.Required(key), $"unknown {key} '{value}' (use {string.Join(", ", codes.Keys)})");
    }
}
