namespace GesprekTool.Practice;

/// <summary>
/// A fictional household for a practice conversation: who they are, what the "parent" knows, and
/// what they say when a question of the script is asked, at three levels of difficulty.
/// </summary>
public sealed record PersonaCard(
    string Key,
    string Title,
    string QuestionnaireId,
    string Household,
    string Language,
    bool Interpreter,
    string Situation,
    string ParentKnows,
    IReadOnlyList<PersonaStatement> Statements)
{
    /// <summary>What the parent says to this question at this level, if the card scripts it.</summary>
    public string? StatementFor(string questionKey, PracticeLevel level) =>
        Statements.FirstOrDefault(s => s.QuestionKey == questionKey)?.At(level);
}

/// <summary>The parent's lines for one question of the script.</summary>
public sealed record PersonaStatement(string QuestionKey, long Line, string Beginner, string Intermediate, string Advanced)
{
    public string At(PracticeLevel level) => level switch
    {
        PracticeLevel.Beginner => Beginner,
        PracticeLevel.Intermediate => Intermediate,
        PracticeLevel.Advanced => Advanced,
    };
}

/// <summary>How hard the parent makes it for the worker who practises.</summary>
public enum PracticeLevel
{
    Beginner,
    Intermediate,
    Advanced,
}

public static class PracticeLevels
{
    /// <summary>The codes stored and used in files and forms, with their Dutch names.</summary>
    public static readonly IReadOnlyDictionary<PracticeLevel, (string Code, string Dutch)> All = new Dictionary<PracticeLevel, (string, string)>
    {
        [PracticeLevel.Beginner] = ("beginner", "Beginner"),
        [PracticeLevel.Intermediate] = ("gevorderd", "Gevorderd"),
        [PracticeLevel.Advanced] = ("expert", "Expert"),
    };
}
