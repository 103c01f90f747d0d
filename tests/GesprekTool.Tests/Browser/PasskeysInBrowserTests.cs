using System.Text.Json;
using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// Passkeys in Chromium with its virtual authenticator (DevTools protocol WebAuthn domain, through
/// Playwright's CDP session): a real WebAuthn ceremony, a real key pair, a real signature counter.
/// The app's public address is http://localhost:port (a relying party must be a domain name).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PasskeysInBrowserTests(ChromiumBrowser chromium, PostgresServer postgres) : IAsyncLifetime
{
    private readonly int _port = FreePort.Next();
    private GesprekToolFactory _app = default!;
    private readonly List<IBrowserContext> _contexts = [];
    private VisitedPages _pages = default!;

    private string AppUrl => $"http://localhost:{_port}";

    public async Task InitializeAsync()
    {
        _app = await GesprekToolFactory.CreateAsync(DatabaseEngine.Sqlite, postgres, _port, new Dictionary<string, string?>
        {
            ["Calls:PublicBaseUrl"] = AppUrl,
            ["Accounts:SecondFactor:RequiredRoles"] = Roles.Coordinator,
        });
        _app.StartServer();
        _pages = new VisitedPages(new Uri(AppUrl));
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _pages.ExpectValidAsync();
        }
        finally
        {
            foreach (var context in _contexts)
            {
                await context.CloseAsync();
            }
            await _app.DisposeAsync();
        }
    }

    private async Task<IPage> BrowserAsync(string? baseUrl = null)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl ?? AppUrl, Locale = "nl-NL" });
        _contexts.Add(context);
        _pages.Watch(context);
        return await context.NewPageAsync();
    }

    /// <summary>A platform authenticator with a PIN or fingerprint that the person passes (or not).</summary>
    private static async Task<(ICDPSession Cdp, string Id)> AuthenticatorAsync(IPage page, bool verifiesUser = true, string transport = "internal")
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = transport, ["hasResidentKey"] = true, ["hasUserVerification"] = true,
                ["isUserVerified"] = verifiesUser, ["automaticPresenceSimulation"] = true,
            },
        });
        return (cdp, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    private static async Task SignInWithPasswordAsync(IPage page, string userName, string expectedPath)
    {
        await page.GotoAsync(SignInPage.Url());
        await page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        await page.GetByLabel("Wachtwoord").FillAsync(TestWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        await Arrival.AtAsync(page, expectedPath + "*");
    }

    private static async Task AddPasskeyAsync(IPage page, string name)
    {
        await page.GetByLabel("Naam van dit apparaat").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Passkey toevoegen op dit apparaat" }).ClickAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await _app.Services.GetRequiredService<Database>().OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    [Fact]
    public async Task A_worker_adds_passkeys_signs_in_with_one_without_a_password_and_removes_another()
    {
        await new TestWorld(_app.Services).UserAsync("sanne", Roles.Worker);
        var page = await BrowserAsync();
        await AuthenticatorAsync(page);
        await SignInWithPasswordAsync(page, "sanne", GesprekTool.Households.Caseload.Url());

        await page.GotoAsync(AccountPage.Url());
        await AddPasskeyAsync(page, "laptop kantoor");
        await Assertions.Expect(page.Locator("#passkey-list")).ToContainTextAsync("laptop kantoor");
        await Accessibility.ExpectNoViolationsAsync(page, "the account page with a passkey");
        await ChromiumBrowser.ScreenshotsAsync(page, "passkeys-account");

        // Signing in with the passkey: no password, no code, and the answer cannot be used twice.
        await page.GetByRole(AriaRole.Button, new() { Name = "Afmelden", Exact = true }).ClickAsync();
        await Arrival.AtAsync(page, SignInPage.Url() + "*");
        string? answer = null;
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith(GesprekTool.Accounts.Passkeys.PasskeyEndpoints.SignInUrl, StringComparison.Ordinal))
            {
                answer = request.PostData;
            }
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Passkey gebruiken" }).ClickAsync();
        await Arrival.AtAsync(page, GesprekTool.Households.Caseload.Url());
        Assert.True(await ScalarAsync<long>("SELECT sign_count FROM passkeys WHERE name = 'laptop kantoor'") > 0);
        Assert.Equal(1, await ScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'signin.passkey'"));
        var replayed = await page.EvaluateAsync<int>(
            "async ([url, body]) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })).status",
            new object[] { GesprekTool.Accounts.Passkeys.PasskeyEndpoints.SignInUrl, answer! });
        Assert.Equal(400, replayed);

        // A second one on a security key (a USB authenticator), then the first one removed.
        var (cdp, _) = await AuthenticatorAsync(page, transport: "usb");
        await page.GotoAsync(AccountPage.Url());
        await AddPasskeyAsync(page, "sleutel");
        await Assertions.Expect(page.Locator("#passkey-list li")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Passkey laptop kantoor verwijderen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#passkey-list li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#passkey-list")).ToContainTextAsync("sleutel");
        Assert.Equal(1, await ScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'passkey.removed'"));
        await cdp.DisposeAsync();
    }

    [Fact]
    public async Task Without_user_verification_no_passkey_is_added_and_none_signs_in()
    {
        await new TestWorld(_app.Services).UserAsync("sanne", Roles.Worker);
        var page = await BrowserAsync();
        var (cdp, id) = await AuthenticatorAsync(page, verifiesUser: false);
        await SignInWithPasswordAsync(page, "sanne", GesprekTool.Households.Caseload.Url());

        await page.GotoAsync(AccountPage.Url());
        await AddPasskeyAsync(page, "zonder pincode");
        await Assertions.Expect(page.Locator("[data-passkey-status]")).ToContainTextAsync("De passkey is niet gebruikt");
        Assert.Equal(0, await ScalarAsync<int>("SELECT COUNT(*) FROM passkeys"));

        // With verification it works; then the person fails the fingerprint at sign-in.
        await cdp.SendAsync("WebAuthn.setUserVerified", new Dictionary<string, object> { ["authenticatorId"] = id, ["isUserVerified"] = true });
        await AddPasskeyAsync(page, "laptop");
        await Assertions.Expect(page.Locator("#passkey-list")).ToContainTextAsync("laptop");
        await cdp.SendAsync("WebAuthn.setUserVerified", new Dictionary<string, object> { ["authenticatorId"] = id, ["isUserVerified"] = false });
        await page.GetByRole(AriaRole.Button, new() { Name = "Afmelden", Exact = true }).ClickAsync();
        await Arrival.AtAsync(page, SignInPage.Url() + "*");
        await page.GetByRole(AriaRole.Button, new() { Name = "Passkey gebruiken" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-passkey-status]")).ToContainTextAsync("De passkey is niet gebruikt");
        await page.GotoAsync(GesprekTool.Households.Caseload.Url());
        await Arrival.AtAsync(page, SignInPage.Url() + "*");
    }

    [Fact]
    public async Task A_page_on_another_origin_gets_nothing_from_the_passkey()
    {
        await new TestWorld(_app.Services).UserAsync("sanne", Roles.Worker);
        var page = await BrowserAsync();
        await AuthenticatorAsync(page);
        await SignInWithPasswordAsync(page, "sanne", GesprekTool.Households.Caseload.Url());
        await page.GotoAsync(AccountPage.Url());
        await AddPasskeyAsync(page, "laptop");
        await Assertions.Expect(page.Locator("#passkey-list")).ToContainTextAsync("laptop");

        // The same server reached under another name: the relying party is localhost, so nothing.
        var elsewhere = await BrowserAsync($"http://127.0.0.1:{_port}");
        await AuthenticatorAsync(elsewhere);
        await elsewhere.GotoAsync(SignInPage.Url());
        await elsewhere.GetByRole(AriaRole.Button, new() { Name = "Passkey gebruiken" }).ClickAsync();
        await Assertions.Expect(elsewhere.Locator("[data-passkey-status]")).ToContainTextAsync("Passkeys werken alleen op het vaste adres van GesprekTool");
        Assert.Equal(0, await ScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'signin.passkey'"));
    }

    [Fact]
    public async Task A_coordinator_sets_up_a_passkey_as_the_required_second_factor_and_confirms_with_it_next_time()
    {
        await new TestWorld(_app.Services).UserAsync("coco", Roles.Coordinator);
        await new TestWorld(_app.Services).UserAsync("beheer", Roles.Admin);
        var page = await BrowserAsync();
        await AuthenticatorAsync(page);
        await SignInWithPasswordAsync(page, "coco", SecondFactorPage.Url());
        await AddPasskeyAsync(page, "laptop kantoor");
        await Arrival.AwayFromAsync(page, AccountPage.Url(), SignInPage.Url());

        await page.GetByRole(AriaRole.Button, new() { Name = "Afmelden", Exact = true }).ClickAsync();
        await SignInWithPasswordAsync(page, "coco", CodePage.Url());
        await ChromiumBrowser.ScreenshotsAsync(page, "passkeys-second-factor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bevestigen met uw passkey" }).ClickAsync();
        await Arrival.AwayFromAsync(page, SignInPage.Url());

        // The admin sees one passkey and removes all (a lost laptop): the coordinator is signed out.
        var coco = await _app.Services.GetRequiredService<UserStore>().FindByUserNameAsync("coco");
        var admin = await BrowserAsync();
        await SignInWithPasswordAsync(admin, "beheer", UsersPage.Url());
        await admin.GotoAsync(UserPage.Url(coco!.Id));
        await Assertions.Expect(admin.Locator("#passkey-count")).ToHaveTextAsync("1 passkey.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Alle passkeys van deze gebruiker verwijderen" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#passkey-count")).ToHaveTextAsync("Geen passkeys.");
        await page.ReloadAsync();
        await Arrival.AtAsync(page, SignInPage.Url() + "*");
        await page.GetByRole(AriaRole.Button, new() { Name = "Passkey gebruiken" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-passkey-status]")).ToContainTextAsync("niet (meer) bekend");
    }
}
