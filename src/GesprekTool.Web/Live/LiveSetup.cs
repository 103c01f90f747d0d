using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace GesprekTool.Live;

/// <summary>Interactive server rendering for the pages people watch change, and the changes between instances.</summary>
public static class LiveSetup
{
    public static IServiceCollection AddLiveServices(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddHostedService<PostgresChangeRelay>();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        services.AddScoped<LiveUser>();
        return services;
    }

    /// <summary>
    /// The circuit's own endpoints (<c>/_blazor</c>, the framework script) are open to anyone, also
    /// under the app's fallback policy: a guest trainer's page is live too. That gives nobody data: a
    /// circuit only renders components the server put on a page it allowed (their parameters are
    /// signed), and each checks its user again on every click (<see cref="LiveUser"/>).
    /// </summary>
    public static void MapLivePages<TApp>(this WebApplication app)
    {
        app.MapRazorComponents<TApp>()
            .AddInteractiveServerRenderMode()
            .Add(endpoint =>
            {
                if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText is { } pattern
                    && (pattern.StartsWith("/_blazor", StringComparison.Ordinal) || pattern.StartsWith("_blazor", StringComparison.Ordinal)
                        || pattern.Contains("_framework/", StringComparison.Ordinal)))
                {
                    route.Metadata.Add(new AllowAnonymousAttribute());
                }
            });
    }
}

/// <summary>Marks a page with an interactive (live) part: only these load the framework script and keep a circuit.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LivePageAttribute : Attribute;
