using GesprekTool.Questionnaires;

namespace GesprekTool.Practice;

/// <summary>
/// Persona cards (questionnaires/personas/) and rubrics (questionnaires/rubrics/), loaded at start-up
/// after the questionnaires, whose question keys the cards must use. A broken file stops the start
/// with its file and line, like a broken questionnaire.
/// </summary>
public sealed class PracticeCatalog(QuestionnaireCatalog questionnaires, ILogger<PracticeCatalog> logger)
{
    public const string PersonaFolder = "personas";
    public const string RubricFolder = "rubrics";
    private IReadOnlyDictionary<string, PersonaCard> _personas = new Dictionary<string, PersonaCard>();
    private IReadOnlyDictionary<string, Rubric> _rubrics = new Dictionary<string, Rubric>();

    public IReadOnlyList<PersonaCard> Personas => _personas.Values.OrderBy(p => p.Title, StringComparer.Ordinal).ToList();
    public IReadOnlyList<Rubric> Rubrics => _rubrics.Values.OrderBy(r => r.Title, StringComparer.Ordinal).ToList();

    public PersonaCard? Persona(string key) => _personas.GetValueOrDefault(key);

    public Rubric? Rubric(string key) => _rubrics.GetValueOrDefault(key);

    public void Load(string questionnaireFolder)
    {
        _personas = LoadFolder(Path.Combine(questionnaireFolder, PersonaFolder), path => PersonaLoader.Load(path, QuestionKeys), p => p.Key);
        _rubrics = LoadFolder(Path.Combine(questionnaireFolder, RubricFolder), RubricLoader.Load, r => r.Key);
        logger.LogInformation("Loaded {Personas} persona cards and {Rubrics} rubrics", _personas.Count, _rubrics.Count);
    }

    /// <summary>The questions of the script's current version; null for a script that is not loaded.</summary>
    private IReadOnlySet<string>? QuestionKeys(string questionnaireId)
    {
        try
        {
            return questionnaires.Current(questionnaireId).Questions.Select(q => q.Key).ToHashSet();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static Dictionary<string, T> LoadFolder<T>(string folder, Func<string, T> load, Func<T, string> keyOf)
    {
        var loaded = new Dictionary<string, T>();
        foreach (var path in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.yaml").Order().ToArray() : [])
        {
            var item = load(path);
            if (!loaded.TryAdd(keyOf(item), item))
            {
                throw new QuestionnaireFormatException(Path.GetFileName(path), 1, $"key '{keyOf(item)}' is also used by another file");
            }
        }
        return loaded;
    }
}
