using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using GesprekTool.Components;

namespace GesprekTool.Accounts;

/// <summary>Sign-in: a cookie that holds only a session token, the role policies, the second factor.</summary>
public static class AccountSetup
{
    public static IServiceCollection AddAccountServices(this IServiceCollection services)
    {
        services.AddSingleton<SignInService>();
        // The signed-in user, read from the request's principal once per request (pages and endpoints inject it).
        services.AddHttpContextAccessor();
        services.AddScoped(provider => CurrentUser.From(
            provider.GetRequiredService<IHttpContextAccessor>().HttpContext?.User
            ?? throw new InvalidOperationException("The current user is only known while a request is served.")));
        services.AddSingleton<SignInThrottle>();
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
        return services;
    }

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

    /// <summary>
    /// A production install starts without users: the first admin comes from configuration
    /// (environment variables or a secret store), only while the users table is empty.
    /// </summary>
    public static async Task CreateInitialAdminAsync(UserStore users, IConfiguration configuration, ILogger logger)
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
}
