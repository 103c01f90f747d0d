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
        return services;
    }
}
