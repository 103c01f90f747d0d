using GesprekTool.Questionnaires;

namespace GesprekTool.Coaching;

/// <summary>
/// Turns a method file into a <see cref="CoachingMethod"/>, or refuses it with file, line and
/// reason, as strictly as questionnaires are read. The format is in docs/coaching.md.
/// </summary>
public static class CoachingMethodLoader
{
    public const int MaxStepMinutes = 90;

    public static CoachingMethod Parse(string file, string yaml)
    {
        var root = YamlReader.Open(file, YamlReader.ParseDocument(file, yaml), "the file");
        root.AllowOnly("key", "title", "description", "showNames", "steps");
        var key = root.Key(root.Required("key"), "key");
        var steps = root.RequiredList("steps").Select(node => ParseStep(root.Child(node, "a step"))).ToList();
        if (steps.Count == 0)
        {
            throw root.Error(root.Required("steps"), "'steps' must hold at least one step");
        }
        var duplicate = steps.GroupBy(s => s.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw root.Error(root.Required("steps"), $"duplicate step key '{duplicate.Key}'");
        }
        return new CoachingMethod(key, root.RequiredString("title"), root.OptionalString("description") ?? "",
            root.OptionalBool("showNames"), steps);
    }

    public static CoachingMethod Load(string path) => Parse(Path.GetFileName(path), File.ReadAllText(path));

    private static CoachingStep ParseStep(YamlReader map)
    {
        map.AllowOnly("key", "title", "minutes", "instruction", "participants", "contribution", "perParticipant", "caseBringerListens");
        var key = map.Key(map.Required("key"), "key");
        var minutes = map.RequiredInt("minutes");
        if (minutes is < 1 or > MaxStepMinutes)
        {
            throw map.Error(map.Required("minutes"), $"'minutes' must be between 1 and {MaxStepMinutes}");
        }
        var contribution = ParseContribution(map);
        var perParticipant = map.OptionalInt("perParticipant") ?? (contribution == ContributionKind.None ? 0 : 1);
        if (contribution == ContributionKind.None && perParticipant != 0)
        {
            throw map.Error(map.Required("perParticipant"), "'perParticipant' needs a 'contribution'");
        }
        if (contribution != ContributionKind.None && perParticipant is < 1 or > 5)
        {
            throw map.Error(map.Optional("perParticipant") ?? map.Required("contribution"), "'perParticipant' must be between 1 and 5");
        }
        return new CoachingStep(key, map.RequiredString("title"), minutes, map.RequiredString("instruction"),
            map.RequiredString("participants"), contribution, perParticipant, map.OptionalBool("caseBringerListens"));
    }

    private static ContributionKind ParseContribution(YamlReader map)
    {
        var node = map.Optional("contribution");
        if (node is null)
        {
            return ContributionKind.None;
        }
        var name = map.Scalar(node, "contribution");
        return Enum.GetValues<ContributionKind>().Cast<ContributionKind?>().FirstOrDefault(k => NameOf(k!.Value) == name)
            ?? throw map.Error(node, $"unknown contribution '{name}' (use {string.Join(", ", Enum.GetValues<ContributionKind>().Select(NameOf))})");
    }

    public static string NameOf(ContributionKind kind) => kind switch
    {
        ContributionKind.None => "none",
        ContributionKind.Case => "case",
        ContributionKind.Question => "question",
        ContributionKind.Advice => "advice",
        ContributionKind.Agreement => "agreement",
    };
}
