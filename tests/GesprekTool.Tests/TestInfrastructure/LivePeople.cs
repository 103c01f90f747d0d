using System.Security.Claims;
using Bunit;
using GesprekTool.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// bUnit contexts for the live components, one per person, all on the real app's services and
/// database: a signed-in person has a real session row, so the components' check on every click runs
/// as in the app, and a change one person makes reaches the others through the app's LiveChanges.
/// </summary>
public sealed class LivePeople(IServiceProvider app) : IAsyncDisposable
{
    private readonly List<BunitContext> _contexts = [];

    /// <summary>A person signed in (password and second factor done) as <paramref name="user"/>, or a guest without an account.</summary>
    public async Task<BunitContext> PersonAsync(CurrentUser? user)
    {
        var context = new BunitContext();
        _contexts.Add(context);
        context.Services.AddScoped(services => new LiveUser(
            services.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>(), app.GetRequiredService<Sessions>()));
        // bUnit has an options system of its own: the app's configured options must win.
        context.Services.AddSingleton(app.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<GesprekTool.Calls.CallOptions>>());
        context.Services.AddFallbackServiceProvider(new AppServices(app));
        var authorization = context.AddAuthorization();
        if (user is not null)
        {
            var sessions = app.GetRequiredService<SessionStore>();
            var token = await sessions.CreateAsync(user.Id, SessionStages.Full, TimeSpan.FromHours(1), "bUnit", "127.0.0.1");
            var session = await sessions.FindActiveAsync(token) ?? throw new InvalidOperationException("no session");
            authorization.SetAuthorized(user.UserName);
            authorization.SetClaims(new Claim(Sessions.TokenClaim, token), new Claim(Sessions.StampClaim, session.SecurityStamp));
        }
        // Last: setting it starts the renderer, after which no service may be added.
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>
    /// The app's own services (stores, LiveChanges, options, clock, logging); the framework's services
    /// come from bUnit's renderer, as in a circuit they come from the circuit's scope.
    /// </summary>
    private sealed class AppServices(IServiceProvider app) : IServiceProvider
    {
        public object? GetService(Type serviceType)
        {
            var type = serviceType.IsGenericType ? serviceType.GetGenericTypeDefinition() : serviceType;
            var ours = type.Assembly == typeof(LiveUser).Assembly
                || type == typeof(TimeProvider) || type == typeof(Microsoft.Extensions.Logging.ILoggerFactory)
                || type == typeof(Microsoft.Extensions.Logging.ILogger<>) || type == typeof(Microsoft.Extensions.Options.IOptionsMonitor<>)
                || type == typeof(Microsoft.Extensions.Options.IOptions<>) || type == typeof(Microsoft.Extensions.Configuration.IConfiguration);
            return ours ? app.GetService(serviceType) : null;
        }
    }
}
