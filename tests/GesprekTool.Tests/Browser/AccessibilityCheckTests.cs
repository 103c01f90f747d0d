using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Browser;

/// <summary>The axe-core check every screenshotted page goes through really finds problems.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityCheckTests(ChromiumBrowser chromium)
{
    [Fact]
    public async Task A_page_with_an_unlabelled_field_and_an_image_without_text_fails_the_check()
    {
        var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html lang='nl'><head><title>Proef</title></head><body><main><h1>Proef</h1>" +
            "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='><input type='text'></main></body></html>");

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => Accessibility.ExpectNoViolationsAsync(page, "proef"));

        Assert.Contains("image-alt", failure.Message);
        Assert.Contains("label", failure.Message);
        await context.CloseAsync();
    }
}
