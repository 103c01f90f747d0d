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
        await SignInAsync("beheer", "/account/tweestapsverificatie**");
        await Assertions.Expect(Page.Locator("img.qr")).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("second-factor-enrolment"), FullPage = true });

        // The key under the QR code is what the app reads from it.
        var secret = Base32.Decode(await Page.Locator("code.secret").InnerTextAsync());
        await Page.GetByLabel("Code uit de app").FillAsync(Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow)));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tweestapsverificatie aanzetten" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".recovery-codes li")).ToHaveCountAsync(SecondFactor.RecoveryCodeCount);
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("second-factor-recovery-codes"), FullPage = true });
        await Page.GetByRole(AriaRole.Link, new() { Name = "Ik heb de codes bewaard, verder" }).ClickAsync();
        await Page.WaitForURLAsync("**/beheer/gebruikers", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        await Page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).ClickAsync();
        await SignInAsync("beheer", "/aanmelden/code**");
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("second-factor-code"), FullPage = true });
        await Page.GetByLabel("Code", new() { Exact = true }).FillAsync(Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow) + 1));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Page.WaitForURLAsync("**/beheer/gebruikers", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        await Page.GotoAsync($"/beheer/gebruikers/{admin.Id}");
        await Assertions.Expect(Page.Locator("table.list tbody tr")).ToHaveCountAsync(1);
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("admin-user-sessions"), FullPage = true });
        await Page.GotoAsync("/account");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Mijn account");
        await Page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("my-account"), FullPage = true });
    }
}
