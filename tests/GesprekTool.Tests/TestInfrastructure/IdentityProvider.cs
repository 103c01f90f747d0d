using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>A person known at the test IdP: their claims and how they signed in there (RFC 8176 amr values).</summary>
public sealed record IdpPerson(string Email, string Name, string[] Groups, string[]? Amr = null, bool EmailVerified = true);

/// <summary>
/// The organisation's identity provider for single sign-on tests: npm oidc-provider on 127.0.0.1
/// (tests/GesprekTool.Tests/Accounts/idp/provider.mjs), started for one test and stopped after it,
/// with one client for the app at <c>appUrl</c> and the people given.
/// </summary>
public sealed class IdentityProvider : IAsyncDisposable
{
    public const string ClientId = "gesprektool";
    private readonly Process _process;
    private static readonly HttpClient Http = new();

    private IdentityProvider(Process process, int port, string clientSecret, string script)
    {
        _process = process;
        Port = port;
        ClientSecret = clientSecret;
        Script = script;
    }

    public int Port { get; }
    public string Authority => $"http://127.0.0.1:{Port}";
    public string ClientSecret { get; }
    private string Script { get; }
    public List<string> Log { get; } = [];

    /// <summary>The app's settings for single sign-on through this IdP; the caller adds role mapping and the like.</summary>
    public Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Accounts:Sso:Enabled"] = "true",
            ["Accounts:Sso:Authority"] = Authority,
            ["Accounts:Sso:ClientId"] = ClientId,
            ["Accounts:Sso:ClientSecret"] = ClientSecret,
            ["Accounts:Sso:Scopes:0"] = "profile",
            ["Accounts:Sso:Scopes:1"] = "email",
            ["Accounts:Sso:Scopes:2"] = "groups",
            ["Accounts:Sso:RoleClaim"] = "groups",
        };
        foreach (var (key, value) in more)
        {
            settings[key.StartsWith("Accounts:", StringComparison.Ordinal) ? key : $"Accounts:Sso:{key}"] = value; // other settings by their full name
        }
        return settings;
    }

    public static Task<IdentityProvider> StartAsync(string appUrl, IReadOnlyDictionary<string, IdpPerson> people) =>
        StartScriptAsync("provider.mjs", appUrl, people);

    /// <summary>A provider that lies: see rogue.mjs.</summary>
    public static Task<IdentityProvider> StartRogueAsync(string appUrl) =>
        StartScriptAsync("rogue.mjs", appUrl, new Dictionary<string, IdpPerson>());

    private static async Task<IdentityProvider> StartScriptAsync(string script, string appUrl, IReadOnlyDictionary<string, IdpPerson> people)
    {
        var port = FreePort.Next();
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var users = JsonSerializer.Serialize(people.ToDictionary(p => p.Key, p => new
        {
            email = p.Value.Email, name = p.Value.Name, groups = p.Value.Groups, amr = p.Value.Amr, email_verified = p.Value.EmailVerified,
        }));
        var start = new ProcessStartInfo("node", Path.Combine(RepositoryPaths.Root, "tests", "GesprekTool.Tests", "Accounts", "idp", script))
        {
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "tests", "GesprekTool.Tests"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PORT"] = $"{port}", ["APP_URL"] = appUrl, ["CLIENT_SECRET"] = secret, ["USERS"] = users, ["NODE_ENV"] = "development" },
        };
        var process = Process.Start(start)!;
        var idp = new IdentityProvider(process, port, secret, script);
        var listening = new TaskCompletionSource();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }
            lock (idp.Log)
            {
                idp.Log.Add(line.Data);
            }
            if (line.Data.StartsWith("listening", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (idp.Log)
                {
                    idp.Log.Add(line.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(30))) != listening.Task)
        {
            await idp.DisposeAsync();
            throw new InvalidOperationException($"The test IdP ({script}) did not start: {string.Join('\n', idp.Log)}");
        }
        return idp;
    }

    /// <summary>The IdP's administrator moves a person to other groups (the next sign-in carries them).</summary>
    public async Task SetGroupsAsync(string id, params string[] groups)
    {
        using var response = await Http.PostAsJsonAsync($"{Authority}/test/groups/{Uri.EscapeDataString(id)}", groups);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How the rogue provider lies from now on (rogue.mjs).</summary>
    public async Task LieAsync(string how)
    {
        using var response = await Http.PostAsync($"{Authority}/test/lie/{how}", null);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
