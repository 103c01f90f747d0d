using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// The W3C Nu HTML validator (npm vnu-jar, run on Debian's Java), started once for the test run as
/// a service on 127.0.0.1 and stopped when the run ends. Reports errors only: the validator's
/// warnings are advice, its errors are markup browsers and assistive technology must guess at.
/// </summary>
public static class HtmlValidator
{
    private static readonly Lazy<Task<Uri>> Service = new(StartAsync);
    private static readonly HttpClient Http = CreateClient();

    private static HttpClient CreateClient()
    {
        var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("GesprekTool-tests/1.0"); // the service refuses requests without one
        return client;
    }
    private static Process? _java;

    /// <summary>Each error as "line N: message".</summary>
    public static async Task<IReadOnlyList<string>> ErrorsAsync(string html)
    {
        var address = await Service.Value;
        using var content = new StringContent(html, Encoding.UTF8, "text/html");
        using var response = await Http.PostAsync(address, content);
        response.EnsureSuccessStatusCode();
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (report["messages"]?.AsArray() ?? []).OfType<JsonObject>()
            .Where(m => m["type"]?.GetValue<string>() == "error" || m["subType"]?.GetValue<string>() == "fatal")
            .Select(m => $"line {m["lastLine"]}: {m["message"]}")
            .ToList();
    }

    private static async Task<Uri> StartAsync()
    {
        var jar = Path.Combine(RepositoryPaths.Root, "tests", "GesprekTool.Tests", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
        if (!File.Exists(jar))
        {
            throw new InvalidOperationException($"{jar} is missing: the test project's build restores it with npm ci.");
        }
        var port = FreePort.Next();
        // A watchdog beside it ends the service when this test process is gone, however it ended.
        var watched = $"java -Xss2m -Dnu.validator.servlet.bind-address=127.0.0.1 -cp '{jar}' nu.validator.servlet.Main {port} & java=$!; " +
            $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $java 2>/dev/null; do sleep 2; done; kill $java 2>/dev/null";
        var start = new ProcessStartInfo("bash", ["-c", watched])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _java = Process.Start(start) ?? throw new InvalidOperationException("java did not start; run ./run-tests.sh, which installs default-jre-headless");
        _java.OutputDataReceived += (_, _) => { };
        _java.ErrorDataReceived += (_, _) => { };
        _java.BeginOutputReadLine();
        _java.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        var address = new Uri($"http://127.0.0.1:{port}/?out=json");
        // Ready when it answers a document (the service loads its schemas first): wait for that state.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                using var probe = new StringContent("<!DOCTYPE html><html lang=en><title>t</title>", Encoding.UTF8, "text/html");
                using var response = await Http.PostAsync(address, probe);
                if (response.IsSuccessStatusCode)
                {
                    return address;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_java.HasExited)
            {
            }
            if (_java.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the Nu validator did not start (exit {(_java.HasExited ? _java.ExitCode : -1)})");
            }
            await Task.Delay(200);
        }
    }

    private static void Stop()
    {
        try
        {
            if (_java is { HasExited: false })
            {
                _java.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}

/// <summary>
/// Collects the HTML of every document a browser context loads from the app under test, and
/// validates it when the test ends: a test that visited a page with invalid markup fails, naming
/// the page and the errors.
/// </summary>
public sealed class VisitedPages
{
    private readonly List<Task<(string Url, string Html)?>> _captures = [];
    private readonly string _origin;

    public VisitedPages(Uri appAddress) => _origin = appAddress.GetLeftPart(UriPartial.Authority);

    public void Watch(Microsoft.Playwright.IBrowserContext context) => context.Response += (_, response) =>
    {
        if (response.Request.ResourceType == "document" && response.Url.StartsWith(_origin, StringComparison.Ordinal)
            && response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal))
        {
            lock (_captures)
            {
                _captures.Add(ReadAsync(response));
            }
        }
    };

    private static async Task<(string Url, string Html)?> ReadAsync(Microsoft.Playwright.IResponse response)
    {
        try
        {
            // A body the browser never finishes (a navigation cut short on a busy machine) must not hold the test.
            return (response.Url, await response.TextAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        }
        catch (Exception e) when (e is Microsoft.Playwright.PlaywrightException or TimeoutException)
        {
            return null; // a navigation replaced before its body was read: nothing to check
        }
    }

    public async Task ExpectValidAsync()
    {
        Task<(string Url, string Html)?>[] captures;
        lock (_captures)
        {
            captures = [.. _captures];
        }
        var problems = new List<string>();
        foreach (var page in (await Task.WhenAll(captures)).OfType<(string Url, string Html)>().DistinctBy(p => p.Html))
        {
            var errors = await HtmlValidator.ErrorsAsync(page.Html);
            if (errors.Count > 0)
            {
                problems.Add($"{new Uri(page.Url).PathAndQuery}:\n  " + string.Join("\n  ", errors));
            }
        }
        if (problems.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("The W3C Nu validator found errors in pages this test visited:\n" + string.Join('\n', problems));
        }
    }
}
