using System.Net;
using AngleSharp.Html.Dom;
using GesprekTool.Accounts;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Accounts;

/// <summary>Admins and coordinators need a code from an authenticator app; workers may add one.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SecondFactorTests(PostgresServer postgres) : AppTestBase(postgres)
{
    private static readonly Dictionary<string, string?> ProductionDefault = new() { ["Accounts:SecondFactor:RequiredRoles"] = null };

    [Fact]
    public async Task An_admin_must_set_up_the_second_factor_before_any_admin_page_opens()
    {
        var (app, world) = await StartAsync(settings: ProductionDefault);
        await world.UserAsync("beheer", Roles.Admin);
        var client = SignedInClient.Anonymous(app);

        var signIn = await SignedInClient.SignInAsync(client, "beheer", TestWorld.Password);
        Assert.StartsWith(SecondFactorPage.Url(), Where(signIn));

        var admin = await client.GetAsync(UsersPage.Url());
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.StartsWith(SecondFactorPage.Url(), Where(admin));

        var secret = await EnrolAsync(client);
        Assert.NotEmpty(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(UsersPage.Url())).StatusCode);
    }

    [Fact]
    public async Task After_enrolment_sign_in_asks_for_the_code_and_a_wrong_one_is_refused_in_Dutch()
    {
        var (app, world) = await StartAsync(settings: ProductionDefault);
        await world.UserAsync("coco", Roles.Coordinator, Roles.Worker);
        var secret = await EnrolAsync(await SignInAsync(app, "coco"));

        var client = await SignInAsync(app, "coco");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(WeeklyReportsPage.Url())).StatusCode);
        var wrong = await PostCodeAsync(client, "000000");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("klopt niet", (await SignedInClient.ParseAsync(wrong)).QuerySelector(".form-error")?.TextContent);

        var right = await PostCodeAsync(client, Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow) + 1));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(WeeklyReportsPage.Url())).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        var (app, world) = await StartAsync(settings: ProductionDefault);
        await world.UserAsync("coco", Roles.Coordinator);
        var enrolling = await SignInAsync(app, "coco");
        var page = await EnrolPageAsync(enrolling);
        var codes = page.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(SecondFactor.RecoveryCodeCount, codes.Count);

        var first = await SignInAsync(app, "coco");
        Assert.Equal(HttpStatusCode.Redirect, (await PostCodeAsync(first, codes[0])).StatusCode);
        var second = await SignInAsync(app, "coco");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostCodeAsync(second, codes[0])).StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_lock_the_account_and_a_right_password_does_not_reset_the_count()
    {
        var (app, world) = await StartAsync(settings: ProductionDefault);
        await world.UserAsync("coco", Roles.Coordinator);
        var secret = await EnrolAsync(await SignInAsync(app, "coco"));

        for (var attempt = 0; attempt < 4; attempt++)
        {
            // A fresh password sign-in each time: the attacker knows the password, not the code.
            await PostCodeAsync(await SignInAsync(app, "coco"), "111111");
        }
        var last = await SignInAsync(app, "coco");
        var locked = await PostCodeAsync(last, "222222");
        Assert.Contains("geblokkeerd", (await SignedInClient.ParseAsync(locked)).QuerySelector(".form-error")?.TextContent);

        var withRightPassword = await SignedInClient.SignInAsync(SignedInClient.Anonymous(app), "coco", TestWorld.Password);
        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Contains("geblokkeerd", (await SignedInClient.ParseAsync(withRightPassword)).QuerySelector(".form-error")?.TextContent);
        _ = secret;
    }

    [Fact]
    public async Task A_worker_signs_in_without_a_code_unless_the_organisation_requires_it()
    {
        var (app, world) = await StartAsync(settings: ProductionDefault);
        await world.UserAsync("sanne", Roles.Worker);
        Assert.Equal(Caseload.Url(), Where((await SignedInClient.SignInAsync(SignedInClient.Anonymous(app), "sanne", TestWorld.Password))));

        var (strict, strictWorld) = await StartAsync(settings: new Dictionary<string, string?> { ["Accounts:SecondFactor:RequiredRoles"] = "admin,coordinator,worker,trainer" });
        await strictWorld.UserAsync("sanne", Roles.Worker);
        Assert.StartsWith(SecondFactorPage.Url(),
            Where((await SignedInClient.SignInAsync(SignedInClient.Anonymous(strict), "sanne", TestWorld.Password))));
    }

    private static string? Where(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.OriginalString;

    private static async Task<HttpClient> SignInAsync(GesprekToolFactory app, string userName)
    {
        var client = SignedInClient.Anonymous(app);
        var response = await SignedInClient.SignInAsync(client, userName, TestWorld.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string code) =>
        SignedInClient.PostFormAsync(client, CodePage.Url(), "code", new() { ["Input.Code"] = code });

    private static async Task<byte[]> EnrolAsync(HttpClient client)
    {
        var (page, secret) = await EnrolWithPageAsync(client);
        Assert.NotEmpty(page.QuerySelectorAll(".recovery-codes code"));
        return secret;
    }

    private static async Task<IHtmlDocument> EnrolPageAsync(HttpClient client) => (await EnrolWithPageAsync(client)).Page;

    /// <summary>Reads the key shown under the QR code, as someone typing it into their app would, and confirms a code.</summary>
    private static async Task<(IHtmlDocument Page, byte[] Secret)> EnrolWithPageAsync(HttpClient client)
    {
        var page = await SignedInClient.GetDocumentAsync(client, SecondFactorPage.Url());
        var secret = OtpNet.Base32Encoding.ToBytes(string.Concat(page.QuerySelector("code.secret")!.TextContent.Where(char.IsLetterOrDigit))); // shown in groups of four
        var response = await SignedInClient.PostFormAsync(client, SecondFactorPage.Url(), "instellen", new()
        {
            ["Input.ProtectedSecret"] = page.QuerySelector("input[name='Input.ProtectedSecret']")!.GetAttribute("value")!,
            ["Input.Code"] = Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow)),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await SignedInClient.ParseAsync(response), secret);
    }
}
