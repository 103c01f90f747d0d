using System.Globalization;
using GesprekTool.Accounts;
using GesprekTool.Coaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GesprekTool.Bench;

/// <summary>
/// Server memory per connected circuit of the coaching session page: the app in this process, one
/// participant's browser opening the page in more and more tabs (each its own circuit), the managed
/// heap after a full collection compared with none open. Microsoft's guidance for a small circuit is
/// under 250 KB.
/// </summary>
public static class LiveMemoryBench
{
    public static async Task RunAsync(string repositoryRoot, int port, IReadOnlyList<int> counts)
    {
        await using var app = await BenchApp.StartAsync(repositoryRoot, port);
        var trainer = await app.UserAsync("trainer", "Trainer", Roles.Trainer);
        var chair = await app.UserAsync("voorzitter", "Voorzitter", Roles.Worker);
        var worker = await app.UserAsync("deelnemer", "Deelnemer", Roles.Worker);
        var sessions = app.Services.GetRequiredService<CoachingStore>();
        var id = await sessions.PlanAsync("Geheugen", "incidentmethode", DateTimeOffset.UtcNow, trainer,
            [(chair.Id, CoachingRoles.Chair), (worker.Id, CoachingRoles.Participant)]);
        await sessions.OpenAsync(id, null, null);
        await sessions.MoveToStepAsync(id, 1); // a step with contributions: the fullest page

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--renderer-process-limit=4",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "nl-NL" });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync(SignInPage.Url());
        await signIn.GetByLabel("Gebruikersnaam").FillAsync(worker.UserName);
        await signIn.GetByLabel("Wachtwoord").FillAsync(BenchApp.Password);
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        // Arrived is enough: waiting for the start page's load event timed out once on a loaded machine.
        await Assertions.Expect(signIn).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex(SignInPage.Url()), new() { Timeout = 60_000 }); // polled: no navigation event to miss

        var baseline = Heap();
        Console.WriteLine($"setup: {Environment.ProcessorCount} cores; the app in this process; managed heap with no page open {baseline / 1024.0 / 1024:F1} MB");
        var open = 0;
        long? first = null;
        foreach (var count in counts)
        {
            for (; open < count; open++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(CoachingSessionPage.Url(id));
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" })).ToBeEnabledAsync(new() { Timeout = 60_000 });
            }
            await Task.Delay(1000);
            var heap = Heap();
            first ??= count == 1 ? heap : null;
            // The first circuit also pays one-time costs (component metadata, caches): the marginal figure leaves them out.
            var marginal = first is { } one && count > 1 ? $", {(heap - one) / 1024.0 / (count - 1):F0} KB per circuit beyond the first" : "";
            Console.WriteLine($"{count,4} circuits: managed heap +{(heap - baseline) / 1024.0 / 1024:F2} MB, {(heap - baseline) / 1024.0 / count:F0} KB per circuit on average{marginal}");
        }
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
