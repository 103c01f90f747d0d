using GesprekTool.Accounts;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// A worker holds a conversation in a real browser; answers survive a network drop, a reload and
/// a server restart, including answers typed while the server was down.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConversationInBrowserTests(ChromiumBrowser chromium, PostgresServer postgres) : IAsyncLifetime
{
    private GesprekToolFactory _app = default!;
    private IBrowserContext _context = default!;
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        _app = await GesprekToolFactory.CreateAsync(DatabaseEngine.Sqlite, postgres, FreePort.Next());
        _app.StartServer();
        var world = new TestWorld(_app.Services);
        var worker = await world.UserAsync("sanne", Roles.Worker);
        await world.HouseholdAsync(worker, "Gezin Browser");
        await world.SchoolAsync("De Regenboog");
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "nl-NL",
        });
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.CloseAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Answers_survive_a_network_drop_a_reload_and_a_server_restart()
    {
        await SignInAsync();
        await _page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("caseload"), FullPage = true });
        await _page.GetByRole(AriaRole.Link, new() { Name = "Gezin Browser" }).ClickAsync();
        await _page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("household"), FullPage = true });
        await _page.GetByRole(AriaRole.Link, new() { Name = "Gesprek starten" }).ClickAsync();
        await _page.GetByLabel("Ik heb verteld dat dit gesprek vertrouwelijk is.").CheckAsync();
        await _page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("start-conversation"), FullPage = true });
        await _page.GetByRole(AriaRole.Button, new() { Name = "Start het gesprek" }).ClickAsync();
        await _page.WaitForURLAsync("**/gesprekken/*", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var conversationUrl = _page.Url;

        // Online: each answer is saved as it is given.
        await AnswerNumberAsync("gezin-volwassenen", "2");
        await AnswerNumberAsync("gezin-kinderen", "3");
        await ExpectSavedAsync("gezin-volwassenen");
        await ExpectSavedAsync("gezin-kinderen");

        // Offline: answers wait on the device and the page says so.
        await _context.SetOfflineAsync(true);
        await _page.Locator("textarea[name='a.gezin-leeftijden']").FillAsync("4, 7 en 10");
        await _page.Locator("textarea[name='a.gezin-leeftijden']").BlurAsync();
        await _page.Locator("[data-question='gezin-woonruimte']").GetByLabel("Krap").CheckAsync();
        await Assertions.Expect(_page.Locator(".sync-status")).ToContainTextAsync("wachten op verbinding");
        await _page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("conversation-offline"), FullPage = true });

        // Back online: the queue is sent without the worker doing anything.
        await _context.SetOfflineAsync(false);
        await _page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await Assertions.Expect(_page.Locator(".sync-status")).ToHaveTextAsync("Alle antwoorden zijn opgeslagen.", new() { Timeout = 15000 });

        await _page.ReloadAsync();
        await ExpectAnswersAsync();

        // The server goes down; the worker keeps typing; the server comes back.
        await _app.DisposeAsync();
        await _page.Locator("[data-question='gezin-schoolgaand']").GetByLabel("Ja").CheckAsync();
        await Assertions.Expect(_page.Locator(".sync-status")).ToContainTextAsync("wacht op verbinding");
        _app = _app.Restarted();
        _app.StartServer();
        await Assertions.Expect(_page.Locator(".sync-status")).ToHaveTextAsync("Alle antwoorden zijn opgeslagen.", new() { Timeout = 20000 });

        await _page.GotoAsync(conversationUrl);
        await ExpectAnswersAsync();
        await Assertions.Expect(_page.Locator("[data-question='gezin-schoolgaand'] input[value='ja']")).ToBeCheckedAsync();
        await Assertions.Expect(_page.Locator("[data-progress]")).ToHaveTextAsync("5 van 30 vragen beantwoord");
        await _page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("conversation"), FullPage = true });
    }

    [Fact]
    public async Task Answering_no_school_going_children_hides_the_school_section_at_once()
    {
        await SignInAsync();
        await StartConversationAsync();

        await AnswerNumberAsync("gezin-kinderen", "0");

        await Assertions.Expect(_page.Locator("[data-question='gezin-schoolgaand']")).ToBeHiddenAsync();
        await Assertions.Expect(_page.Locator("nav.sections [data-section='school']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("skipped"));
        await Assertions.Expect(_page.Locator("[data-progress]")).ToHaveTextAsync("1 van 19 vragen beantwoord");

        // The worker moves on; the next section is "Persoonlijk", the school section is skipped.
        await _page.GetByRole(AriaRole.Button, new() { Name = "Opslaan en verder" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#deel-titel")).ToHaveTextAsync("Persoonlijk");
    }

    [Fact]
    public async Task A_refused_answer_shows_the_Dutch_message_beside_the_field()
    {
        await SignInAsync();
        await StartConversationAsync();

        await AnswerNumberAsync("gezin-kinderen", "40");

        await Assertions.Expect(_page.Locator("[data-question='gezin-kinderen'] .field-error")).ToHaveTextAsync("Vul een heel getal in van 0 tot en met 15.");
    }

    private async Task SignInAsync()
    {
        await _page.GotoAsync("/aanmelden");
        await _page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("sign-in") });
        await _page.GetByLabel("Gebruikersnaam").FillAsync("sanne");
        await _page.GetByLabel("Wachtwoord").FillAsync(TestWorld.Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await _page.WaitForURLAsync("**/gezinnen", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    private async Task StartConversationAsync()
    {
        await _page.GetByRole(AriaRole.Link, new() { Name = "Gezin Browser" }).ClickAsync();
        await _page.GetByRole(AriaRole.Link, new() { Name = "Gesprek starten" }).ClickAsync();
        await _page.GetByLabel("Ik heb verteld dat dit gesprek vertrouwelijk is.").CheckAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Start het gesprek" }).ClickAsync();
        await _page.WaitForURLAsync("**/gesprekken/*", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    private async Task AnswerNumberAsync(string key, string value)
    {
        var field = _page.Locator($"input[name='a.{key}']");
        await field.FillAsync(value);
        await field.BlurAsync();
    }

    private Task ExpectSavedAsync(string key) =>
        Assertions.Expect(_page.Locator($"[data-question='{key}'] .save-status")).ToContainTextAsync("Opgeslagen");

    private async Task ExpectAnswersAsync()
    {
        await Assertions.Expect(_page.Locator("input[name='a.gezin-volwassenen']")).ToHaveValueAsync("2");
        await Assertions.Expect(_page.Locator("input[name='a.gezin-kinderen']")).ToHaveValueAsync("3");
        await Assertions.Expect(_page.Locator("textarea[name='a.gezin-leeftijden']")).ToHaveValueAsync("4, 7 en 10");
        await Assertions.Expect(_page.Locator("[data-question='gezin-woonruimte'] input[value='krap']")).ToBeCheckedAsync();
    }
}
