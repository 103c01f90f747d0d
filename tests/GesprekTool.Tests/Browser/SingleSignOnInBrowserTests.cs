using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Accounts.SingleSignOn;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using System.Text.RegularExpressions;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// Staff sign in through the organisation's identity provider: a real OpenID provider (npm
/// oidc-provider) on 127.0.0.1, the app on Kestrel, Chromium in between. Forged answers come from a
/// second, lying provider (rogue.mjs), not from stubbing the handler.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SingleSignOnInBrowserTests(ChromiumBrowser chromium, PostgresServer postgres) : IAsyncLifetime
{
    private static readonly Dictionary<string, IdpPerson> People = new()
    {
        ["anna-sub"] = new("anna@org.test", "Anna de Vries", ["gt-workers"]),
        ["bob-sub"] = new("bob@org.test", "Bob Onbekend", ["gt-workers"]),
        ["coco-sub"] = new("coco@org.test", "Coco Coördinator", ["gt-coordinators"], Amr: ["pwd"]),
        ["dirk-sub"] = new("dirk@org.test", "Dirk Coördinator", ["gt-coordinators"], Amr: ["pwd", "mfa"]),
    };

    private readonly int _port = FreePort.Next();
    private readonly List<IAsyncDisposable> _running = [];
    private readonly List<IBrowserContext> _contexts = [];
    private IdentityProvider _idp = default!;
    private GesprekToolFactory _app = default!;

    private string AppUrl => $"http://127.0.0.1:{_port}";

    public async Task InitializeAsync() => _idp = await IdentityProvider.StartAsync(AppUrl, People);

    private async Task StartAppAsync(params (string Key, string? Value)[] sso) => await StartAppAsync(_idp, sso);

    private async Task StartAppAsync(IdentityProvider idp, params (string Key, string? Value)[] sso)
    {
        var settings = idp.Settings([("RoleMapping:gt-workers", Roles.Worker), ("RoleMapping:gt-coordinators", Roles.Coordinator), .. sso]);
        _app = await GesprekToolFactory.CreateAsync(DatabaseEngine.Sqlite, postgres, _port, settings);
        _app.StartServer();
        _running.Add(_app);
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        foreach (var running in _running)
        {
            await running.DisposeAsync();
        }
        await _idp.DisposeAsync();
    }

    private async Task<IPage> BrowserAsync()
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = AppUrl, Locale = "nl-NL" });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    private async Task<long> LinkedUserAsync(string userName, string role, string? email = null, string? subject = null)
    {
        var user = await new TestWorld(_app.Services).UserAsync(userName, role);
        await _app.Services.GetRequiredService<SsoIdentities>().LinkAsync(user.Id, _idp.Authority, subject, email);
        return user.Id;
    }

    /// <summary>From the app's sign-in page through the IdP's login form; returns where the browser lands.</summary>
    private async Task SignInThroughIdpAsync(IPage page, string idpUser)
    {
        await page.GotoAsync(SignInPage.Url());
        await page.GetByRole(AriaRole.Link, new() { Name = "Aanmelden via uw organisatie" }).ClickAsync();
        try
        {
            await page.GetByLabel("User").WaitForAsync(new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"No IdP login form at {page.Url}: {await page.Locator("body").InnerTextAsync()}\nIdP: {string.Join('\n', _idp.Log.TakeLast(20))}");
        }
        await page.GetByLabel("User").FillAsync(idpUser);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in at the IdP" }).ClickAsync();
    }

    /// <summary>
    /// Waits until the page's address is <paramref name="path"/> (with any query). It polls the address rather than
    /// waiting for a navigation event, because the app's continue page moves on at once and the
    /// landing can happen before a wait begins; when the page does not arrive, it says where it is.
    /// </summary>
    private async Task ArrivesAtAsync(IPage page, string path)
    {
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + @"(\?|$)"), new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            throw new Xunit.Sdk.XunitException($"Expected {path}, the page is at {page.Url}: {await page.Locator("body").InnerTextAsync()}\nIdP: {string.Join('\n', _idp.Log.TakeLast(20))}");
        }
    }

    private async Task<IReadOnlyList<string>> AuditAsync(string action)
    {
        await using var connection = await _app.Services.GetRequiredService<Database>().OpenAsync();
        return (await connection.QueryAsync<string>("SELECT COALESCE(detail, '') FROM audit_log WHERE action = @action ORDER BY id", new { action })).ToList();
    }

    [Fact]
    public async Task A_linked_worker_signs_in_through_the_IdP_lands_on_the_caseload_and_signing_out_ends_both_sessions()
    {
        await StartAppAsync();
        await LinkedUserAsync("anna", Roles.Worker, email: "anna@org.test");
        var page = await BrowserAsync();

        await SignInThroughIdpAsync(page, "anna-sub");
        await ArrivesAtAsync(page, GesprekTool.Households.Caseload.Url());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mijn gezinnen");
        await using (var connection = await _app.Services.GetRequiredService<Database>().OpenAsync())
        {
            Assert.Equal("anna-sub", await connection.ExecuteScalarAsync<string>("SELECT subject FROM sso_identities"));
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM user_sessions WHERE sso_sid IS NOT NULL AND ended_at IS NULL"));
        }
        await ChromiumBrowser.ScreenshotsAsync(page, "sso-signed-in");

        // Sign-out ends the app's session and, through the IdP's end-session page, the IdP's.
        await page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(_idp.Authority) + "/"), new() { Timeout = 30_000 });
        await page.Locator("button[autofocus], button[type=submit]").First.ClickAsync(); // the IdP asks "sign out?"
        await ArrivesAtAsync(page, SignInPage.Url());
        await page.GotoAsync(GesprekTool.Households.Caseload.Url());
        await ArrivesAtAsync(page, SignInPage.Url());
        await page.GetByRole(AriaRole.Link, new() { Name = "Aanmelden via uw organisatie" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("User")).ToBeVisibleAsync(); // asked again at the IdP: its session is gone too
    }

    [Fact]
    public async Task A_person_the_app_does_not_know_gets_a_Dutch_page_and_the_attempt_is_audited()
    {
        await StartAppAsync();
        var page = await BrowserAsync();

        await SignInThroughIdpAsync(page, "bob-sub");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("U heeft nog geen toegang");
        await Accessibility.ExpectNoViolationsAsync(page, "the page for someone without access");
        await ChromiumBrowser.ScreenshotsAsync(page, "sso-unknown-person");
        Assert.Contains(await AuditAsync("signin.sso_unknown"), detail => detail.Contains("bob-sub", StringComparison.Ordinal));
        await page.GotoAsync(GesprekTool.Households.Caseload.Url());
        await ArrivesAtAsync(page, SignInPage.Url());
    }

    [Fact]
    public async Task Roles_follow_the_IdP_a_changed_group_ends_open_sessions_and_no_group_means_no_access()
    {
        await StartAppAsync(("RolesFromIdp", "true"));
        var anna = await LinkedUserAsync("anna", Roles.Worker, subject: "anna-sub");
        var first = await BrowserAsync();
        await SignInThroughIdpAsync(first, "anna-sub");
        await ArrivesAtAsync(first, GesprekTool.Households.Caseload.Url());

        await _idp.SetGroupsAsync("anna-sub", "gt-coordinators");
        var second = await BrowserAsync();
        await SignInThroughIdpAsync(second, "anna-sub");
        await ArrivesAtAsync(second, GesprekTool.Households.Caseload.Url()); // the IdP did multi-factor: no second factor asked here
        Assert.Equal([Roles.Coordinator], await _app.Services.GetRequiredService<UserStore>().RolesOfAsync(anna));
        // The first browser's session was made with the old roles: it ends at its next request.
        await first.ReloadAsync();
        await ArrivesAtAsync(first, SignInPage.Url());

        await _idp.SetGroupsAsync("anna-sub");
        var third = await BrowserAsync();
        await SignInThroughIdpAsync(third, "anna-sub");
        await Assertions.Expect(third.Locator("h1")).ToHaveTextAsync("U heeft geen rol meer in GesprekTool");
        Assert.Empty(await _app.Services.GetRequiredService<UserStore>().RolesOfAsync(anna));
        await second.ReloadAsync();
        await ArrivesAtAsync(second, SignInPage.Url());
    }

    [Fact]
    public async Task The_IdP_ending_its_session_by_back_channel_ends_the_apps_session()
    {
        await StartAppAsync();
        await LinkedUserAsync("anna", Roles.Worker, subject: "anna-sub");
        var page = await BrowserAsync();
        await SignInThroughIdpAsync(page, "anna-sub");
        await ArrivesAtAsync(page, GesprekTool.Households.Caseload.Url());

        // Anna signs out at the IdP itself (say, from another application): the IdP tells the app.
        var idpTab = await page.Context.NewPageAsync();
        await idpTab.GotoAsync($"{_idp.Authority}/session/end?client_id={IdentityProvider.ClientId}");
        await idpTab.Locator("button[autofocus], button[type=submit]").First.ClickAsync();
        await WaitUntilAsync(async () => (await AuditAsync("signout.idp")).Count > 0, () => $"IdP: {string.Join('\n', _idp.Log.Where(l => !l.Contains("NOTICE", StringComparison.Ordinal) && !l.Contains("WARNING", StringComparison.Ordinal)))}; the IdP page: {idpTab.Url}");

        await page.ReloadAsync();
        await ArrivesAtAsync(page, SignInPage.Url());
        await using var connection = await _app.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal("idp_logout", await connection.ExecuteScalarAsync<string>("SELECT ended_reason FROM user_sessions WHERE sso_subject = 'anna-sub'"));
    }

    [Fact]
    public async Task The_IdPs_multi_factor_sign_in_counts_and_otherwise_the_app_asks_for_its_own()
    {
        await StartAppAsync(("Accounts:SecondFactor:RequiredRoles", Roles.Coordinator));
        await LinkedUserAsync("coco", Roles.Coordinator, subject: "coco-sub");
        await LinkedUserAsync("dirk", Roles.Coordinator, subject: "dirk-sub");

        var coco = await BrowserAsync();
        await SignInThroughIdpAsync(coco, "coco-sub"); // password only at the IdP
        await ArrivesAtAsync(coco, SecondFactorPage.Url());

        var dirk = await BrowserAsync();
        await SignInThroughIdpAsync(dirk, "dirk-sub"); // amr "mfa"
        await ArrivesAtAsync(dirk, GesprekTool.Households.Caseload.Url()); // no second factor asked
    }

    [Fact]
    public async Task With_passwords_off_for_workers_the_page_shows_one_button_and_only_admins_still_use_a_password()
    {
        await StartAppAsync(("LocalPasswordsOffFor:0", Roles.Worker), ("LocalPasswordsOffFor:1", Roles.Coordinator));
        await new TestWorld(_app.Services).UserAsync("sanne", Roles.Worker);
        await new TestWorld(_app.Services).UserAsync("beheer", Roles.Admin);
        var page = await BrowserAsync();

        await page.GotoAsync(SignInPage.Url());
        await Assertions.Expect(page.GetByLabel("Wachtwoord")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Aanmelden via uw organisatie" })).ToBeVisibleAsync();
        await Accessibility.ExpectNoViolationsAsync(page, "the sign-in page with single sign-on");
        await ChromiumBrowser.ScreenshotsAsync(page, "sso-sign-in-page");

        await page.GetByRole(AriaRole.Link, new() { Name = "Beheerder zonder single sign-on? Aanmelden met wachtwoord" }).ClickAsync();
        await page.GetByLabel("Gebruikersnaam").FillAsync("sanne");
        await page.GetByLabel("Wachtwoord").FillAsync(TestWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".form-error")).ToContainTextAsync("uw organisatie heeft aanmelden met een wachtwoord uitgezet");
        Assert.Single(await AuditAsync("signin.password_off"));

        await page.GetByLabel("Gebruikersnaam").FillAsync("beheer");
        await page.GetByLabel("Wachtwoord").FillAsync(TestWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        await Arrival.AwayFromAsync(page, SignInPage.Url());
    }

    [Fact]
    public async Task An_admin_links_a_user_by_e_mail_and_the_first_sign_in_fixes_the_IdPs_id()
    {
        await StartAppAsync();
        var anna = await new TestWorld(_app.Services).UserAsync("anna", Roles.Worker);
        await new TestWorld(_app.Services).UserAsync("beheer", Roles.Admin);
        var admin = await BrowserAsync();
        await admin.GotoAsync(SignInPage.Url());
        await admin.GetByLabel("Gebruikersnaam").FillAsync("beheer");
        await admin.GetByLabel("Wachtwoord").FillAsync(TestWorld.Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        await ArrivesAtAsync(admin, UsersPage.Url());
        await admin.GotoAsync(UserPage.Url(anna.Id));

        await admin.GetByRole(AriaRole.Button, new() { Name = "Koppelen" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".field-error")).ToContainTextAsync("Vul een e-mailadres of een vaste id in");
        await admin.GetByLabel("E-mailadres bij de organisatie").FillAsync("Anna@Org.test");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Koppelen" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#sso-link")).ToContainTextAsync("e-mailadres anna@org.test (nog niet aangemeld)");
        await Accessibility.ExpectNoViolationsAsync(admin, "the user page with the single sign-on link");
        await ChromiumBrowser.ScreenshotsAsync(admin, "sso-admin-link");

        var page = await BrowserAsync();
        await SignInThroughIdpAsync(page, "anna-sub");
        await ArrivesAtAsync(page, GesprekTool.Households.Caseload.Url());
        await admin.ReloadAsync();
        await Assertions.Expect(admin.Locator("#sso-link")).ToContainTextAsync("id anna-sub");
        Assert.Contains(await AuditAsync("user.sso_linked"), detail => detail == "op e-mailadres");
    }

    [Fact]
    public async Task A_member_of_a_provisioning_group_gets_an_account_at_the_first_sign_in()
    {
        await StartAppAsync(("RolesFromIdp", "true"), ("ProvisionFor:0", "gt-workers"));
        var page = await BrowserAsync();

        await SignInThroughIdpAsync(page, "bob-sub");

        await ArrivesAtAsync(page, GesprekTool.Households.Caseload.Url());
        var bob = await _app.Services.GetRequiredService<UserStore>().FindByUserNameAsync("bob@org.test");
        Assert.Equal("Bob Onbekend", bob!.DisplayName);
        Assert.Equal([Roles.Worker], await _app.Services.GetRequiredService<UserStore>().RolesOfAsync(bob.Id));
        Assert.Single(await AuditAsync("user.provisioned"));
    }

    [Fact]
    public async Task A_back_channel_logout_the_IdP_did_not_sign_ends_nothing()
    {
        await StartAppAsync();
        await LinkedUserAsync("anna", Roles.Worker, subject: "anna-sub");
        var page = await BrowserAsync();
        await SignInThroughIdpAsync(page, "anna-sub");
        await ArrivesAtAsync(page, GesprekTool.Households.Caseload.Url());

        // A logout token someone made up: right claims, no valid signature.
        static string Part(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var claims = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = _idp.Authority, ["aud"] = IdentityProvider.ClientId, ["sub"] = "anna-sub", ["jti"] = "x",
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["events"] = new Dictionary<string, object> { ["http://schemas.openid.net/event/backchannel-logout"] = new Dictionary<string, object>() },
        });
        var forged = Part("""{"alg":"none","typ":"logout+jwt"}""") + "." + Part(claims) + ".";
        using var http = new HttpClient();
        foreach (var token in new[] { forged, "not-a-token" })
        {
            using var response = await http.PostAsync($"{AppUrl}{SsoEndpoints.BackChannelLogoutUrl}", new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = token }));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        }
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mijn gezinnen");
        Assert.Equal(2, (await AuditAsync("signin.sso_logout_refused")).Count);
    }

    [Fact]
    public async Task A_replayed_answer_from_the_IdP_signs_nobody_in()
    {
        await StartAppAsync();
        await LinkedUserAsync("anna", Roles.Worker, subject: "anna-sub");
        var page = await BrowserAsync();
        string? callback = null;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains(SsoSetup.CallbackUrl, StringComparison.Ordinal))
            {
                callback ??= request.Url;
            }
        };
        await SignInThroughIdpAsync(page, "anna-sub");
        await ArrivesAtAsync(page, GesprekTool.Households.Caseload.Url());

        // Someone who copied the address with the code and state opens it in their own browser.
        var other = await BrowserAsync();
        await other.GotoAsync(callback!);
        await Assertions.Expect(other.Locator("h1")).ToHaveTextAsync("Aanmelden is niet gelukt");
        await other.GotoAsync(GesprekTool.Households.Caseload.Url());
        await ArrivesAtAsync(other, SignInPage.Url());
    }

    [Theory]
    [InlineData("wrong-issuer")]
    [InlineData("wrong-audience")]
    [InlineData("bad-signature")]
    [InlineData("replayed-nonce")]
    [InlineData("expired")]
    public async Task A_forged_id_token_from_a_lying_provider_is_refused(string lie)
    {
        await using var rogue = await IdentityProvider.StartRogueAsync(AppUrl);
        await StartAppAsync(rogue);
        var mallory = await new TestWorld(_app.Services).UserAsync("mallory", Roles.Worker);
        await _app.Services.GetRequiredService<SsoIdentities>().LinkAsync(mallory.Id, rogue.Authority, "mallory", null);
        var page = await BrowserAsync();

        // First the honest token: the set-up can sign in, so a refusal below is the lie's doing.
        await page.GotoAsync(SignInPage.Url());
        await page.GetByRole(AriaRole.Link, new() { Name = "Aanmelden via uw organisatie" }).ClickAsync();
        await ArrivesAtAsync(page, GesprekTool.Households.Caseload.Url());
        await page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).ClickAsync();
        await ArrivesAtAsync(page, SignInPage.Url());

        await rogue.LieAsync(lie);
        await page.GetByRole(AriaRole.Link, new() { Name = "Aanmelden via uw organisatie" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Aanmelden is niet gelukt");
        await page.GotoAsync(GesprekTool.Households.Caseload.Url());
        await ArrivesAtAsync(page, SignInPage.Url());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> explain)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The condition did not become true within 30 s. " + explain());
            }
            await Task.Delay(100);
        }
    }
}
