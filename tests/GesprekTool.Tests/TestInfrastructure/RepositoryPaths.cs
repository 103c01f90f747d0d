namespace GesprekTool.Tests.TestInfrastructure;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Questionnaires => Path.Combine(Root, "questionnaires");

    public static string WebProject => Path.Combine(Root, "src", "GesprekTool.Web");

    public static string Deploy => Path.Combine(Root, "deploy");

    /// <summary>axe-core's browser script, restored by the test project's build (package.json).</summary>
    public static string AxeScript => Path.Combine(Root, "tests", "GesprekTool.Tests", "node_modules", "axe-core", "axe.min.js");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GesprekTool.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("GesprekTool.sln not found above " + AppContext.BaseDirectory);
    }

    public static string NewTempDirectory(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gesprektool-{purpose}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(path);
        return path;
    }
}
