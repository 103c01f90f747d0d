using System.Text.RegularExpressions;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Security;

/// <summary>
/// Routes live in one place per page: the <c>@page</c> directive or <c>Map…</c> call, and the page's or
/// endpoint's static <c>…Url(…)</c> helper. Everywhere else links and redirects call that helper, so a
/// renamed route is one edit and a typo is a compile error.
/// </summary>
public sealed partial class RouteLiteralTests
{
    // The route table the access test compares with the app's endpoints, and the addresses people keep.
    private static readonly string[] TestsThatSpellRoutes = ["EndpointAccessTests.cs", "PublicAddressTests.cs", "RouteLiteralTests.cs"];

    [Theory]
    [InlineData("src/GesprekTool.Web")]
    [InlineData("tests/GesprekTool.Tests")]
    public void No_route_is_spelled_outside_its_page_or_its_Url_helper(string folder)
    {
        var source = Path.Combine(RepositoryPaths.Root, folder);
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
                     .Where(f => !TestsThatSpellRoutes.Contains(Path.GetFileName(f)))
                     .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal))
                     .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/") && !f.Contains("/lib/") && !f.Contains("node_modules")))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (RouteLiteral().IsMatch(lines[i]) && !IsDefinition(lines[i]) && !(i > 0 && IsHelperHead(lines[i - 1])))
                {
                    offenders.Add($"{Path.GetRelativePath(source, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(offenders.Count == 0, "Route literals outside @page, Map… or a Url helper:\n" + string.Join("\n", offenders));
    }

    private static bool IsDefinition(string line) =>
        line.TrimStart().StartsWith("@page", StringComparison.Ordinal)
        || line.Contains(".Map", StringComparison.Ordinal)
        || IsHelperHead(line);

    private static bool IsHelperHead(string line) =>
        (line.Contains("static string", StringComparison.Ordinal) || line.Contains("const string", StringComparison.Ordinal))
        && line.Contains("Url", StringComparison.Ordinal);

    // Our routes, as string or template literals or markup attributes: "/gezinnen…", `/gesprekken…`, href="/beheer…".
    [GeneratedRegex("""["'`]/(gezinnen|gesprekken|weekoverzicht|beheer|aanmelden|afmelden|account|geen-toegang|niet-gevonden|fout|j/)""")]
    private static partial Regex RouteLiteral();
}
