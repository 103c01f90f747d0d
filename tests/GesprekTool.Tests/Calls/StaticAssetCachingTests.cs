using System.Net;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Calls;

/// <summary>A household's second visit downloads almost nothing: versioned files are kept a year, the rest revalidated.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StaticAssetCachingTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Fact]
    public async Task The_guest_pages_own_files_are_versioned_and_kept_a_year_and_imported_modules_revalidate()
    {
        var (app, _) = await StartAsync();
        var client = SignedInClient.Anonymous(app);
        var page = await SignedInClient.ParseAsync(await client.GetAsync(JoinLinks.RelativeJoinUrl("onbekend-maar-lang-genoeg-token-0123456789abcdef")));
        var assets = page.QuerySelectorAll("link[rel=stylesheet], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();
        Assert.Contains(assets, a => a.StartsWith("/css/guest.css?v=", StringComparison.Ordinal));

        foreach (var asset in assets)
        {
            var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Matches(@"^/[\w/.-]+\?v=[0-9a-f]{12}$", asset);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        }

        // A module the guest script imports has no version in its address: asked again, it comes back as 304.
        var module = await client.GetAsync("/js/call-core.js");
        Assert.Equal("no-cache", module.Headers.CacheControl?.ToString());
        var again = new HttpRequestMessage(HttpMethod.Get, "/js/call-core.js");
        again.Headers.IfNoneMatch.Add(module.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }
}
