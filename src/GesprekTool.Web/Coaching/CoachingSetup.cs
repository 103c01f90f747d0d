namespace GesprekTool.Coaching;

/// <summary>Peer coaching: methods from files, sessions in the database, live pages (CoachingLive).</summary>
public static class CoachingSetup
{
    public static IServiceCollection AddCoachingServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CoachingMethodCatalog>();
        services.AddSingleton<CoachingViews>();
        services.AddSingleton<CoachingPresence>();
        services.AddOptions<JanusOptions>().Bind(configuration.GetSection("Coaching:Janus"));
        // Janus's long poll holds a request up to 30 s; the proxy waits a little longer.
        services.AddHttpClient(nameof(JanusProxy), client => client.Timeout = TimeSpan.FromSeconds(60));
        services.AddHttpClient(nameof(CoachingVideo), client => client.Timeout = TimeSpan.FromSeconds(10));
        // One instance for the app's lifetime: it holds the app's own Janus token (participants' tokens are in the database).
        services.AddSingleton(provider => new CoachingVideo(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(CoachingVideo)),
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<JanusOptions>>(),
            provider.GetRequiredService<Data.Database>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<CoachingVideo>>()));
        return services;
    }

    public static void MapCoachingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapJanusEndpoints();
    }
}
