namespace GesprekTool.Mail;

/// <summary>Outgoing mail for every feature that sends it (invitations, the weekly documents): the relay from "Mail:*", or .eml files in demo mode.</summary>
public static class MailSetup
{
    public static IServiceCollection AddMailServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection("Mail"));
        services.AddSingleton<MailSender>();
        return services;
    }
}
