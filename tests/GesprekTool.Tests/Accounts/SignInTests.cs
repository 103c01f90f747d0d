using System.Net;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Accounts;

[Collection(PostgresCollection.Name)]
public sealed class SignInTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Theory, OnBothDatabases]
    public async Task A_worker_signs_in_and_lands_on_their_caseload(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        await world.UserAsync("sanne", Roles.Worker);
        var client = SignedInClient.Anonymous(app);

        var response = await SignedInClient.SignInAsync(client, "Sanne", TestWorld.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Caseload.Url(), response.Headers.Location?.PathAndQuery);
        var page = await SignedInClient.GetDocumentAsync(client, Caseload.Url());
        Assert.Equal("Mijn gezinnen", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Pages_need_a_signed_in_user()
    {
        var (app, _) = await StartAsync();

        var response = await SignedInClient.Anonymous(app).GetAsync(Caseload.Url());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(SignInPage.Url(), response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task A_wrong_password_gets_a_Dutch_message_that_does_not_say_which_part_was_wrong()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("sanne", Roles.Worker);
        var client = SignedInClient.Anonymous(app);

        var wrongPassword = await SignedInClient.SignInAsync(client, "sanne", "fout");
        var unknownUser = await SignedInClient.SignInAsync(client, "niemand", "fout");

        foreach (var response in new[] { wrongPassword, unknownUser })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await SignedInClient.ParseAsync(response);
            Assert.Equal("Gebruikersnaam of wachtwoord klopt niet.", page.QuerySelector(".form-error")?.TextContent);
        }
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_for_the_right_password()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("sanne", Roles.Worker);
        var client = SignedInClient.Anonymous(app);

        for (var i = 0; i < 5; i++)
        {
            await SignedInClient.SignInAsync(client, "sanne", "fout");
        }
        var response = await SignedInClient.SignInAsync(client, "sanne", TestWorld.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("tijdelijk geblokkeerd", (await SignedInClient.ParseAsync(response)).QuerySelector(".form-error")?.TextContent);
        var audit = await app.Services.GetRequiredService<AuditLog>().ReadAsync("user", null, 50);
        Assert.Contains(audit, e => e.Action == "signin.lockout");
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("sanne", Roles.Worker);

        var response = await SignedInClient.Anonymous(app).PostAsync(SignInPage.Url(), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "aanmelden", ["Input.UserName"] = "sanne", ["Input.Password"] = TestWorld.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_reaches_user_management_and_an_admin_creates_a_user_with_roles()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("sanne", Roles.Worker);
        await world.UserAsync("beheer", Roles.Admin);

        var worker = await SignedInClient.CreateAsync(app, "sanne");
        var denied = await worker.GetAsync(UsersPage.Url());
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith(AccessDeniedPage.Url(), denied.Headers.Location?.PathAndQuery);

        var admin = await SignedInClient.CreateAsync(app, "beheer");
        var created = await SignedInClient.PostFormAsync(admin, UsersPage.Url(), "nieuwe-gebruiker", new()
        {
            ["Input.DisplayName"] = "Nieuwe Coördinator",
            ["Input.UserName"] = "nieuw",
            ["Input.Password"] = "een-lang-wachtwoord",
        }, [new("rol", Roles.Coordinator), new("rol", "superuser")]);

        Assert.Contains("is aangemaakt", (await SignedInClient.ParseAsync(created)).QuerySelector(".notice")?.TextContent);
        var user = await app.Services.GetRequiredService<UserStore>().FindByUserNameAsync("nieuw");
        Assert.Equal([Roles.Coordinator], await app.Services.GetRequiredService<UserStore>().RolesOfAsync(user!.Id));
    }

    [Fact]
    public async Task Many_failures_from_one_address_get_a_Dutch_429_whatever_names_are_tried()
    {
        var (app, world) = await StartAsync(settings: new Dictionary<string, string?> { ["Accounts:FailedSignInsPerAddressPerMinute"] = "10" });
        await world.UserAsync("sanne", Roles.Worker);
        var client = SignedInClient.Anonymous(app);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignedInClient.SignInAsync(client, $"naam{i}", "fout")).StatusCode);
        }

        var refused = await SignedInClient.SignInAsync(client, "sanne", TestWorld.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Te veel mislukte aanmeldpogingen", (await SignedInClient.ParseAsync(refused)).QuerySelector(".form-error")?.TextContent);
    }

    [Fact]
    public async Task An_unknown_name_is_locked_just_like_a_real_one_so_the_message_reveals_no_account()
    {
        var (app, world) = await StartAsync(settings: new Dictionary<string, string?> { ["Accounts:FailedSignInsPerAddressPerMinute"] = "100" });
        await world.UserAsync("sanne", Roles.Worker);
        var client = SignedInClient.Anonymous(app);

        string? Last(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector(".form-error")?.TextContent;
        var messages = new Dictionary<string, string?>();
        foreach (var name in new[] { "sanne", "bestaat-niet" })
        {
            for (var i = 0; i < 5; i++)
            {
                messages[name] = Last(await SignedInClient.ParseAsync(await SignedInClient.SignInAsync(client, name, "fout")));
            }
        }

        Assert.Contains("tijdelijk geblokkeerd", messages["sanne"]);
        Assert.Equal(messages["sanne"], messages["bestaat-niet"]);
    }
}
