namespace GesprekTool.PhoneCalls;

/// <summary>Phone calls from the browser over SIP, through Janus's SIP plugin (issue 22).</summary>
public static class PhoneCallSetup
{
    public static IServiceCollection AddPhoneCallServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SipOptions>().Bind(configuration.GetSection("PhoneCalls:Sip"));
        services.AddHttpClient<PhoneLine>(client => client.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }
}
