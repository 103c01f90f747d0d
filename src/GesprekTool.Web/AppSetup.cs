using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Calls;
using GesprekTool.Coaching;
using GesprekTool.Components;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Demo;
using GesprekTool.Households;
using GesprekTool.Questionnaires;
using GesprekTool.Schools;
using GesprekTool.Security;
using GesprekTool.WeeklyReports;

namespace GesprekTool;

/// <summary>
/// The table of contents: each feature registers its services beside its code
/// (<c>Add…Services</c>) and maps its endpoints (<c>Map…Endpoints</c>).
/// </summary>
public static class AppSetup
{
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Storage: SQLite file by default, PostgreSQL when configured.
        // Resolved lazily so configuration added by hosts and tests is seen.
        services.AddSingleton(sp => Database.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath));
        services.AddGesprekToolCore();
        services.AddSingleton<DemoData>();
        services.AddSingleton(sp => new Components.Shared.StaticAssets(sp.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider));

        services.AddKeyRing();
        services.AddAccountServices();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(options => options.HeaderName = "RequestVerificationToken");
        services.AddRazorComponents();

        services.AddCallServices(builder.Configuration);
        services.AddCoachingServices(builder.Configuration);
        services.AddWeeklyReportServices(builder.Configuration);
        // The audit log keeps rows for the retention period (NEN 7513), then purges them daily.
        services.AddHostedService<AuditRetentionJob>();

        // The household's page must be small on a thin mobile connection: compress text responses.
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        // The default (fastest) leaves a third of the bytes on the table; these files are small.
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(
            options => options.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(
            options => options.Level = System.IO.Compression.CompressionLevel.Optimal);
    }

    /// <summary>
    /// The feature stores and domain services, given a registered <see cref="Database"/>. Tests and
    /// benchmarks use this too, so they run the same code as the app.
    /// </summary>
    public static IServiceCollection AddGesprekToolCore(this IServiceCollection services) => services
        .AddSingleton(TimeProvider.System)
        .AddSingleton<Migrator>()
        .AddSingleton<QuestionnaireCatalog>()
        .AddSingleton<UserStore>()
        .AddSingleton<SessionStore>()
        .AddSingleton<SecondFactor>()
        .AddSingleton<AuditLog>()
        .AddSingleton<HouseholdStore>()
        .AddSingleton<SchoolStore>()
        .AddSingleton<ConversationStore>()
        .AddSingleton<AnswerSaving>()
        .AddSingleton<CallStore>()
        .AddSingleton<WeeklyReportStore>()
        .AddSingleton<CoachingStore>()
        .AddSingleton<CoachingGuestStore>()
        .AddSingleton<Practice.PracticeCatalog>()
        .AddSingleton<Practice.PracticeStore>()
        .AddSingleton<Quality.ConversationEventStore>()
        .AddSingleton<Quality.QualityStore>()
        .AddSingleton<Quality.PerWorkerFigures>();

    /// <summary>Checks, migrations, questionnaires, demo data and the first admin, before the first request.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var services = app.Services;
        KeyRingSetup.RefuseUnsafeConfiguration(app.Configuration, app.Environment, app.Logger);
        await services.GetRequiredService<Migrator>().MigrateAsync();
        var folder = app.Configuration["Questionnaires:Directory"] ?? Path.Combine(AppContext.BaseDirectory, "questionnaires");
        await services.GetRequiredService<QuestionnaireCatalog>().LoadAsync(folder);
        services.GetRequiredService<CoachingMethodCatalog>().Load(folder);
        services.GetRequiredService<Practice.PracticeCatalog>().Load(folder);
        if (app.Configuration.GetValue<bool>("Demo:Enabled"))
        {
            await services.GetRequiredService<DemoData>().SeedIfEmptyAsync();
        }
        await AccountSetup.CreateInitialAdminAsync(services.GetRequiredService<UserStore>(), app.Configuration, app.Logger);
    }

    public static void UseApplicationPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(ErrorPage.Url(), createScopeForErrors: true);
        }
        // A friendly page for a bare 404 on a page visit; posts and autosave calls keep their status.
        app.UseWhen(context => HttpMethods.IsGet(context.Request.Method),
            branch => branch.UseStatusCodePagesWithReExecute(NotFoundPage.Url()));
        app.UseSecurityHeaders();
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = Components.Shared.StaticAssets.SetCaching });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapConversationEndpoints();
        app.MapCallEndpoints();
        app.MapCoachingEndpoints();
        app.MapWeeklyReportEndpoints();
        app.MapAuditEndpoints();
        app.MapRazorComponents<App>();
    }
}
