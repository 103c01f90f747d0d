using System.Diagnostics;
using System.Net;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Deploy;

/// <summary>
/// The app as it is installed: a <c>dotnet publish</c> output started in Production. The framework's
/// script comes from the publish, precompressed with Brotli; the live pages connect under the same
/// Content-Security-Policy as every page (no inline or eval'd script).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublishedAppTests(ChromiumBrowser chromium) : IAsyncLifetime
{
    private readonly string _folder = RepositoryPaths.NewTempDirectory("published");
    private AppProcess? _app;

    public async Task InitializeAsync()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        // The test assembly was built with the app: publish what is built, as an install would.
        var publish = Process.Start(new ProcessStartInfo("dotnet",
            ["publish", Path.Combine(RepositoryPaths.WebProject, "GesprekTool.Web.csproj"), "-c", configuration, "--no-build", "-o", _folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await publish.StandardOutput.ReadToEndAsync();
        await publish.WaitForExitAsync();
        Assert.True(publish.ExitCode == 0, output);
        _app = await AppProcess.StartAsync("published", new Dictionary<string, string>
        {
            ["ConnectionStrings:GesprekTool"] = $"Data Source={Path.Combine(_folder, "data", "gesprektool.db")}",
            ["DataProtection:KeyEncryptionKey"] = GesprekToolFactory.TestKek,
            ["Calls:PublicBaseUrl"] = "https://127.0.0.1",
            ["AllowedHosts"] = "127.0.0.1;localhost",
            ["Accounts:InitialAdmin:UserName"] = "beheer",
            ["Accounts:InitialAdmin:Password"] = "een-lang-wachtwoord-voor-de-test",
            ["Accounts:SecondFactor:RequiredRoles"] = "",
            ["WeeklyReports:JobEnabled"] = "false",
        }, published: _folder);
        await _app.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_framework_script_comes_brotli_compressed_and_a_live_page_connects_under_the_strict_policy()
    {
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(_app!.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_framework/blazor.web.js");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        var script = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("br", Assert.Single(script.Content.Headers.ContentEncoding));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.InRange((await script.Content.ReadAsByteArrayAsync()).Length, 10_000, 60_000);

        var signIn = await client.GetAsync(SignInPage.Url());
        var policy = string.Join(" ", signIn.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);

        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.Address, Locale = "nl-NL" });
        try
        {
            var refused = new List<string>();
            context.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    refused.Add(message.Text);
                }
            };
            var page = await context.NewPageAsync();
            await page.GotoAsync(SignInPage.Url());
            await page.GetByLabel("Gebruikersnaam").FillAsync("beheer");
            await page.GetByLabel("Wachtwoord").FillAsync("een-lang-wachtwoord-voor-de-test");
            await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
            await Arrival.AwayFromAsync(page, SignInPage.Url());
            await page.GotoAsync(UsersPage.Url());
            await page.GetByRole(AriaRole.Link, new() { Name = "Beheren" }).ClickAsync();
            // The admin's own session is listed; its button works once the circuit is connected.
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Alle sessies beëindigen" })).ToBeEnabledAsync();
            Assert.Empty(refused);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
