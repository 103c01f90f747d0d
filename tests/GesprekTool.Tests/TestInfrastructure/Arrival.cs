using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// Waits until a page is at an address after a click that navigates (a sign-in's redirect, a meta
/// refresh). It polls the page's address: Playwright's WaitForURL waits for a navigation event and
/// then a load state, and on a busy machine it sometimes missed one that came first (seen in CI and
/// in fresh clones), then timed out on a page that had long arrived.
/// </summary>
public static class Arrival
{
    /// <summary><paramref name="path"/> is the address's path, optionally a prefix ending in "*"; any query follows.</summary>
    public static async Task AtAsync(IPage page, string path, float timeout = 30_000)
    {
        var prefix = path.EndsWith('*');
        var pattern = Regex.Escape(path.TrimEnd('*')) + (prefix ? "" : @"([?#].*)?$");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^https?://[^/]+" + pattern), new() { Timeout = timeout });
    }

    /// <summary>Waits until the page's address holds none of <paramref name="paths"/> (it left the sign-in page, say), polling as <see cref="AtAsync"/> does.</summary>
    public static async Task AwayFromAsync(IPage page, params string[] paths)
    {
        var pattern = string.Join('|', paths.Select(Regex.Escape));
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex(pattern), new() { Timeout = 30_000 });
    }
}
