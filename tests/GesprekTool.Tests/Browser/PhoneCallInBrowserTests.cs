using System.Diagnostics;
using System.Text.Json;
using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Data;
using GesprekTool.PhoneCalls;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// A worker phones a household from the conversation page, in Chromium with the fake microphone,
/// through the app's proxy, a real Janus (SIP plugin), a real trunk (Kamailio, digest
/// authentication) and a real phone (SIPp). Everything runs in a network namespace the test makes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneCallInBrowserTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private NetworkNamespace _network = default!;
    private JanusServer _janus = default!;
    private SipWorld _sip = default!;
    private GesprekToolFactory _app = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;
    private readonly List<string> _console = [];
    private VisitedPages _pages = default!;

    public async Task InitializeAsync()
    {
        _network = await NetworkNamespace.CreateAsync();
        _janus = await JanusServer.StartAsync(_network);
        _sip = await SipWorld.StartAsync(_network);
        var settings = _janus.Settings.Concat(_sip.Settings(ringSeconds: 6)).ToDictionary();
        _app = await GesprekToolFactory.CreateAsync(DatabaseEngine.Sqlite, postgres, FreePort.Next(), settings, _network);
        _app.StartServer();
        _pages = new VisitedPages(_app.BaseAddress);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = _network.Wrapper(ChromiumBrowser.ExecutablePath),
            Headless = true,
            Args = [.. ChromiumBrowser.Arguments, .. ChromiumBrowser.GroupVideoArguments],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        await _sip.DisposeAsync();
        await _janus.DisposeAsync();
        _network.Dispose();
    }

    private async Task<(CurrentUser Worker, long ConversationId)> ConversationWithAsync(string number, string worker = "sanne")
    {
        var world = new TestWorld(_app.Services);
        var user = await world.UserAsync(worker, Roles.Worker);
        var household = await world.HouseholdAsync(user, "Gezin Telefoon", phoneNumber: number);
        return (user, (await world.ConversationAsync(user, household)).Id);
    }

    private async Task<IPage> SignedInAsync(string userName, string? landing = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "nl-NL",
        });
        _pages.Watch(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => _console.Add($"{userName}: {message.Text}");
        await page.GotoAsync(SignInPage.Url());
        await page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        await page.GetByLabel("Wachtwoord").FillAsync(TestWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Arrival.AtAsync(page, landing ?? GesprekTool.Households.Caseload.Url());
        return page;
    }

    private sealed record LineFigures(double EnergyHeard, long PacketsReceived, long PacketsSent, string? Codec);

    /// <param name="leg">"household", or "interpreter" for the interpreter's leg.</param>
    private static async Task<LineFigures> LineAsync(IPage page, string leg = "household") =>
        JsonSerializer.Deserialize<LineFigures>(await page.EvaluateAsync<string>("async (leg) => JSON.stringify(await window.gesprekPhone.audio(leg))", leg),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    private async Task WaitForAsync(Func<Task<bool>> condition, string what, IPage page)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(45))
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"Waited for {what}. The page says: {await page.Locator("#softphone").InnerTextAsync()}\n" +
            $"Console: {string.Join('\n', _console.TakeLast(20))}\nJanus: {string.Join('\n', _janus.Log.TakeLast(30))}\nTrunk: {string.Join('\n', _sip.Log.TakeLast(20))}");
    }

    private Task ExpectStatusAsync(IPage page, string text) =>
        WaitForAsync(async () => (await page.Locator("#phone-status").InnerTextAsync()).Contains(text, StringComparison.Ordinal), $"the status \"{text}\"", page);

    [Fact]
    public async Task A_worker_phones_the_household_from_the_conversation_both_hear_each_other_and_the_call_is_paradata()
    {
        var (_, conversationId) = await ConversationWithAsync(SipWorld.Numbers.Answers);
        var page = await SignedInAsync("sanne");
        await page.GotoAsync(GesprekTool.Conversations.ConversationPage.Url(conversationId));
        await page.GetByRole(AriaRole.Link, new() { Name = "Bellen 06 1234 0001" }).ClickAsync();
        await Assertions.Expect(page.Locator("#phone-number")).ToHaveTextAsync("06 1234 0001");
        await Assertions.Expect(page.Locator("iframe.script-panel")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Bellen", Exact = true }).ClickAsync();
        await ExpectStatusAsync(page, "In gesprek");

        // The fake microphone's beeps go to the phone, which sends back what it hears: sound that
        // reaches the worker again has crossed the line both ways.
        var start = await LineAsync(page);
        await WaitForAsync(async () => (await LineAsync(page)) is var now && now.EnergyHeard > start.EnergyHeard + 0.01 && now.PacketsSent > start.PacketsSent + 50,
            "sound to and from the phone", page);
        output.WriteLine($"line: {JsonSerializer.Serialize(await LineAsync(page))}");

        // A key for a phone menu reaches the phone.
        await page.GetByRole(AriaRole.Button, new() { Name = "Toetsen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Toets 5" }).ClickAsync();
        await WaitForAsync(() => Task.FromResult(_sip.MessagesOf(SipWorld.Numbers.Answers).Contains("Signal=5", StringComparison.Ordinal)), "the key 5 at the phone", page);
        // Muting stops the microphone's track on the line, and says so.
        await page.GetByRole(AriaRole.Button, new() { Name = "Microfoon uitzetten" }).ClickAsync();
        await ExpectStatusAsync(page, "het gezin hoort u niet");
        Assert.False(await page.EvaluateAsync<bool>("() => window.gesprekPhoneConnection().getSenders().some((s) => s.track?.kind === 'audio' && s.track.enabled)"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Microfoon aanzetten" }).ClickAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.gesprekPhoneConnection().getSenders().some((s) => s.track?.kind === 'audio' && s.track.enabled)"));
        await Accessibility.ExpectNoViolationsAsync(page, "the phone page in a call");
        await ChromiumBrowser.ScreenshotsAsync(page, "phone-call-in-call");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ophangen" }).ClickAsync();
        await ExpectStatusAsync(page, "Opgehangen.");
        await Assertions.Expect(page.Locator("#phone-status")).ToContainTextAsync("Gespreksduur");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw bellen" })).ToBeVisibleAsync();

        // The trunk got the household's number from the app, with the organisation's caller id, and
        // the page never held the account's secret.
        var messages = _sip.MessagesOf(SipWorld.Numbers.Answers);
        Assert.Contains($"INVITE sip:{SipWorld.Numbers.Answers}@{SipWorld.Domain}", messages);
        Assert.Contains($"P-Asserted-Identity: \"Gezinswerk Test\" <sip:{SipWorld.CallerNumber}@{SipWorld.Domain}>", messages);
        Assert.DoesNotContain(_sip.Secret, await page.ContentAsync());

        await using var connection = await _app.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal("telefoon", await connection.ExecuteScalarAsync<string>("SELECT mode FROM conversations WHERE id = @conversationId", new { conversationId }));
        var kinds = (await connection.QueryAsync<string>(
            "SELECT kind FROM conversation_events WHERE conversation_id = @conversationId AND kind LIKE 'bellen-%' ORDER BY id", new { conversationId })).ToList();
        Assert.Equal(["bellen-start", "bellen-opgenomen", "bellen-einde"], kinds);
        var audit = await connection.QuerySingleAsync<(string Detail, long HouseholdId)>(
            "SELECT detail, household_id FROM audit_log WHERE action = 'call.dialled'");
        Assert.Equal("uitkomst opgehangen", audit.Detail);

        // The wrap-up shows how long they talked.
        await page.GotoAsync(GesprekTool.Conversations.WrapUp.Url(conversationId));
        await Assertions.Expect(page.Locator("#phone-summary")).ToContainTextAsync("Opgehangen, gespreksduur");
        await Accessibility.ExpectNoViolationsAsync(page, "the wrap-up with the phone calls");
        await ChromiumBrowser.ScreenshotsAsync(page, "phone-call-wrap-up");
        await _pages.ExpectValidAsync();
    }

    [Theory]
    [InlineData(SipWorld.Numbers.Answers, SipWorld.Numbers.Talks, "household")]
    [InlineData(SipWorld.Numbers.Talks, SipWorld.Numbers.Answers, "interpreter")]
    public async Task With_an_interpreter_on_the_line_the_household_and_the_interpreter_hear_each_other(string household, string interpreter, string echoingLeg)
    {
        var (worker, conversationId) = await ConversationWithAsync(household);
        await _app.Services.GetRequiredService<InterpreterServiceStore>().SetAsync(
            new InterpreterService("Tolkendienst Test", new PhoneNumber(interpreter)), worker.Id);
        var page = await SignedInAsync("sanne");
        await page.GotoAsync(GesprekTool.PhoneCalls.PhoneCallPage.Url(conversationId));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bellen", Exact = true }).ClickAsync();
        await ExpectStatusAsync(page, "In gesprek");

        await page.GetByRole(AriaRole.Button, new() { Name = "Tolk erbij (Tolkendienst Test)" }).ClickAsync();
        await WaitForAsync(async () => (await page.Locator("#interpreter-status").InnerTextAsync()).Contains("Tolk in gesprek", StringComparison.Ordinal),
            "the interpreter on the line", page);

        // With the worker's microphone off, only the other two feed the mixes. One phone talks (a
        // steady tone), the other sends back what it hears: sound coming back on the echoing phone's
        // leg came from the talking one, through the worker's browser.
        await page.GetByRole(AriaRole.Button, new() { Name = "Microfoon uitzetten" }).ClickAsync();
        await ExpectStatusAsync(page, "het gezin en de tolk horen u niet");
        var muted = await LineAsync(page, echoingLeg);
        await WaitForAsync(async () => (await LineAsync(page, echoingLeg)).PacketsReceived > muted.PacketsReceived + 25, "half a second of sound after muting", page);
        var start = await LineAsync(page, echoingLeg);
        await WaitForAsync(async () => (await LineAsync(page, echoingLeg)).EnergyHeard > start.EnergyHeard + 0.05,
            $"the talking phone's tone back from the {echoingLeg}'s phone", page);
        output.WriteLine($"{echoingLeg}: {JsonSerializer.Serialize(await LineAsync(page, echoingLeg))}");
        Assert.Contains($"INVITE sip:{interpreter}@{SipWorld.Domain}", _sip.MessagesOf(interpreter));
        await Accessibility.ExpectNoViolationsAsync(page, "the phone page with an interpreter");
        await ChromiumBrowser.ScreenshotsAsync(page, "phone-call-interpreter");

        // One interpreter at a time: a second press (another tab, a forged request) is refused.
        long householdCallId;
        await using (var connection = await _app.Services.GetRequiredService<Database>().OpenAsync())
        {
            householdCallId = await connection.ExecuteScalarAsync<long>(
                "SELECT id FROM phone_calls WHERE conversation_id = @conversationId AND interpreter_for_call_id IS NULL", new { conversationId });
        }
        var second = await page.EvaluateAsync<int>(
            "async (url) => (await fetch(url, { method: 'POST', body: new FormData(document.getElementById('phone-start')) })).status",
            GesprekTool.PhoneCalls.PhoneCallEndpoints.InterpreterUrl(conversationId, householdCallId));
        Assert.Equal(409, second);

        // The interpreter's token reaches the interpreter's number only, and a leg gets no interpreter of its own.
        string legToken;
        long legId;
        await using (var connection = await _app.Services.GetRequiredService<Database>().OpenAsync())
        {
            (legId, legToken) = await connection.QuerySingleAsync<(long, string)>(
                "SELECT id, janus_token FROM phone_calls WHERE interpreter_for_call_id = @householdCallId", new { householdCallId });
        }
        const string callWithToken =
            """
            async ([token, uri]) => {
              const post = async (path, body) => (await fetch('/bellen/janus' + path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ ...body, token, transaction: Math.random().toString(36).slice(2) }) }));
              const session = (await (await post('', { janus: 'create' })).json()).data.id;
              const handle = (await (await post('/' + session, { janus: 'attach', plugin: 'janus.plugin.sip' })).json()).data.id;
              return (await post(`/${session}/${handle}`, { janus: 'message', body: { request: 'call', uri } })).status;
            }
            """;
        Assert.Equal(403, await page.EvaluateAsync<int>(callWithToken, new object[] { legToken, $"sip:{household}@{SipWorld.Domain}" }));
        Assert.Equal(404, await page.EvaluateAsync<int>(
            "async (url) => (await fetch(url, { method: 'POST', body: new FormData(document.getElementById('phone-start')) })).status",
            GesprekTool.PhoneCalls.PhoneCallEndpoints.InterpreterUrl(conversationId, legId)));

        // Hanging up on the family ends the interpreter's leg too.
        await page.GetByRole(AriaRole.Button, new() { Name = "Ophangen", Exact = true }).ClickAsync();
        await ExpectStatusAsync(page, "Opgehangen.");
        await WaitForAsync(async () => (await page.Locator("#interpreter-status").InnerTextAsync()).Contains("Tolk: opgehangen", StringComparison.Ordinal),
            "the interpreter's leg ended", page);
        await WaitForAsync(() => Task.FromResult(_sip.MessagesOf(interpreter).Contains("BYE sip:", StringComparison.Ordinal)), "the interpreter's phone hung up", page);

        await using (var connection = await _app.Services.GetRequiredService<Database>().OpenAsync())
        {
            var leg = await connection.QuerySingleAsync<(string Number, long? For, string Outcome)>(
                "SELECT dialled_number, interpreter_for_call_id, outcome FROM phone_calls WHERE conversation_id = @conversationId AND interpreter_for_call_id IS NOT NULL",
                new { conversationId });
            Assert.Equal((interpreter, householdCallId, "opgehangen"), (leg.Number, leg.For, leg.Outcome));
            var kinds = (await connection.QueryAsync<string>(
                "SELECT kind FROM conversation_events WHERE conversation_id = @conversationId AND kind LIKE 'tolk-%' ORDER BY id", new { conversationId })).ToList();
            Assert.Equal(["tolk-start", "tolk-opgenomen", "tolk-einde"], kinds);
            Assert.Equal("uitkomst opgehangen", await connection.ExecuteScalarAsync<string>("SELECT detail FROM audit_log WHERE action = 'call.interpreter'"));
        }
        await page.GotoAsync(GesprekTool.Conversations.WrapUp.Url(conversationId));
        await Assertions.Expect(page.Locator("#phone-summary")).ToContainTextAsync("tolk erbij, Opgehangen, met tolk");
        await ChromiumBrowser.ScreenshotsAsync(page, "phone-call-wrap-up-interpreter");
        await _pages.ExpectValidAsync();
    }

    [Theory]
    [InlineData(SipWorld.Numbers.Busy, "In gesprek (bezet)", "bezet")]
    [InlineData(SipWorld.Numbers.Declines, "Geweigerd", "geweigerd")]
    [InlineData(SipWorld.Numbers.Rings, "Geen antwoord", "geen-antwoord")]
    [InlineData(SipWorld.Numbers.HangsUp, "Opgehangen door het gezin", "gezin-hing-op")]
    [InlineData(SipWorld.Numbers.Unknown, "Nummer bestaat niet", "nummer-onbekend")]
    public async Task Each_way_a_call_can_end_is_said_on_the_page_and_kept_as_the_outcome(string number, string said, string outcome)
    {
        var (_, conversationId) = await ConversationWithAsync(number);
        var page = await SignedInAsync("sanne");
        await page.GotoAsync(GesprekTool.PhoneCalls.PhoneCallPage.Url(conversationId));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bellen", Exact = true }).ClickAsync();
        await ExpectStatusAsync(page, said);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw bellen" })).ToBeEnabledAsync();

        await using var connection = await _app.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal(outcome, await connection.ExecuteScalarAsync<string>("SELECT outcome FROM phone_calls WHERE conversation_id = @conversationId", new { conversationId }));
        if (outcome != "gezin-hing-op")
        {
            // Not reached: the wrap-up offers the callback in one click.
            await page.GotoAsync(GesprekTool.Conversations.WrapUp.Url(conversationId));
            await page.Locator("#callback-not-reached").ClickAsync();
            await Assertions.Expect(page.Locator(".status-message, [role=status]").First).ToContainTextAsync("Terugbellen staat klaar");
            Assert.Equal("Niet bereikt, opnieuw proberen", await connection.ExecuteScalarAsync<string>(
                "SELECT callback_note FROM conversations WHERE id = @conversationId", new { conversationId }));
        }
    }

    [Fact]
    public async Task The_proxy_dials_only_the_households_number_and_refuses_recording_and_other_peoples_tokens()
    {
        var (_, conversationId) = await ConversationWithAsync(SipWorld.Numbers.Answers);
        await new TestWorld(_app.Services).UserAsync("youssef", Roles.Worker);
        var page = await SignedInAsync("sanne");
        await page.GotoAsync(GesprekTool.PhoneCalls.PhoneCallPage.Url(conversationId));

        // The page's own grant, then Janus requests written by hand, as an attacker at the keyboard would.
        const string script =
            """
            async ([kind]) => {
              const form = document.getElementById('phone-start');
              const grant = await (await fetch(form.action, { method: 'POST', body: new FormData(form) })).json();
              const post = async (path, body) => {
                const r = await fetch('/bellen/janus' + path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
                  body: JSON.stringify({ ...body, token: grant.token, transaction: Math.random().toString(36).slice(2) }) });
                return { status: r.status, body: await r.json().catch(() => ({})) };
              };
              const session = (await post('', { janus: 'create' })).body.data.id;
              const handle = (await post('/' + session, { janus: 'attach', plugin: 'janus.plugin.sip' })).body.data.id;
              const send = (message) => post(`/${session}/${handle}`, { janus: 'message', body: message });
              return {
                token: grant.token,
                otherNumber: (await send({ request: 'call', uri: 'sip:+31612340002@gesprektool.test' })).status,
                premium: (await send({ request: 'call', uri: 'sip:09001234567@gesprektool.test' })).status,
                ownProxy: (await send({ request: 'register', username: 'sip:me@evil.test', proxy: 'sip:10.213.0.2:5060' })).status,
                secretAsked: (await send({ request: 'register', secret: 'x' })).status,
                recording: (await send({ request: 'recording', action: 'start', audio: true, peer_audio: true, filename: '/tmp/x' })).status,
                transfer: (await send({ request: 'transfer', uri: 'sip:+31612340002@gesprektool.test' })).status,
                accept: (await send({ request: 'accept' })).status,
                otherPlugin: (await post('/' + session, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).status,
                register: (await send({ request: 'register' })).status,
              };
            }
            """;
        var result = await page.EvaluateAsync<JsonElement>(script, new object[] { "x" });
        output.WriteLine(result.ToString());
        foreach (var refused in new[] { "otherNumber", "premium", "ownProxy", "secretAsked", "recording", "transfer", "accept", "otherPlugin" })
        {
            Assert.True(result.GetProperty(refused).GetInt32() == 403, $"{refused}: {result}");
        }
        Assert.Equal(200, result.GetProperty("register").GetInt32());

        // Another worker holding the copied token gets nowhere.
        var other = await SignedInAsync("youssef");
        var status = await other.EvaluateAsync<int>(
            "async (token) => (await fetch('/bellen/janus', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ janus: 'create', token, transaction: 'x' }) })).status",
            result.GetProperty("token").GetString());
        Assert.Equal(403, status);
        Assert.DoesNotContain("INVITE", _sip.MessagesOf(SipWorld.Numbers.Busy));

        // Once the attempt has ended, its token dials nothing more, even for the worker who had it.
        await using (var connection = await _app.Services.GetRequiredService<Database>().OpenAsync())
        {
            var callId = await connection.ExecuteScalarAsync<long>("SELECT id FROM phone_calls WHERE janus_token = @token", new { token = result.GetProperty("token").GetString() });
            var ended = await page.EvaluateAsync<int>(
                """
                async ([url]) => {
                  const body = new FormData(document.getElementById('phone-start'));
                  body.append('state', 'ended'); body.append('by', 'worker');
                  return (await fetch(url, { method: 'POST', body })).status;
                }
                """, new object[] { GesprekTool.PhoneCalls.PhoneCallEndpoints.StateUrl(conversationId, callId) });
            Assert.Equal(200, ended);
        }
        var reused = await page.EvaluateAsync<int>(
            "async (token) => (await fetch('/bellen/janus', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ janus: 'create', token, transaction: 'y' }) })).status",
            result.GetProperty("token").GetString());
        Assert.Equal(403, reused);
    }

    [Fact]
    public async Task When_the_voice_server_goes_away_mid_call_the_page_says_so_and_the_attempt_is_kept_as_network_trouble()
    {
        var (_, conversationId) = await ConversationWithAsync(SipWorld.Numbers.Answers);
        var page = await SignedInAsync("sanne");
        await page.GotoAsync(GesprekTool.PhoneCalls.PhoneCallPage.Url(conversationId));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bellen", Exact = true }).ClickAsync();
        await ExpectStatusAsync(page, "In gesprek");

        await _janus.DisposeAsync();

        await ExpectStatusAsync(page, "Verbinding verbroken");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw bellen" })).ToBeEnabledAsync();
        await using var connection = await _app.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal("netwerkprobleem", await connection.ExecuteScalarAsync<string>("SELECT outcome FROM phone_calls WHERE conversation_id = @conversationId", new { conversationId }));
    }

    [Fact]
    public async Task The_admin_sees_the_line_is_set_up_without_its_secret_and_counts_of_outcomes()
    {
        var (worker, conversationId) = await ConversationWithAsync(SipWorld.Numbers.Busy);
        await new TestWorld(_app.Services).UserAsync("beheer", Roles.Admin);
        var page = await SignedInAsync("sanne");
        await page.GotoAsync(GesprekTool.PhoneCalls.PhoneCallPage.Url(conversationId));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bellen", Exact = true }).ClickAsync();
        await ExpectStatusAsync(page, "bezet");

        var admin = await SignedInAsync("beheer", GesprekTool.Accounts.UsersPage.Url());
        await admin.GotoAsync(GesprekTool.PhoneCalls.PhoneLinePage.Url());
        await Assertions.Expect(admin.Locator("h2#lijn-kop")).ToHaveTextAsync("Aansluiting: klaar om te bellen");
        await Assertions.Expect(admin.Locator("#phone-line-settings")).ToContainTextAsync("ingesteld (niet zichtbaar)");
        await Assertions.Expect(admin.Locator("table")).ToContainTextAsync("In gesprek (bezet)");
        Assert.DoesNotContain(_sip.Secret, await admin.ContentAsync());

        // The interpreter service: nonsense and a premium number get a Dutch reason; a real number is kept and audited.
        await admin.GetByLabel("Naam van de tolkendienst").FillAsync("Tolkendienst Rijnland");
        await admin.GetByLabel("Telefoonnummer").FillAsync("bel maar");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#tolkendienst .field-error")).Not.ToBeEmptyAsync();
        await admin.GetByLabel("Telefoonnummer").FillAsync("0900 1234567");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#tolkendienst .field-error")).ToContainTextAsync("0900");
        Assert.Null(await _app.Services.GetRequiredService<InterpreterServiceStore>().GetAsync());
        await admin.GetByLabel("Telefoonnummer").FillAsync("088-1234567");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(admin.Locator("[role=status]")).ToHaveTextAsync("De tolkendienst is opgeslagen.");
        await Assertions.Expect(admin.GetByLabel("Telefoonnummer")).ToHaveValueAsync("088 123 4567");
        Assert.Equal(new InterpreterService("Tolkendienst Rijnland", new PhoneNumber("+31881234567")),
            await _app.Services.GetRequiredService<InterpreterServiceStore>().GetAsync());
        await using (var connection = await _app.Services.GetRequiredService<Database>().OpenAsync())
        {
            Assert.Equal("Tolkendienst Rijnland", await connection.ExecuteScalarAsync<string>("SELECT detail FROM audit_log WHERE action = 'phone_line.interpreter_changed'"));
        }
        await Accessibility.ExpectNoViolationsAsync(admin, "the admin's phone line page");
        await ChromiumBrowser.ScreenshotsAsync(admin, "admin-phone-line");
        await _pages.ExpectValidAsync();
    }
}
