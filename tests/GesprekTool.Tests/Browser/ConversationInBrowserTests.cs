using GesprekTool.Accounts;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// A worker holds a conversation in a real browser; answers survive a network drop, a reload and
/// a server restart, including answers typed while the server was down.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConversationInBrowserTests(ChromiumBrowser chromium, PostgresServer postgres)
    : BrowserTestBase(chromium, postgres, viewportHeight: 900)
{
    private async Task ArrangeAsync()
    {
        var worker = await World.UserAsync("sanne", Roles.Worker);
        await World.HouseholdAsync(worker, "Gezin Browser");
        await World.SchoolAsync("De Regenboog");
    }

    [Fact]
    public async Task Answers_survive_a_network_drop_a_reload_and_a_server_restart()
    {
        await ArrangeAsync();
        await Page.GotoAsync(SignInPage.Url());
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("sign-in") });
        await SignInAsync("sanne");
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("caseload"), FullPage = true });
        await Page.GetByRole(AriaRole.Link, new() { Name = "Gezin Browser" }).ClickAsync();
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("household"), FullPage = true });
        await Page.GetByRole(AriaRole.Link, new() { Name = "Gesprek starten" }).ClickAsync();
        await Page.GetByLabel("Ik heb verteld dat dit gesprek vertrouwelijk is.").CheckAsync();
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("start-conversation"), FullPage = true });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start het gesprek" }).ClickAsync();
        await Assertions.Expect(Page.Locator("form[data-autosave]")).ToBeVisibleAsync(); // on the conversation page
        var conversationUrl = Page.Url;

        // Online: each answer is saved as it is given.
        await AnswerNumberAsync("gezin-volwassenen", "2");
        await AnswerNumberAsync("gezin-kinderen", "3");
        await ExpectSavedAsync("gezin-volwassenen");
        await ExpectSavedAsync("gezin-kinderen");

        // Offline: answers wait on the device and the page says so.
        await Context.SetOfflineAsync(true);
        await Page.Locator("textarea[name='a.gezin-leeftijden']").FillAsync("4, 7 en 10");
        await Page.Locator("textarea[name='a.gezin-leeftijden']").BlurAsync();
        await Page.Locator("[data-question='gezin-woonruimte']").GetByLabel("Krap").CheckAsync();
        await Assertions.Expect(Page.Locator(".sync-status")).ToContainTextAsync("wachten op verbinding");
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("conversation-offline"), FullPage = true });

        // Back online: the queue is sent without the worker doing anything.
        await Context.SetOfflineAsync(false);
        await Page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await Assertions.Expect(Page.Locator(".sync-status")).ToHaveTextAsync("Alle antwoorden zijn opgeslagen.", new() { Timeout = 15000 });

        await Page.ReloadAsync();
        await ExpectAnswersAsync();

        // The server goes down; the worker keeps typing; the server comes back.
        await App.DisposeAsync();
        await Page.Locator("[data-question='gezin-schoolgaand']").GetByLabel("Ja").CheckAsync();
        await Assertions.Expect(Page.Locator(".sync-status")).ToContainTextAsync("wacht op verbinding");
        App = App.Restarted();
        App.StartServer();
        await Assertions.Expect(Page.Locator(".sync-status")).ToHaveTextAsync("Alle antwoorden zijn opgeslagen.", new() { Timeout = 20000 });

        await Page.GotoAsync(conversationUrl);
        await ExpectAnswersAsync();
        await Assertions.Expect(Page.Locator("[data-question='gezin-schoolgaand'] input[value='ja']")).ToBeCheckedAsync();
        await Assertions.Expect(Page.Locator("[data-progress]")).ToHaveTextAsync("5 van 30 vragen beantwoord");
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("conversation"), FullPage = true });
    }

    [Fact]
    public async Task A_save_overtaken_by_a_newer_answer_says_Niet_opgeslagen_shows_the_newer_value_and_keeps_the_typed_text()
    {
        var worker = await World.UserAsync("sanne", Roles.Worker);
        var conversation = await World.ConversationAsync(worker, await World.HouseholdAsync(worker, "Gezin Twee Apparaten"));
        var saving = App.Services.GetRequiredService<GesprekTool.Conversations.AnswerSaving>();
        await saving.SaveAsync(conversation, worker, "gezin-kinderen", ["2"], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await SignInAsync("sanne");
        await Page.GotoAsync(ConversationPage.Url(conversation.Id));

        // Offline on the laptop, the worker types; meanwhile a colleague's tablet saves a newer answer.
        await Context.SetOfflineAsync(true);
        var field = Page.Locator("textarea[name='a.gezin-leeftijden']");
        await field.FillAsync("4 en 7");
        await field.BlurAsync();
        await Assertions.Expect(Page.Locator(".sync-status")).ToContainTextAsync("wacht op verbinding");
        await saving.SaveAsync(conversation, worker, "gezin-leeftijden", ["5 en 8"], DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        await Context.SetOfflineAsync(false);
        await Page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");

        var block = Page.Locator("[data-question='gezin-leeftijden']");
        await Assertions.Expect(block.Locator(".save-status")).ToHaveTextAsync("Niet opgeslagen.", new() { Timeout = 15000 });
        await Assertions.Expect(block.Locator(".field-error")).ToContainTextAsync("Niet opgeslagen: er is intussen een nieuwer antwoord");
        await Assertions.Expect(field).ToHaveValueAsync("5 en 8");
        await Assertions.Expect(block.Locator(".unsaved-copy textarea")).ToHaveValueAsync("4 en 7");
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("conversation-stale-save"), FullPage = true });
        var stored = await App.Services.GetRequiredService<GesprekTool.Conversations.ConversationStore>().CurrentValuesAsync(conversation.Id);
        Assert.Equal("5 en 8", stored["gezin-leeftijden"]);
    }

    [Fact]
    public async Task Answering_no_school_going_children_hides_the_school_section_at_once()
    {
        await ArrangeAsync();
        await SignInAsync("sanne");
        await StartConversationAsync();

        await AnswerNumberAsync("gezin-kinderen", "0");

        await Assertions.Expect(Page.Locator("[data-question='gezin-schoolgaand']")).ToBeHiddenAsync();
        await Assertions.Expect(Page.Locator("nav.sections [data-section='school']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("skipped"));
        await Assertions.Expect(Page.Locator("[data-progress]")).ToHaveTextAsync("1 van 19 vragen beantwoord");

        // The worker moves on; the next section is "Persoonlijk", the school section is skipped.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Opslaan en verder" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#deel-titel")).ToHaveTextAsync("Persoonlijk");
    }

    [Fact]
    public async Task Wil_niet_antwoorden_clears_the_answer_is_saved_as_declined_and_answering_again_unticks_it()
    {
        await ArrangeAsync();
        await SignInAsync("sanne");
        await StartConversationAsync();
        var block = Page.Locator("[data-question='gezin-volwassenen']");

        await AnswerNumberAsync("gezin-volwassenen", "2");
        await ExpectSavedAsync("gezin-volwassenen");
        await block.GetByLabel("Wil niet antwoorden").CheckAsync();
        await Assertions.Expect(block.Locator("input[type=number]")).ToHaveValueAsync("");
        await Assertions.Expect(block.Locator(".save-status")).ToContainTextAsync("Opgeslagen");
        await ScreenshotsAsync("conversation-declined");

        await Page.ReloadAsync();
        await Assertions.Expect(block.GetByLabel("Wil niet antwoorden")).ToBeCheckedAsync();
        await Assertions.Expect(block.Locator("input[type=number]")).ToHaveValueAsync("");
        var conversations = App.Services.GetRequiredService<GesprekTool.Conversations.ConversationStore>();
        var id = long.Parse(new Uri(Page.Url).AbsolutePath.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(GesprekTool.Questionnaires.AnswerValues.Declined, (await conversations.CurrentValuesAsync(id))["gezin-volwassenen"]);

        // The household answers after all: typing unticks the box and the number is stored.
        await AnswerNumberAsync("gezin-volwassenen", "1");
        await Assertions.Expect(block.GetByLabel("Wil niet antwoorden")).Not.ToBeCheckedAsync();
        await ExpectSavedAsync("gezin-volwassenen"); // the page says so only once the server holds it
        Assert.Equal("1", (await conversations.CurrentValuesAsync(id))["gezin-volwassenen"]);
    }

    [Fact]
    public async Task A_screen_reader_hears_Opgeslagen_once_per_save_and_nothing_while_typing()
    {
        await ArrangeAsync();
        await SignInAsync("sanne");
        await StartConversationAsync();
        var form = Page.Locator("form[data-autosave]");
        // One live region for the whole script; the status lines beside the questions are only seen.
        await Assertions.Expect(form.Locator("[aria-live], [role=status]")).ToHaveCountAsync(1);
        var announcer = Page.Locator("#save-announcer");

        await Page.Locator("textarea[name='a.gezin-leeftijden']").PressSequentiallyAsync("4, 7");
        await Assertions.Expect(announcer).ToHaveTextAsync(""); // typing: nothing read out
        await ExpectSavedAsync("gezin-leeftijden");
        await Assertions.Expect(announcer).ToHaveTextAsync("Opgeslagen");
    }

    [Fact]
    public async Task A_refused_answer_shows_the_Dutch_message_beside_the_field()
    {
        await ArrangeAsync();
        await SignInAsync("sanne");
        await StartConversationAsync();

        await AnswerNumberAsync("gezin-kinderen", "40");

        await Assertions.Expect(Page.Locator("[data-question='gezin-kinderen'] .field-error")).ToHaveTextAsync("Vul een heel getal in van 0 tot en met 15.");
    }

    private async Task StartConversationAsync()
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Gezin Browser" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Gesprek starten" }).ClickAsync();
        await Page.GetByLabel("Ik heb verteld dat dit gesprek vertrouwelijk is.").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start het gesprek" }).ClickAsync();
        await Assertions.Expect(Page.Locator("form[data-autosave]")).ToBeVisibleAsync(); // on the conversation page
    }

    private async Task AnswerNumberAsync(string key, string value)
    {
        var field = Page.Locator($"input[name='a.{key}']");
        await field.FillAsync(value);
        await field.BlurAsync();
    }

    private Task ExpectSavedAsync(string key) =>
        Assertions.Expect(Page.Locator($"[data-question='{key}'] .save-status")).ToContainTextAsync("Opgeslagen");

    private async Task ExpectAnswersAsync()
    {
        await Assertions.Expect(Page.Locator("input[name='a.gezin-volwassenen']")).ToHaveValueAsync("2");
        await Assertions.Expect(Page.Locator("input[name='a.gezin-kinderen']")).ToHaveValueAsync("3");
        await Assertions.Expect(Page.Locator("textarea[name='a.gezin-leeftijden']")).ToHaveValueAsync("4, 7 en 10");
        await Assertions.Expect(Page.Locator("[data-question='gezin-woonruimte'] input[value='krap']")).ToBeCheckedAsync();
    }
}
