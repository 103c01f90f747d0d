using GesprekTool.Questionnaires;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>The JES gesprekstoel as shipped in questionnaires/, loaded once for the tests that read it.</summary>
public static class ShippedQuestionnaire
{
    public static string Path { get; } = System.IO.Path.Combine(RepositoryPaths.Questionnaires, "jes-gesprekstoel.v1.yaml");

    public static Questionnaire Script { get; } = QuestionnaireLoader.Load(Path);
}
