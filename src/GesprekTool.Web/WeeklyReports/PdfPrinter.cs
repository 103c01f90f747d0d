using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace GesprekTool.WeeklyReports;

public sealed class ChromiumNotFoundException(string path)
    : Exception($"Chromium not found at {path}; install the chromium package (apt-get install chromium) or set WeeklyReports:ChromiumPath.");

/// <summary>
/// Prints HTML to A4 PDF with headless Chromium (Debian's, through Playwright). A batch keeps one
/// browser open for all its documents: starting Chromium costs more than printing a page.
/// </summary>
public sealed class PdfPrinter(IOptionsMonitor<ReportOptions> options)
{
    public async Task<PrintBatch> StartBatchAsync()
    {
        var path = options.CurrentValue.ChromiumPath;
        if (!File.Exists(path))
        {
            throw new ChromiumNotFoundException(path);
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync();
        // No network: every document carries its own styles and inline SVG charts.
        await context.RouteAsync("**/*", route => route.AbortAsync());
        return new PrintBatch(playwright, browser, context);
    }
}

public sealed class PrintBatch(IPlaywright playwright, IBrowser browser, IBrowserContext context) : IAsyncDisposable
{
    // Pages are kept and reused, one per printing slot: opening and closing a page for every
    // document cost more than laying it out (0.92 s against 0.37 s per PDF in an experiment with
    // the JES week). A report has no script, so nothing carries over from one document to the next.
    private readonly System.Collections.Concurrent.ConcurrentBag<IPage> _idle = [];

    /// <summary>
    /// Prints documents a few at a time in the one browser: Chromium lays out one page while it
    /// writes another's PDF, so on two cores this nearly doubles the rate (see docs/performance.md).
    /// Results come back in the order given; <paramref name="printed"/> hears each one as it is done.
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> PrintAllAsync(IReadOnlyList<(string Html, string Header)> documents, int parallelism = 4,
        Func<int, Task>? printed = null)
    {
        using var slots = new SemaphoreSlim(parallelism);
        var printing = documents.Select(async (document, index) =>
        {
            await slots.WaitAsync();
            try
            {
                var pdf = await PrintAsync(document.Html, document.Header);
                if (printed is not null)
                {
                    await printed(index);
                }
                return pdf;
            }
            finally
            {
                slots.Release();
            }
        });
        return await Task.WhenAll(printing);
    }

    public async Task<byte[]> PrintAsync(string html, string headerText)
    {
        var page = _idle.TryTake(out var idle) ? idle : await context.NewPageAsync();
        try
        {
            await page.SetContentAsync(html, new() { WaitUntil = WaitUntilState.Load });
            var pdf = await page.PdfAsync(new PagePdfOptions
            {
                Format = "A4",
                PrintBackground = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = $"""<div style="font-family: 'DejaVu Sans', sans-serif; font-size: 8px; width: 100%; padding: 0 16mm; color: #4d5566;">{WebUtility.HtmlEncode(headerText)}</div>""",
                FooterTemplate = """<div style="font-family: 'DejaVu Sans', sans-serif; font-size: 8px; width: 100%; padding: 0 16mm; text-align: right; color: #4d5566;">Pagina <span class="pageNumber"></span> van <span class="totalPages"></span></div>""",
                Margin = new Margin { Top = "22mm", Bottom = "20mm", Left = "16mm", Right = "16mm" },
                Tagged = true,
                Outline = true,
                PreferCSSPageSize = false,
            });
            _idle.Add(page);
            return pdf;
        }
        catch
        {
            await page.CloseAsync(); // a page that failed is not trusted again
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await context.CloseAsync();
        await browser.CloseAsync();
        playwright.Dispose();
    }
}
