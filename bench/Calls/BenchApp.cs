using GesprekTool.Accounts;
using GesprekTool.Calls;
using GesprekTool.Conversations;
using GesprekTool.Households;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Bench;

/// <summary>The real app, in this process, on 127.0.0.1 and a fresh SQLite file; plus the seeding the benchmarks need.</summary>
public sealed class BenchApp : IAsyncDisposable
{
    public const string Password = "bench-wachtwoord-123";
    private readonly WebApplication _app;

    private BenchApp(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public IServiceProvider Services => _app.Services;

    public static async Task<BenchApp> StartAsync(string repositoryRoot, int port, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("gesprektool-bench-").FullName;
        var webProject = Path.Combine(repositoryRoot, "src", "GesprekTool.Web");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = webProject,
            WebRootPath = Path.Combine(webProject, "wwwroot"),
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:GesprekTool"] = $"Data Source={Path.Combine(folder, "bench.db")}",
            ["DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Questionnaires:Directory"] = Path.Combine(repositoryRoot, "questionnaires"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Calls:FailedJoinsPerTenMinutes"] = "100000",
            ["Calls:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["AllowedHosts"] = "127.0.0.1;localhost",
            ["WeeklyReports:JobEnabled"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddApplicationServices();
        var app = builder.Build();
        await app.PrepareDatabaseAsync();
        app.UseApplicationPipeline();
        app.MapApplicationEndpoints();
        await app.StartAsync();
        return new BenchApp(app, port);
    }

    /// <summary>A worker with one household, a conversation and a running call.</summary>
    public async Task<(CurrentUser Worker, long ConversationId, long CallId)> WorkerWithCallAsync()
    {
        var worker = await UserAsync("bench", "Bench Werker", Roles.Worker);
        var (conversation, call) = await CallForAsync(worker);
        return (worker, conversation, call);
    }

    /// <summary>A user who signs in with <see cref="Password"/>.</summary>
    public async Task<CurrentUser> UserAsync(string userName, string displayName, string role)
    {
        var id = await Services.GetRequiredService<UserStore>().CreateAsync(userName, displayName, SignInService.Hash(Password), [role]);
        return new CurrentUser(id, userName, displayName, new HashSet<string> { role });
    }

    /// <summary>A new household of this worker, a conversation with it and a running call.</summary>
    public async Task<(long ConversationId, long CallId)> CallForAsync(CurrentUser worker)
    {
        var household = await Services.GetRequiredService<HouseholdStore>().CreateAsync(
            new HouseholdInput("Gezin Bench", "telefoon", null, "nl", HouseholdStatus.Known, worker.Id, null));
        var conversation = await Services.GetRequiredService<ConversationStore>().StartAsync(
            worker, household, "jes-gesprekstoel", 1, "video", DateOnly.FromDateTime(DateTime.Today), true);
        var call = await Services.GetRequiredService<CallStore>().StartAsync(conversation, worker);
        return (conversation, call);
    }

    public async Task<(string Token, long LinkId)> LinkAsync(long callId, CurrentUser worker, bool admitted = false)
    {
        var calls = Services.GetRequiredService<CallStore>();
        var token = JoinToken.Create();
        var link = await calls.CreateLinkAsync(callId, GuestRoles.Household, JoinToken.HashOf(token), worker, TimeSpan.FromHours(24));
        if (admitted)
        {
            // Admission belongs to a device; the benchmark clients use their token as device key.
            await calls.SetAdmittedAsync(link.Id, JoinToken.DeviceHashOf(token));
        }
        return (token, link.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
