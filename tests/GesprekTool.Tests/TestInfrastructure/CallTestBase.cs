using GesprekTool.Accounts;
using Microsoft.Playwright;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// A signed-in worker on the call page of a fresh conversation (the base's page), and guests, each
/// in a context of their own on a portrait phone viewport, like a phone that never saw the app.
/// </summary>
public abstract class CallTestBase(ChromiumBrowser chromium, PostgresServer postgres) : BrowserTestBase(chromium, postgres, viewportHeight: 900)
{
    /// <summary>
    /// Navigation waits for the DOM, not the load event: a video element waiting for its stream can
    /// hold the load event back on a busy machine, and the pages work from DOMContentLoaded on.
    /// </summary>
    protected static readonly PageGotoOptions DomReady = new() { WaitUntil = WaitUntilState.DOMContentLoaded };
    private readonly ChromiumBrowser _chromium = chromium;
    private readonly List<IBrowserContext> _guests = [];
    protected long ConversationId { get; private set; }

    /// <summary>The worker's waiting room and join links (a frame in the call page).</summary>
    protected IFrameLocator Room => CallPages.Room(Page);

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync(); // validates the pages guests loaded too, while their browsers are open
        }
        finally
        {
            foreach (var guest in _guests)
            {
                await guest.CloseAsync();
            }
        }
    }

    protected async Task StartCallAsync(string homeLanguage = "nl", string? email = null)
    {
        var worker = await World.UserAsync("sanne", Roles.Worker);
        var household = await World.HouseholdAsync(worker, "Gezin Video", homeLanguage, email: email);
        ConversationId = (await World.ConversationAsync(worker, household)).Id;
        await SignInAsync("sanne");
        await Page.GotoAsync(CallPage.Url(ConversationId), DomReady);
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("call-start"), FullPage = true });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Videogesprek starten" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#call-status")).ToHaveTextAsync("Wachten op deelnemers…");
    }

    protected async Task<string> CreateLinkAsync(string button)
    {
        var before = await Room.Locator(".link-card").CountAsync();
        await Room.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Assertions.Expect(Room.Locator(".link-card")).ToHaveCountAsync(before + 1);
        return await Room.Locator(".link-card").First.Locator("[data-field='url']").InputValueAsync();
    }

    protected async Task<IPage> NewGuestPageAsync(string locale)
    {
        // A separate context: no cookies, like a phone that has never seen the app. Portrait phone size.
        var context = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = locale,
            IsMobile = true,
            HasTouch = true,
        });
        _guests.Add(context);
        Visited.Watch(context);
        return await context.NewPageAsync();
    }

    protected async Task<IPage> OpenAsGuestAsync(string link, string locale)
    {
        var page = await NewGuestPageAsync(locale);
        await page.GotoAsync(link, DomReady);
        return page;
    }

    protected static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("Condition not met in 15 s");
            }
            await Task.Delay(200);
        }
    }
}
