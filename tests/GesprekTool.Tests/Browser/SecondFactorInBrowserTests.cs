using GesprekTool.Accounts;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>An admin sets up the authenticator app from the QR page and signs in with a code.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecondFactorInBrowserTests(ChromiumBrowser chromium, PostgresServer postgres) : BrowserTestBase(chromium, postgres)
{
    protected override IReadOnlyDictionary<string, string?> AppSettings =>
        new Dictionary<string, string?> { ["Accounts:SecondFactor:RequiredRoles"] = null }; // the production default

    [Fact]
    public async Task An_admin_enrols_from_the_QR_page_and_signs_in_again_with_a_code()
    {
        var admin = await World.UserAsync("beheer", Roles.Admin);
        await SignInAsync("beheer", SecondFactorPage.Url() + "**");
        await Assertions.Expect(Page.Locator("img.qr")).ToBeVisibleAsync();
        await ScreenshotsAsync("second-factor-enrolment");

        // The key under the QR code is what the app reads from it.
        var secret = OtpNet.Base32Encoding.ToBytes(string.Concat((await Page.Locator("code.secret").InnerTextAsync()).Where(char.IsLetterOrDigit))); // shown in groups of four
        await Page.GetByLabel("Code uit de app").FillAsync(Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow)));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tweestapsverificatie aanzetten" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".recovery-codes li")).ToHaveCountAsync(SecondFactor.RecoveryCodeCount);
        await ScreenshotsAsync("second-factor-recovery-codes");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Ik heb de codes bewaard, verder" }).ClickAsync();
        await Arrival.AtAsync(Page, UsersPage.Url());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).ClickAsync();
        await SignInAsync("beheer", CodePage.Url() + "**");
        await ScreenshotsAsync("second-factor-code");
        await Page.GetByLabel("Code", new() { Exact = true }).FillAsync(Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow) + 1));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Arrival.AtAsync(Page, UsersPage.Url());

        await Page.GotoAsync(UserPage.Url(admin.Id));
        await Assertions.Expect(Page.Locator("table.list tbody tr")).ToHaveCountAsync(1);
        await ScreenshotsAsync("admin-user-sessions");
        // Nothing sticks out sideways on a phone: wide tables scroll inside their own box.
        await Page.SetViewportSizeAsync(360, 640);
        Assert.True(await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 360);
        await Page.SetViewportSizeAsync(1280, 800);
        await Page.GotoAsync(AccountPage.Url());
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Mijn account");
        await ScreenshotsAsync("my-account");
        await Page.GotoAsync(AuditPage.Url() + "?actie=signin");
        await Assertions.Expect(Page.Locator("table.list tbody tr").First).ToContainTextAsync("signin");
        await ScreenshotsAsync("audit-log");
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Exporteren als CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("\"signin\"", csv);
        Assert.DoesNotContain("\"signout\"", csv); // the filter carries over to the export
    }
}
