using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>An HttpClient with a cookie jar that signs in through the real sign-in form.</summary>
public static class SignedInClient
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, System.Net.CookieContainer> Jars = new();

    /// <summary>A client with its own cookie jar and no automatic redirects, like a browser tab that shows every step.</summary>
    public static HttpClient Anonymous(WebApplicationFactory<Program> factory)
    {
        var jar = new System.Net.CookieContainer();
        var client = factory.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(jar));
        Jars.Add(client, jar);
        return client;
    }

    /// <summary>The value of a cookie the client holds, to replay it elsewhere as an attacker would.</summary>
    public static string? CookieOf(HttpClient client, string name) =>
        Jars.TryGetValue(client, out var jar) ? jar.GetCookies(client.BaseAddress!)[name]?.Value : null;

    public static async Task<HttpClient> CreateAsync(WebApplicationFactory<Program> factory, string userName, string password = TestWorld.Password)
    {
        var client = Anonymous(factory);
        var response = await SignInAsync(client, userName, password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        await PostFormAsync(client, SignInPage.Url(), "aanmelden", new()
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    /// <summary>Loads the page for its antiforgery token, then posts the named form like a browser.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string formName,
        Dictionary<string, string> fields, IEnumerable<KeyValuePair<string, string>>? repeated = null)
    {
        var token = await AntiforgeryTokenAsync(client, url);
        var body = new List<KeyValuePair<string, string>>(fields)
        {
            new("_handler", formName),
            new("__RequestVerificationToken", token),
        };
        body.AddRange(repeated ?? []);
        return await client.PostAsync(url, new FormUrlEncodedContent(body));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url)
    {
        var document = await GetDocumentAsync(client, url);
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {url}");
    }

    public static async Task<IHtmlDocument> GetDocumentAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
}
