using System.Security.Cryptography;
using System.Text;
using Dapper;
using GesprekTool.Data;
using YamlDotNet.RepresentationModel;

namespace GesprekTool.Questionnaires;

/// <summary>
/// All questionnaire versions the app knows: the files in the questionnaires folder, plus every
/// version ever used (kept in the database), so a conversation held under an old version still
/// displays after the file was replaced. A file whose content changed without a new version
/// number is refused, because answers given under that version would silently change meaning.
/// </summary>
public sealed class QuestionnaireCatalog(Database database, TimeProvider clock, ILogger<QuestionnaireCatalog> logger)
{
    private readonly Dictionary<(string Id, int Version), Questionnaire> _versions = [];
    private readonly Dictionary<string, int> _current = [];

    public Questionnaire Current(string id) =>
        _current.TryGetValue(id, out var version) ? _versions[(id, version)]
            : throw new InvalidOperationException($"No questionnaire '{id}' in the questionnaires folder.");

    public Questionnaire? Find(string id, int version) => _versions.GetValueOrDefault((id, version));

    public async Task LoadAsync(string directory)
    {
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.yaml").Concat(Directory.GetFiles(directory, "*.yml")).Order().ToList()
            : throw new StartupRefusedException($"Questionnaire folder not found: {Path.GetFullPath(directory)} (set Questionnaires:Directory).");
        if (files.Count == 0)
        {
            throw new StartupRefusedException($"The questionnaire folder {Path.GetFullPath(directory)} holds no .yaml file; at least one conversation script is needed.");
        }
        await using var connection = await database.OpenAsync();
        foreach (var path in files)
        {
            var source = await File.ReadAllTextAsync(path);
            var questionnaire = QuestionnaireLoader.Parse(path, source);
            await RecordVersionAsync(connection, path, source, questionnaire);
            Add(questionnaire);
            _current[questionnaire.Id] = Math.Max(_current.GetValueOrDefault(questionnaire.Id), questionnaire.Version);
        }
        var stored = await connection.QueryAsync<StoredVersion>(
            "SELECT questionnaire_id, version, source FROM questionnaire_versions");
        foreach (var old in stored.Where(s => !_versions.ContainsKey((s.QuestionnaireId, s.Version))))
        {
            Add(QuestionnaireLoader.Parse($"stored version {old.Version} of {old.QuestionnaireId}", old.Source));
        }
        logger.LogInformation("Loaded {Count} questionnaire versions from {Directory}", _versions.Count, directory);
    }

    private sealed class StoredVersion
    {
        public string QuestionnaireId { get; init; } = "";
        public int Version { get; init; }
        public string Source { get; init; } = "";
    }

    private void Add(Questionnaire questionnaire) => _versions[(questionnaire.Id, questionnaire.Version)] = questionnaire;

    private async Task RecordVersionAsync(System.Data.Common.DbConnection connection, string path, string source, Questionnaire questionnaire)
    {
        if (_versions.ContainsKey((questionnaire.Id, questionnaire.Version)))
        {
            throw new QuestionnaireFormatException(path, 1,
                $"version {questionnaire.Version} of '{questionnaire.Id}' is also defined by another file");
        }
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source.ReplaceLineEndings("\n"))));
        var known = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT sha256 FROM questionnaire_versions WHERE questionnaire_id = @Id AND version = @Version",
            new { questionnaire.Id, questionnaire.Version });
        if (known is null)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO questionnaire_versions (questionnaire_id, version, sha256, source, first_loaded_at)
                VALUES (@Id, @Version, @hash, @source, @now)
                """, new { questionnaire.Id, questionnaire.Version, hash, source, now = clock.GetUtcNow() });
        }
        else if (known != hash && await StoredSourceAsync(connection, questionnaire) is { } stored && MeaningOf(stored) == MeaningOf(source))
        {
            // Only what the weekly documents read (the reports section), translations, comments or layout changed:
            // answers keep their meaning, so keep the new text as this version's stored copy.
            await connection.ExecuteAsync(
                "UPDATE questionnaire_versions SET sha256 = @hash, source = @source WHERE questionnaire_id = @Id AND version = @Version",
                new { questionnaire.Id, questionnaire.Version, hash, source });
            logger.LogInformation("Version {Version} of {Id}: reports section, translations, comments or layout updated", questionnaire.Version, questionnaire.Id);
        }
        else if (known != hash)
        {
            throw new QuestionnaireFormatException(path, LineOfVersion(source),
                $"version {questionnaire.Version} of '{questionnaire.Id}' is already in use with different content; " +
                "save the changed questionnaire with a new version number so earlier answers keep their meaning");
        }
    }

    private static Task<string?> StoredSourceAsync(System.Data.Common.DbConnection connection, Questionnaire questionnaire) =>
        connection.QuerySingleOrDefaultAsync<string>(
            "SELECT source FROM questionnaire_versions WHERE questionnaire_id = @Id AND version = @Version",
            new { questionnaire.Id, questionnaire.Version });

    /// <summary>
    /// What answers under a version mean: the file's content without its <c>reports</c> section, comments,
    /// layout (re-serialised from the parsed YAML) and translations. The Dutch text is the question; a
    /// translation only helps the worker ask it, so one may be added or corrected in place.
    /// </summary>
    private static string MeaningOf(string source)
    {
        var root = (YamlMappingNode)YamlReader.ParseDocument("stored", source);
        var meaning = new YamlMappingNode(
            root.Children.Where(entry => entry.Key is not YamlScalarNode { Value: "reports" }).Select(entry => WithoutTranslations(entry.Key, entry.Value)));
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(meaning)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static KeyValuePair<YamlNode, YamlNode> WithoutTranslations(YamlNode key, YamlNode value) => value switch
    {
        YamlMappingNode text when key is YamlScalarNode { Value: "text" or "title" } =>
            new(key, new YamlMappingNode(text.Children.Where(entry => entry.Key is YamlScalarNode { Value: "nl" }))),
        YamlMappingNode map => new(key, new YamlMappingNode(map.Children.Select(entry => WithoutTranslations(entry.Key, entry.Value)))),
        YamlSequenceNode list => new(key, new YamlSequenceNode(list.Children.Select(item => WithoutTranslations(key, item).Value))),
        _ => new(key, value),
    };

    private static int LineOfVersion(string source) =>
        source.ReplaceLineEndings("\n").Split('\n').ToList().FindIndex(l => l.StartsWith("version:", StringComparison.Ordinal)) + 1;
}
