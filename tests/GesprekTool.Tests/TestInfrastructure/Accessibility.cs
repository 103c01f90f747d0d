using System.Text.Json;
using Microsoft.Playwright;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// Runs axe-core on the page as it is shown (WCAG 2.1 A and AA rules) and fails with each violation,
/// its impact and where it is. Injected through the DevTools protocol, so the app's strict CSP stays on.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(RepositoryPaths.AxeScript));

    public static async Task ExpectNoViolationsAsync(IPage page, string what)
    {
        await page.EvaluateAsync(AxeSource.Value);
        var json = await page.EvaluateAsync<string>(
            """
            async () => JSON.stringify((await axe.run(document, {
              runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
              resultTypes: ['violations'],
            })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, where: v.nodes.slice(0, 4).map(n => n.target.join(' ')) })))
            """);
        var violations = JsonSerializer.Deserialize<List<Violation>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        if (violations.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"axe found {violations.Count} accessibility problem(s) on {what}:\n" +
                string.Join('\n', violations.Select(v => $"- {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Where)}")));
        }
    }

    private sealed record Violation(string Id, string? Impact, string Help, List<string> Where);
}
