namespace GesprekTool.Coaching;

/// <summary>The coaching methods in questionnaires/methods/, loaded at start-up; a broken file stops the start
/// with its file and line, like a broken questionnaire.</summary>
public sealed class CoachingMethodCatalog(ILogger<CoachingMethodCatalog> logger)
{
    public const string FolderName = "methods";
    private IReadOnlyDictionary<string, CoachingMethod> _methods = new Dictionary<string, CoachingMethod>();

    public IReadOnlyList<CoachingMethod> All => _methods.Values.OrderBy(m => m.Title, StringComparer.Ordinal).ToList();

    public CoachingMethod? Find(string key) => _methods.GetValueOrDefault(key);

    public void Load(string questionnaireFolder)
    {
        var folder = Path.Combine(questionnaireFolder, FolderName);
        var methods = new Dictionary<string, CoachingMethod>();
        foreach (var path in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.yaml").Order().ToArray() : [])
        {
            var method = CoachingMethodLoader.Load(path);
            if (!methods.TryAdd(method.Key, method))
            {
                throw new Questionnaires.QuestionnaireFormatException(Path.GetFileName(path), 1, $"method key '{method.Key}' is also used by another file");
            }
        }
        _methods = methods;
        logger.LogInformation("Loaded {Count} coaching methods from {Folder}", methods.Count, folder);
    }
}
