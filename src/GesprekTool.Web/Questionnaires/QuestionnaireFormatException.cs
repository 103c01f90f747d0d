namespace GesprekTool.Questionnaires;

/// <summary>A questionnaire or coaching-method file that cannot be used, with where and why.</summary>
public sealed class QuestionnaireFormatException(string file, long line, string reason)
    : Exception($"{file}:{line}: {reason}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Reason { get; } = reason;
}
