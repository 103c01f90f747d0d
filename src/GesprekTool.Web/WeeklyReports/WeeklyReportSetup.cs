namespace GesprekTool.WeeklyReports;

/// <summary>Weekly documents: built on Mondays by a background job, printed by headless Chromium.</summary>
public static class WeeklyReportSetup
{
    public static IServiceCollection AddWeeklyReportServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection("WeeklyReports"));
        services.AddSingleton<ReportRenderer>();
        services.AddSingleton<PdfPrinter>();
        services.AddSingleton<WeeklyReportBuilder>();
        services.AddSingleton<WeeklyBuildProgress>();
        services.AddSingleton<WeeklyReportJob>();
        services.AddHostedService(sp => sp.GetRequiredService<WeeklyReportJob>());
        // Sending the documents by mail (Sending/): recipients, the queue in the database, the sender on every instance.
        services.AddOptions<Sending.WeeklyMailOptions>().Bind(configuration.GetSection("WeeklyReports:Sending"));
        services.AddSingleton<Sending.RecipientStore>();
        services.AddSingleton<Sending.WeeklyMailStore>();
        services.AddSingleton<Sending.WeeklyMailSettings>();
        services.AddSingleton<Sending.WeeklyMailJob>();
        services.AddHostedService(sp => sp.GetRequiredService<Sending.WeeklyMailJob>());
        return services;
    }
}
