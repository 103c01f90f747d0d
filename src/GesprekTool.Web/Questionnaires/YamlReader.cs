using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GesprekTool.Questionnaires;

/// <summary>
/// Reads one YAML mapping strictly: every key must be known, required keys must be present and
/// every problem is reported with the file and line. Kept separate so the loader reads as the format.
/// </summary>
internal sealed class YamlReader
{
    private readonly string _file;
    private readonly YamlMappingNode _node;

    private YamlReader(string file, YamlMappingNode node)
    {
        _file = file;
        _node = node;
    }

    public long Line => _node.Start.Line;

    public static YamlReader Open(string file, YamlNode node, string what) =>
        node is YamlMappingNode mapping
            ? new YamlReader(file, mapping)
            : throw new QuestionnaireFormatException(file, node.Start.Line, $"{what} must be a mapping of keys to values");

    public QuestionnaireFormatException Error(YamlNode at, string reason) => new(_file, at.Start.Line, reason);

    public QuestionnaireFormatException Error(string reason) => new(_file, _node.Start.Line, reason);

    public void AllowOnly(params string[] keys)
    {
        foreach (var key in _node.Children.Keys)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (!keys.Contains(name))
            {
                throw Error(key, $"unknown key '{name}' (allowed here: {string.Join(", ", keys)})");
            }
        }
    }

    public YamlNode? Optional(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public YamlNode Required(string key) =>
        Optional(key) ?? throw Error($"missing required key '{key}'");

    public string RequiredString(string key) => Scalar(Required(key), key);

    public string? OptionalString(string key) => Optional(key) is { } node ? Scalar(node, key) : null;

    public int RequiredInt(string key) => Int(Required(key), key);

    /// <summary>An optional flag: absent or "false" is false, "true" is true, anything else is refused.</summary>
    public bool OptionalBool(string key) => OptionalString(key) switch
    {
        null or "false" => false,
        "true" => true,
        var other => throw Error(Required(key), $"'{key}' must be true or false, not '{other}'"),
    };

    public int? OptionalInt(string key) => Optional(key) is { } node ? Int(node, key) : null;

    public IReadOnlyList<YamlNode> RequiredList(string key) => List(Required(key), key);

    public IReadOnlyList<YamlNode> OptionalList(string key) => Optional(key) is { } node ? List(node, key) : [];

    public YamlReader RequiredMap(string key) => Open(_file, Required(key), $"'{key}'");

    public YamlReader? OptionalMap(string key) => Optional(key) is { } node ? Open(_file, node, $"'{key}'") : null;

    public YamlReader Child(YamlNode node, string what) => Open(_file, node, what);

    public IEnumerable<(string Key, YamlNode Value)> Entries() =>
        _node.Children.Select(pair => (((YamlScalarNode)pair.Key).Value ?? "", pair.Value));

    public string Scalar(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } value } && value.Trim().Length > 0
            ? value.Trim()
            : throw Error(node, $"'{key}' must be a non-empty text value");

    private int Int(YamlNode node, string key) =>
        int.TryParse(Scalar(node, key), out var value)
            ? value
            : throw Error(node, $"'{key}' must be a whole number");

    private IReadOnlyList<YamlNode> List(YamlNode node, string key) =>
        node is YamlSequenceNode sequence
            ? sequence.Children.ToList()
            : throw Error(node, $"'{key}' must be a list");

    /// <summary>A key (question, section, method, step): lower-case letters, digits and dashes.</summary>
    public string Key(YamlNode node, string name)
    {
        var value = Scalar(node, name);
        return System.Text.RegularExpressions.Regex.IsMatch(value, "^[a-z][a-z0-9-]{0,62}$")
            ? value
            : throw Error(node, $"'{name}' must be lower-case letters, digits and dashes, not '{value}'");
    }

    public static YamlNode ParseDocument(string file, string text)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new QuestionnaireFormatException(file, e.Start.Line, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // Some scanner errors carry no position; the last event read is the nearest line.
            throw new QuestionnaireFormatException(file, parser.Current?.End.Line ?? 1, $"not valid YAML near this line: {e.Message}");
        }
        if (stream.Documents.Count != 1)
        {
            throw new QuestionnaireFormatException(file, 1, "a questionnaire file must hold exactly one YAML document");
        }
        return stream.Documents[0].RootNode;
    }
}
