using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace GesprekTool.Accounts.SingleSignOn;

/// <summary>
/// The OpenID Connect handler, when configured: authorization code flow with PKCE; the handler checks
/// the id token's signature, issuer, audience, nonce and lifetime. It signs in to a short-lived
/// cookie of its own ("sso"); <see cref="SsoEndpoints"/> then decides who that is and starts the
/// app's own server-side session, so session lists, revocation and idle/max times stay as they are.
/// </summary>
public static class SsoSetup
{
    public const string OidcScheme = "oidc";
    public const string ExternalScheme = "sso";
    public const string CallbackUrl = "/aanmelden/sso/callback";

    public static IServiceCollection AddSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SsoOptions>().Bind(configuration.GetSection("Accounts:Sso"));
        services.AddSingleton<SsoIdentities>();
        services.AddAuthentication()
            .AddCookie(ExternalScheme, options =>
            {
                options.Cookie.Name = "gesprektool.sso";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax; // it arrives with the IdP's redirect back
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddOpenIdConnect(OidcScheme, _ => { });
        // Configured from the bound settings when first used (not while services are registered), so
        // settings from any source count; with SSO off the scheme exists but knows no provider.
        services.AddOptions<OpenIdConnectOptions>(OidcScheme).Configure<Microsoft.Extensions.Options.IOptions<SsoOptions>>(
            (options, settings) => Configure(options, settings.Value));
        return services;
    }

    private static void Configure(OpenIdConnectOptions options, SsoOptions sso)
    {
        options.SignInScheme = ExternalScheme;
        options.CallbackPath = CallbackUrl;
        options.Events.OnRemoteFailure = context =>
        {
            // A replayed or forged answer, a wrong issuer or audience, a bad signature: never a sign-in.
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(SsoSetup))
                .LogWarning(context.Failure, "Single sign-on refused an answer from the identity provider");
            context.Response.Redirect(SsoRefusedPage.Url(SsoRefusedPage.Failed));
            context.HandleResponse();
            return Task.CompletedTask;
        };
        if (!sso.IsConfigured)
        {
            options.ClientId = "single-sign-on-is-off";
            options.Configuration = new OpenIdConnectConfiguration();
            return;
        }
        options.Authority = sso.Authority;
        options.ClientId = sso.ClientId;
        options.ClientSecret = sso.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        // The answer comes back as a plain redirect, so the correlation and nonce cookies can be
        // SameSite=Lax instead of None (which browsers refuse without https).
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Scope.Clear();
        options.Scope.Add("openid");
        foreach (var scope in sso.Scopes.Where(s => s != "openid").Distinct())
        {
            options.Scope.Add(scope);
        }
        options.SaveTokens = true;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.MapInboundClaims = false; // "sub", "amr", "groups" as the IdP names them
        options.ClaimActions.MapAll();
        options.RequireHttpsMetadata = !IsLoopback(sso.Authority!);
        options.TokenValidationParameters.NameClaimType = "name";
    }

    private static bool IsLoopback(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
