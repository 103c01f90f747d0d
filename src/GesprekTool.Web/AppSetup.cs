using GesprekTool.Accounts;
using GesprekTool.Accounts.SingleSignOn;
using GesprekTool.Accounts.Passkeys;
using GesprekTool.Audit;
using GesprekTool.Mail;
using GesprekTool.Calls;
using GesprekTool.Coaching;
using GesprekTool.Components;
using GesprekTool.Components.Shared;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Demo;
using GesprekTool.Households;
using GesprekTool.PhoneCalls;
using GesprekTool.Live;
using GesprekTool.Practice;
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
        // The framework's script (_framework/blazor.web.js) comes from a package's static web assets:
        // the framework serves them from the build folder only in Development; a publish copies them
        // into wwwroot. This serves them from the build folder in every environment too (tests, and
        // the scale-out tests' Production instances), and does nothing where the manifest is absent.
        builder.WebHost.UseStaticWebAssets();

        // Storage: SQLite file by default, PostgreSQL when configured.
        // Resolved lazily so configuration added by hosts and tests is seen.
        services.AddSingleton(sp => Database.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath));
        services.AddGesprekToolCore();
        services.AddSingleton<DemoData>();
        services.AddSingleton(sp => new Components.Shared.StaticAssets(sp.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider));

        services.AddKeyRing();
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            // Loopback is trusted by default; a proxy on another server is named in configuration.
            foreach (var proxy in builder.Configuration.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddAccountServices();
        services.AddSingleSignOn(builder.Configuration);
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(options =>
        {
            options.HeaderName = "RequestVerificationToken";
            // Secure over https, also behind nginx (X-Forwarded-Proto), like the sign-in cookie.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            // The app only sends it on https requests; an IP address or localhost is the operator's own choice.
            options.ExcludedHosts.Clear();
        });
        services.AddLiveServices();

        services.AddMailServices(builder.Configuration);
        services.AddCallServices(builder.Configuration);
        services.AddCoachingServices(builder.Configuration);
        services.AddPhoneCallServices(builder.Configuration);
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
        .AddSingleton(sp => AppInstance.FromConfiguration(sp.GetRequiredService<IConfiguration>()))
        .AddSingleton<JobClaims>()
        .AddSingleton<LiveChanges>()
        .AddSingleton<Migrator>()
        .AddSingleton<QuestionnaireCatalog>()
        .AddSingleton<UserStore>()
        .AddSingleton<SessionStore>()
        .AddSingleton<SecondFactor>()
        .AddSingleton<AuditLog>()
        .AddSingleton<HouseholdStore>()
        .AddSingleton<PhoneCallStore>()
        .AddSingleton<InterpreterServiceStore>()
        .AddSingleton<PasskeyStore>()
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
        await using var startupLock = await StartupLock.TakeAsync(services.GetRequiredService<Database>(), app.Logger);
        await services.GetRequiredService<Migrator>().MigrateAsync();
        // The first key now, under the lock: two instances each making one at their first sign-in
        // would not know the other's key until their key ring refreshes.
        services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("GesprekTool.Startup").Protect("ready"u8.ToArray());
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
        // Behind nginx: the household's own address (for the join-link limiter) and https.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(ErrorPage.Url(), createScopeForErrors: true);
        }
        app.UseCutOffRequests();
        if (app.Environment.IsProduction())
        {
            // HSTS from the app itself, not only from nginx (after UseForwardedHeaders, so "https" is known).
            app.UseHsts();
        }
        // A friendly page for a bare 404 on a page visit; posts and autosave calls keep their status.
        app.UseWhen(context => HttpMethods.IsGet(context.Request.Method),
            branch => branch.UseStatusCodePagesWithReExecute(NotFoundPage.Url()));
        app.UseSecurityHeaders();
        app.UseResponseCompression();
        app.UsePrecompressedFiles(app.Environment.WebRootFileProvider);
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = PrecompressedFiles.ContentTypes,
            OnPrepareResponse = context =>
            {
                StaticAssets.SetCaching(context);
                PrecompressedFiles.MarkEncoding(context);
            },
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseLiveAffinity();
    }

    public static void MapApplicationEndpoints(this WebApplication app)
    {
        // For load balancers and rolling updates: "ok" when this instance can reach its database.
        app.MapGet("/health", async (Database database) =>
        {
            await using var connection = await database.OpenAsync();
            await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "SELECT 1");
            return Results.Text("ok");
        }).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapConversationEndpoints();
        app.MapCallEndpoints();
        app.MapCoachingEndpoints();
        app.MapSsoEndpoints();
        app.MapPasskeyEndpoints();
        app.MapPhoneCallEndpoints();
        app.MapPracticeEndpoints();
        app.MapWeeklyReportEndpoints();
        app.MapAuditEndpoints();
        app.MapLivePages<App>();
    }
}
