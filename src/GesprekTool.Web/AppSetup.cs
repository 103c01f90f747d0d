using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Calls;
using GesprekTool.Components;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Demo;
using GesprekTool.Households;
using GesprekTool.Questionnaires;
using GesprekTool.Schools;
using GesprekTool.Security;
using GesprekTool.WeeklyReports;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace GesprekTool;

/// <summary>Service registrations and the request pipeline, grouped by concern.</summary>
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
        services.AddSingleton<SignInService>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DemoData>();

        // Sign-in: a cookie protected by the DataProtection key ring, kept in the database
        // (shared by instances and backups) and encrypted there with a key-encryption key.
        services.AddDataProtection().SetApplicationName("GesprekTool");
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider, IConfiguration>((options, sp, config) =>
        {
            options.XmlRepository = sp.GetRequiredService<DatabaseXmlRepository>();
            if (KeyEncryptionKey.Current(config) is { } kek)
            {
                options.XmlEncryptor = new KeyEncryptionKeyXmlEncryptor(kek);
            }
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = SignInPage.Url();
                options.AccessDeniedPath = AccessDeniedPage.Url();
                options.Cookie.Name = "gesprektool.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // The cookie holds only a session token; the session table decides (Accounts/Sessions.cs).
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = false;
                options.Events.OnValidatePrincipal = context =>
                    context.HttpContext.RequestServices.GetRequiredService<Sessions>().ValidateAsync(context);
                // Autosave calls get a status code they can act on, not the sign-in page's HTML.
                options.Events.OnRedirectToLogin = context => RedirectUnlessJson(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    // Half-way through sign-in, the way forward is the code (or setting it up), not "no access".
                    var stage = Sessions.StageOf(context.HttpContext.User);
                    if (stage is SessionStages.SecondFactor or SessionStages.Enrolment)
                    {
                        var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                        context.RedirectUri = stage == SessionStages.SecondFactor ? CodePage.Url(back) : SecondFactorPage.Url(back);
                    }
                    return RedirectUnlessJson(context, StatusCodes.Status403Forbidden);
                };
            });
        // Every page needs a fully signed-in user (password and, where required, the second
        // factor) unless it says [AllowAnonymous] or names a role.
        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .RequireClaim(Sessions.StageClaim, SessionStages.Full).Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(signedIn)
            .SetFallbackPolicy(signedIn)
            // Half-way through sign-in: only the code page, or the set-up page for the code.
            .AddPolicy(SessionStages.SecondFactor, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(Sessions.StageClaim, SessionStages.SecondFactor))
            .AddPolicy(SessionStages.Enrolment, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(Sessions.StageClaim, SessionStages.Enrolment, SessionStages.Full));
        services.AddMemoryCache();
        services.AddSingleton<Sessions>();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(options => options.HeaderName = "RequestVerificationToken");

        services.AddRazorComponents();

        // Video calls: signalling only (media goes browser to browser), settings under "Calls".
        services.AddOptions<CallOptions>().Bind(builder.Configuration.GetSection("Calls"))
            .PostConfigure<IConfiguration>((options, configuration) =>
                options.PublicBaseUrl = string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? CallOptions.DefaultFor(configuration) : options.PublicBaseUrl);
        services.AddSingleton<CallRooms>();
        services.AddSingleton<CallRoomNotifier>();
        services.AddSingleton<JoinAttemptLimiter>();
        // Weekly documents: built on Mondays by a background job, printed by headless Chromium.
        services.AddOptions<ReportOptions>().Bind(builder.Configuration.GetSection("WeeklyReports"));
        services.AddSingleton<ReportRenderer>();
        services.AddSingleton<PdfPrinter>();
        services.AddSingleton<WeeklyReportBuilder>();
        services.AddSingleton<WeeklyReportJob>();
        services.AddHostedService(sp => sp.GetRequiredService<WeeklyReportJob>());
        // The audit log keeps rows for the retention period (NEN 7513), then purges them daily.
        services.AddHostedService<AuditRetentionJob>();

        services.AddSignalR(options => options.MaximumReceiveMessageSize = 64 * 1024);

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
        .AddSingleton<WeeklyReportStore>();

    private static Task RedirectUnlessJson(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }

    /// <summary>Migrations, questionnaires and (in demo mode) demo data, before the first request.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var services = app.Services;
        RefuseUnsafeConfiguration(app);
        await services.GetRequiredService<Migrator>().MigrateAsync();
        var folder = app.Configuration["Questionnaires:Directory"] ?? Path.Combine(AppContext.BaseDirectory, "questionnaires");
        await services.GetRequiredService<QuestionnaireCatalog>().LoadAsync(folder);
        if (app.Configuration.GetValue<bool>("Demo:Enabled"))
        {
            await services.GetRequiredService<DemoData>().SeedIfEmptyAsync();
        }
        await CreateInitialAdminAsync(services.GetRequiredService<UserStore>(), app.Configuration, app.Logger);
    }

    /// <summary>Production must not run with settings that make accounts forgeable or links spoofable.</summary>
    private static void RefuseUnsafeConfiguration(WebApplication app)
    {
        var kek = KeyEncryptionKey.Current(app.Configuration); // also validates its format
        if (kek is null && app.Environment.IsProduction())
        {
            throw new StartupRefusedException(
                $"{KeyEncryptionKey.ConfigurationKey} is not set: the sign-in key ring would be stored unencrypted. " +
                "Generate one with 'openssl rand -base64 32' and pass it as the environment variable DataProtection__KeyEncryptionKey.");
        }
        var publicBaseUrl = app.Configuration["Calls:PublicBaseUrl"];
        if (app.Environment.IsProduction() && string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            throw new StartupRefusedException(
                "Calls:PublicBaseUrl is not set: join links for families need the public address, e.g. Calls__PublicBaseUrl=https://gesprek.example.nl.");
        }
        if (!string.IsNullOrWhiteSpace(publicBaseUrl)
            && (!Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var publicUri) || publicUri.Scheme is not ("https" or "http")))
        {
            throw new StartupRefusedException($"Calls:PublicBaseUrl '{publicBaseUrl}' is not an absolute http(s) address.");
        }
        if (kek is null)
        {
            app.Logger.LogWarning("{Setting} is not set: the DataProtection key ring is stored unencrypted in the database (acceptable for development only)",
                KeyEncryptionKey.ConfigurationKey);
        }
    }

    /// <summary>
    /// A production install starts without users: the first admin comes from configuration
    /// (environment variables or a secret store), only while the users table is empty.
    /// </summary>
    private static async Task CreateInitialAdminAsync(UserStore users, IConfiguration configuration, ILogger logger)
    {
        var userName = configuration["Accounts:InitialAdmin:UserName"];
        var password = configuration["Accounts:InitialAdmin:Password"];
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || await users.AnyAsync())
        {
            return;
        }
        if (password.Length < 12)
        {
            throw new InvalidOperationException("Accounts:InitialAdmin:Password must have at least 12 characters.");
        }
        await users.CreateAsync(userName, "Beheerder", SignInService.Hash(password), [Roles.Admin]);
        logger.LogWarning("Created the initial admin '{UserName}' from configuration; remove the password from the configuration now", userName);
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
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapConversationEndpoints();
        app.MapCallEndpoints();
        app.MapWeeklyReportEndpoints();
        app.MapAuditEndpoints();
        app.MapRazorComponents<App>();
    }
}
