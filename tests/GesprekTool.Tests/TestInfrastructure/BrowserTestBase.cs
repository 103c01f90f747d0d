using GesprekTool.Households;
using GesprekTool.Data;
using Microsoft.Playwright;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// The app on Kestrel (127.0.0.1, a free port, a fresh SQLite file) and one Chromium page for a
/// browser test; the app can be replaced to model a restart.
/// </summary>
public abstract class BrowserTestBase(ChromiumBrowser chromium, PostgresServer postgres, int viewportHeight = 800) : IAsyncLifetime
{
    protected GesprekToolFactory App { get; set; } = default!;
    protected TestWorld World { get; private set; } = default!;
    protected IBrowserContext Context { get; private set; } = default!;
    protected IPage Page { get; private set; } = default!;

    /// <summary>Extra configuration for the app under test (for example a TURN server).</summary>
    protected virtual IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        App = await GesprekToolFactory.CreateAsync(DatabaseEngine.Sqlite, postgres, FreePort.Next(), AppSettings);
        App.StartServer();
        World = new TestWorld(App.Services);
        Context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = viewportHeight },
            Locale = "nl-NL",
        });
        Visited = new VisitedPages(App.BaseAddress);
        Visited.Watch(Context);
        Page = await Context.NewPageAsync();
    }

    /// <summary>Every page this test loaded, checked by the W3C Nu validator when the test ends.</summary>
    protected VisitedPages Visited { get; private set; } = default!;

    private readonly List<IBrowserContext> _others = [];

    public virtual async Task DisposeAsync()
    {
        try
        {
            // Before the browser closes: the documents' bodies are read from it.
            await Visited.ExpectValidAsync();
        }
        finally
        {
            foreach (var other in _others)
            {
                await other.CloseAsync();
            }
            await Context.CloseAsync();
            await App.DisposeAsync();
        }
    }

    /// <summary>Screenshots of the current page at desktop width and on a phone, upright and sideways, for people to look at.</summary>
    protected Task ScreenshotsAsync(string name) => ChromiumBrowser.ScreenshotsAsync(Page, name);

    /// <summary>Signs in through the form and waits for the role's start page.</summary>
    protected async Task SignInAsync(string userName, string? startPage = null)
    {
        startPage ??= Caseload.Url();
        await Page.GotoAsync(SignInPage.Url());
        await Page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        await Page.GetByLabel("Wachtwoord").FillAsync(TestWorld.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        try
        {
            await Arrival.AtAsync(Page, startPage);
            await Page.Locator("h1").First.WaitForAsync();
        }
        catch (PlaywrightException)
        {
            await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("failed-sign-in") });
            throw new Xunit.Sdk.XunitException(
                $"Sign-in as {userName} did not reach {startPage}; the page is {Page.Url}: {await Page.Locator("body").InnerTextAsync()}");
        }
    }

    /// <summary>Another person in their own browser (own cookies), signed in through the form.</summary>
    protected async Task<IPage> SignedInElsewhereAsync(string userName, string startPage, int width = 1000, int height = 800, Uri? through = null)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (through ?? App.BaseAddress).ToString(), ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "nl-NL",
        });
        _others.Add(context);
        Visited.Watch(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(SignInPage.Url());
        await page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        await page.GetByLabel("Wachtwoord").FillAsync(TestWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        // The address, then the heading: on a busy machine a load event is sometimes missed.
        await Arrival.AtAsync(page, startPage);
        await page.Locator("h1").First.WaitForAsync();
        return page;
    }
}
