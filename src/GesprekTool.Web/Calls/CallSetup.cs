namespace GesprekTool.Calls;

/// <summary>Video calls: signalling only (media goes browser to browser), settings under "Calls".</summary>
public static class CallSetup
{
    public static IServiceCollection AddCallServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallOptions>().Bind(configuration.GetSection("Calls"))
            .PostConfigure<IConfiguration>((options, config) =>
                options.PublicBaseUrl = string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? CallOptions.DefaultFor(config) : options.PublicBaseUrl);
        services.AddSingleton<CallRooms>();
        services.AddSingleton<CallRoomNotifier>();
        services.AddSingleton<CallRoomHosts>();
        services.AddSingleton<CallRoomViews>();
        services.AddSingleton<JoinLinks>();
        services.AddHostedService<CallRoomWatch>();
        services.AddSingleton<JoinAttemptLimiter>();
        services.AddSignalR(options => options.MaximumReceiveMessageSize = 64 * 1024);
        return services;
    }
}
