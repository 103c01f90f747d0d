using System.Net;
using System.Security.Claims;
using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GesprekTool.Tests.Accounts;

/// <summary>The cookie holds only a session token; the server decides on every request.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SessionTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Theory, OnBothDatabases]
    public async Task A_cookie_copied_before_sign_out_is_refused_afterwards(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        await world.UserAsync("sanne", Roles.Worker);
        var client = await SignedInClient.CreateAsync(app, "sanne");
        var copied = CookieOf(app, client);

        var token = await SignedInClient.AntiforgeryTokenAsync(client, Caseload.Url());
        var signOut = await client.PostAsync(AccountEndpoints.SignOutUrl, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var replay = await GetWithCookieAsync(app, copied, Caseload.Url());
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith(SignInPage.Url(), replay.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task A_coordinator_demoted_to_worker_loses_the_weekly_overview_at_once()
    {
        var (app, world) = await StartAsync();
        var coordinator = await world.UserAsync("carla", Roles.Coordinator, Roles.Worker);
        var client = await SignedInClient.CreateAsync(app, "carla");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(WeeklyReportsPage.Url())).StatusCode);

        await app.Services.GetRequiredService<UserStore>().SetRolesAsync(coordinator.Id, [Roles.Worker]);
        await app.Services.GetRequiredService<Sessions>().EndAllAsync(coordinator.Id, "roles_changed");

        var after = await client.GetAsync(WeeklyReportsPage.Url());
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith(SignInPage.Url(), after.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task A_new_security_stamp_alone_refuses_older_cookies()
    {
        var (app, world) = await StartAsync();
        var coordinator = await world.UserAsync("carla", Roles.Coordinator, Roles.Worker);
        var client = await SignedInClient.CreateAsync(app, "carla");

        // Another instance changed the roles; this one has not been told. The stamp still decides
        // once the few seconds of the session check's cache have passed.
        await app.Services.GetRequiredService<UserStore>().SetRolesAsync(coordinator.Id, [Roles.Coordinator]);
        await Task.Delay(Sessions.CheckCacheTime + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(WeeklyReportsPage.Url())).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_user_is_signed_out_everywhere()
    {
        var (app, world) = await StartAsync();
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var phone = await SignedInClient.CreateAsync(app, "sanne");
        var laptop = await SignedInClient.CreateAsync(app, "sanne");

        await app.Services.GetRequiredService<UserStore>().SetActiveAsync(worker.Id, false);
        await app.Services.GetRequiredService<Sessions>().EndAllAsync(worker.Id, "deactivated");

        foreach (var client in new[] { phone, laptop })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Caseload.Url())).StatusCode);
        }
        var again = await SignedInClient.SignInAsync(SignedInClient.Anonymous(app), "sanne", TestWorld.Password);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // the form again, with a message
    }

    [Fact]
    public async Task A_cookie_minted_with_the_apps_own_key_but_without_a_session_is_refused()
    {
        // What the leaked key allowed: a ticket that claims to be an admin. With the key ring in
        // hand, an attacker still has no session token the server knows.
        var (app, world) = await StartAsync();
        var admin = await world.UserAsync("beheerder", Roles.Admin);
        var forged = Mint(app, new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, "beheerder"),
            new Claim(ClaimTypes.Role, Roles.Admin),
            new Claim(Sessions.StageClaim, SessionStages.Full),
        ], CookieAuthenticationDefaults.AuthenticationScheme)));
        var forgedUnknownUser = Mint(app, new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "999999"),
            new Claim(ClaimTypes.Role, Roles.Admin),
            new Claim(Sessions.TokenClaim, "made-up-session-token"),
            new Claim(Sessions.StampClaim, ""),
        ], CookieAuthenticationDefaults.AuthenticationScheme)));

        foreach (var cookie in new[] { forged, forgedUnknownUser })
        {
            var response = await GetWithCookieAsync(app, cookie, UsersPage.Url());
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith(SignInPage.Url(), response.Headers.Location?.PathAndQuery);
        }
    }

    [Fact]
    public async Task A_cookie_made_with_another_key_ring_is_refused()
    {
        // The key that used to sit in the repository is such a foreign key ring now.
        var (app, world) = await StartAsync();
        await world.UserAsync("beheerder", Roles.Admin);
        var foreign = Microsoft.AspNetCore.DataProtection.DataProtectionProvider.Create(
            new DirectoryInfo(RepositoryPaths.NewTempDirectory("foreign-keys")), b => b.SetApplicationName("GesprekTool"));
        var format = new TicketDataFormat(foreign.CreateProtector(
            "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", CookieAuthenticationDefaults.AuthenticationScheme, "v2"));
        var cookie = format.Protect(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "1"), new Claim(ClaimTypes.Role, Roles.Admin)], "Cookies")), "Cookies"));

        var response = await GetWithCookieAsync(app, cookie, UsersPage.Url());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory, OnBothDatabases]
    public async Task The_key_ring_is_created_in_the_database_encrypted(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        await world.UserAsync("sanne", Roles.Worker);
        await SignedInClient.CreateAsync(app, "sanne");

        await using var connection = await app.Services.GetRequiredService<Database>().OpenAsync();
        var keys = (await connection.QueryAsync<string>("SELECT xml FROM data_protection_keys")).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedKey", xml);
            Assert.DoesNotContain("masterKey", xml);
        });
    }

    [Fact]
    public async Task A_restarted_app_reads_its_key_ring_back_and_keeps_sessions()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("sanne", Roles.Worker);
        var client = await SignedInClient.CreateAsync(app, "sanne");
        var cookie = CookieOf(app, client);

        await using var restarted = app.Restarted();
        var response = await GetWithCookieAsync(restarted, cookie, Caseload.Url());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Guessing_the_current_password_on_My_account_locks_the_account_and_signs_out()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("sanne", Roles.Worker);
        var stolen = await SignedInClient.CreateAsync(app, "sanne");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignedInClient.PostFormAsync(stolen, AccountPage.Url(), "wachtwoord", new()
            {
                ["Input.Current"] = $"gok-{attempt}-xxxxxxxx", ["Input.New"] = "een-nieuw-wachtwoord",
            });
        }

        Assert.Equal(HttpStatusCode.Redirect, (await stolen.GetAsync(Caseload.Url())).StatusCode);
        var owner = await SignedInClient.SignInAsync(SignedInClient.Anonymous(app), "sanne", TestWorld.Password);
        Assert.Contains("geblokkeerd", (await SignedInClient.ParseAsync(owner)).QuerySelector(".form-error")?.TextContent);
    }

    [Fact]
    public async Task A_cookie_made_with_the_key_that_was_once_committed_is_refused()
    {
        // Finding 1 as the attacker did it: the key from the first commit, read from git history,
        // signs a cookie for the admin. Outside a git checkout a fresh foreign key ring stands in.
        var (app, world) = await StartAsync();
        var admin = await world.UserAsync("beheerder", Roles.Admin);
        var keys = new DirectoryInfo(RepositoryPaths.NewTempDirectory("leaked-key"));
        var leaked = await GitShowAsync("24da984:src/GesprekTool.Web/data/keys/key-cc0e461b-5682-4414-9c9f-695869042801.xml");
        if (leaked is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(keys.FullName, "key-cc0e461b-5682-4414-9c9f-695869042801.xml"), leaked);
        }
        var provider = DataProtectionProvider.Create(keys, b => b.SetApplicationName("GesprekTool"));
        var format = new TicketDataFormat(provider.CreateProtector(
            "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", CookieAuthenticationDefaults.AuthenticationScheme, "v2"));
        var cookie = format.Protect(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, "beheerder"), new Claim(ClaimTypes.Role, Roles.Admin),
        ], CookieAuthenticationDefaults.AuthenticationScheme)), CookieAuthenticationDefaults.AuthenticationScheme));

        var response = await GetWithCookieAsync(app, cookie, UsersPage.Url());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(SignInPage.Url(), response.Headers.Location?.PathAndQuery);
    }

    private static async Task<string?> GitShowAsync(string objectName)
    {
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("git", ["show", objectName])
            {
                WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var git = System.Diagnostics.Process.Start(start)!;
            var text = await git.StandardOutput.ReadToEndAsync();
            await git.WaitForExitAsync();
            return git.ExitCode == 0 && text.Contains("<masterKey", StringComparison.Ordinal) ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string CookieOf(GesprekToolFactory app, HttpClient client) =>
        SignedInClient.CookieOf(client, "gesprektool.auth") ?? throw new InvalidOperationException("No sign-in cookie.");

    private static string Mint(GesprekToolFactory app, ClaimsPrincipal principal)
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(CookieAuthenticationDefaults.AuthenticationScheme);
        return options.TicketDataFormat.Protect(new AuthenticationTicket(principal, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(GesprekToolFactory app, string cookie, string url)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", $"gesprektool.auth={cookie}");
        return await client.SendAsync(request);
    }
}
