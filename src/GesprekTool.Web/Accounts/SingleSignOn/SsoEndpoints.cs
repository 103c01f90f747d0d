using System.Security.Claims;
using System.Text.Encodings.Web;
using GesprekTool.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GesprekTool.Accounts.SingleSignOn;

/// <summary>
/// Sign-in through the IdP: the start (a challenge), the finish (who is this, which roles, which
/// stage: <see cref="SsoAccess"/>), the IdP's back-channel logout, and the IdP's end-session address
/// for signing out.
/// </summary>
public static class SsoEndpoints
{
    public const string StartUrl = "/aanmelden/sso";
    public const string FinishUrl = "/aanmelden/sso/klaar";
    public const string BackChannelLogoutUrl = "/aanmelden/sso/backchannel-logout";
    private const string IdTokenPurpose = "GesprekTool.Accounts.SsoIdToken";
    private const string BackChannelEvent = "http://schemas.openid.net/event/backchannel-logout";

    public static string Start(string? returnUrl) =>
        StartUrl + (SignInPage.IsLocal(returnUrl) ? "?returnUrl=" + Uri.EscapeDataString(returnUrl!) : "");

    public static void MapSsoEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(StartUrl, (string? returnUrl, IOptionsMonitor<SsoOptions> sso) => !sso.CurrentValue.IsConfigured
                ? Results.LocalRedirect(SignInPage.Url())
                : Results.Challenge(new AuthenticationProperties
                {
                    RedirectUri = FinishUrl + (SignInPage.IsLocal(returnUrl) ? "?returnUrl=" + Uri.EscapeDataString(returnUrl!) : ""),
                }, [SsoSetup.OidcScheme]))
            .AllowAnonymous();
        endpoints.MapGet(FinishUrl, FinishAsync).AllowAnonymous();
        endpoints.MapPost(BackChannelLogoutUrl, BackChannelLogoutAsync).AllowAnonymous().DisableAntiforgery();
    }

    /// <summary>The IdP vouched for someone: find (or provision) the user, sync roles if asked, and start the app's session.</summary>
    private static async Task<IResult> FinishAsync(string? returnUrl, HttpContext context, IOptionsMonitor<SsoOptions> options,
        SsoIdentities identities, UserStore users, SecondFactor secondFactor, Sessions sessions, SignInService signIn, AuditLog audit,
        IDataProtectionProvider protection, ILoggerFactory loggers)
    {
        var sso = options.CurrentValue;
        var external = sso.IsConfigured ? await context.AuthenticateAsync(SsoSetup.ExternalScheme) : AuthenticateResult.NoResult();
        await context.SignOutAsync(SsoSetup.ExternalScheme);
        if (!external.Succeeded || PersonOf(external.Principal, sso) is not { } person)
        {
            return Results.LocalRedirect(SsoRefusedPage.Url(SsoRefusedPage.Failed));
        }
        loggers.CreateLogger(nameof(SsoEndpoints)).LogInformation(
            "Single sign-on answer for {Subject} at {Issuer}: amr {Amr}, acr {Acr}, idp session {HasSid}, id token kept {HasIdToken}",
            person.Subject, person.Issuer, string.Join(',', person.Amr), person.Acr, person.Sid is not null, external.Properties?.GetTokenValue("id_token") is not null);
        var identity = await identities.FindForSignInAsync(person);
        var user = identity is null ? null : await users.FindAsync(identity.UserId);
        var linked = user is null ? null : new LinkedUser(user.Id, user.IsActive, await users.RolesOfAsync(user.Id));
        var (decision, roles) = SsoAccess.Decide(person, linked, sso);
        switch (decision)
        {
            case SsoDecision.Unknown:
                await audit.WriteAsync(null, "signin.sso_unknown", null, null, $"iss {Short(person.Issuer)} sub {Short(person.Subject)}");
                return Results.LocalRedirect(SsoRefusedPage.Url(SsoRefusedPage.Unknown));
            case SsoDecision.NoAccess:
                if (linked is { IsActive: true, Roles.Count: > 0 } && sso.RolesFromIdp)
                {
                    await users.SetRolesAsync(linked.UserId, []); // removed from the groups: open sessions end at their next request
                    await sessions.EndAllAsync(linked.UserId, "idp_roles_removed");
                }
                await audit.WriteAsync(null, "signin.sso_no_role", "user", linked?.UserId, $"iss {Short(person.Issuer)} sub {Short(person.Subject)}");
                return Results.LocalRedirect(SsoRefusedPage.Url(SsoRefusedPage.NoRole));
            case SsoDecision.Provision:
                var userName = UniqueUserName(person);
                var newId = await users.CreateAsync(await FreeUserNameAsync(users, userName), person.Name ?? userName, "", roles);
                await identities.LinkAsync(newId, person.Issuer, person.Subject, null);
                await audit.WriteAsync(null, "user.provisioned", "user", newId, $"via single sign-on, roles {string.Join(',', roles.Order())}");
                identity = await identities.ForUserAsync(newId);
                user = await users.FindAsync(newId);
                break;
            case SsoDecision.SignIn when sso.RolesFromIdp && !roles.SetEquals(linked!.Roles):
                await users.SetRolesAsync(linked.UserId, roles);
                await sessions.EndAllAsync(linked.UserId, "idp_roles_changed"); // sessions with the old roles end now, as after an admin's change
                await audit.WriteAsync(null, "user.roles_from_idp", "user", linked.UserId, string.Join(',', roles.Order()));
                user = await users.FindAsync(linked.UserId); // the new security stamp
                break;
        }
        await identities.SignedInAsync(identity!.Id);
        var stage = SsoAccess.IdpDidMultiFactor(person, sso) ? SessionStages.Full
            : await secondFactor.HasAnyAsync(user!.Id) ? SessionStages.SecondFactor
            : secondFactor.IsRequiredFor(roles) ? SessionStages.Enrolment
            : SessionStages.Full;
        var idToken = external.Properties?.GetTokenValue("id_token");
        await sessions.StartAsync(context, user!.Id, user.SecurityStamp, stage, new SsoSession(
            person.Sid, person.Subject, idToken is null ? null : protection.CreateProtector(IdTokenPurpose).Protect(idToken)));
        var next = SignInPage.IsLocal(returnUrl) ? returnUrl! : GesprekTool.Components.Home.StartPageFor(roles);
        if (stage == SessionStages.Full)
        {
            await signIn.CompleteAsync(user);
        }
        var target = stage == SessionStages.Full ? next : stage == SessionStages.SecondFactor ? CodePage.Url(next) : SecondFactorPage.Url(next);
        return ContinuePage(target, "U bent aangemeld.", "Verder naar GesprekTool");
    }

    /// <summary>
    /// A page that moves on by itself. After signing in, a redirect would still belong to the IdP's
    /// cross-site navigation, and the app's SameSite=Strict cookie would not go with it; after signing
    /// out, the page's form-action policy forbids a form post to redirect to the IdP.
    /// </summary>
    public static IResult ContinuePage(string target, string message, string linkText)
    {
        var href = HtmlEncoder.Default.Encode(target);
        return Results.Content(
            $"""
            <!DOCTYPE html>
            <html lang="nl"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={href}"><title>{HtmlEncoder.Default.Encode(message)} — GesprekTool</title></head>
            <body><p>{HtmlEncoder.Default.Encode(message)} <a href="{href}">{HtmlEncoder.Default.Encode(linkText)}</a></p></body></html>
            """, "text/html; charset=utf-8");
    }

    private static SsoPerson? PersonOf(ClaimsPrincipal? principal, SsoOptions sso)
    {
        var subject = principal?.FindFirstValue("sub");
        var issuer = (principal?.FindFirstValue("iss") ?? principal?.FindFirst("sub")?.Issuer)?.TrimEnd('/');
        if (principal is null || string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(issuer))
        {
            return null;
        }
        return new SsoPerson(issuer, subject, principal.FindFirstValue("email"),
            string.Equals(principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase),
            principal.FindFirstValue("name"), Values(principal, sso.RoleClaim), Values(principal, "amr"), principal.FindFirstValue("acr"),
            principal.FindFirstValue("sid"));
    }

    /// <summary>A claim's values, whether the IdP sent one claim per value or a JSON array.</summary>
    private static IReadOnlyList<string> Values(ClaimsPrincipal principal, string type) =>
        principal.FindAll(type).SelectMany(claim => claim.Value.StartsWith('[')
            ? System.Text.Json.JsonSerializer.Deserialize<string[]>(claim.Value) ?? []
            : [claim.Value]).Distinct().ToList();

    /// <summary>A new account's user name: the verified e-mail address, else "sso-" and the subject.</summary>
    private static string UniqueUserName(SsoPerson person)
    {
        var name = (person.EmailVerified && !string.IsNullOrWhiteSpace(person.Email) ? person.Email : "sso-" + person.Subject).Trim().ToLowerInvariant();
        return name.Length > 90 ? name[..90] : name;
    }

    private static async Task<string> FreeUserNameAsync(UserStore users, string wanted)
    {
        var name = wanted;
        for (var n = 2; await users.FindByUserNameAsync(name) is not null; n++)
        {
            name = $"{wanted}-{n}";
        }
        return name;
    }

    private static string Short(string value) => value.Length > 80 ? value[..80] : value;

    /// <summary>
    /// The IdP ends a person's session (OpenID Connect Back-Channel Logout 1.0): a logout token signed
    /// by the IdP, for this client, with the logout event and without a nonce. The app's sessions
    /// from that IdP session (or, without a session id, all of the subject's) end at once.
    /// </summary>
    private static async Task<IResult> BackChannelLogoutAsync(HttpContext context, IOptionsMonitor<SsoOptions> options,
        IOptionsMonitor<OpenIdConnectOptions> oidc, Sessions sessions, AuditLog audit)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!options.CurrentValue.IsConfigured || !context.Request.HasFormContentType)
        {
            return Results.BadRequest();
        }
        var token = (await context.Request.ReadFormAsync())["logout_token"].ToString();
        var handler = oidc.Get(SsoSetup.OidcScheme);
        var configuration = await handler.ConfigurationManager!.GetConfigurationAsync(context.RequestAborted);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = options.CurrentValue.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            RequireExpirationTime = false,
            ValidateLifetime = true,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken logout
            || !logout.TryGetPayloadValue<System.Text.Json.JsonElement>("events", out var events)
            || events.ValueKind != System.Text.Json.JsonValueKind.Object || !events.TryGetProperty(BackChannelEvent, out _)
            || logout.TryGetPayloadValue<string>("nonce", out _))
        {
            await audit.WriteAsync(null, "signin.sso_logout_refused", null, null, result.Exception?.GetType().Name ?? "not a logout token");
            return Results.BadRequest();
        }
        logout.TryGetPayloadValue<string>("sid", out var sid);
        var subject = logout.Subject;
        if (string.IsNullOrEmpty(sid) && string.IsNullOrEmpty(subject))
        {
            return Results.BadRequest();
        }
        var ended = await sessions.EndForIdpAsync(string.IsNullOrEmpty(sid) ? null : sid, string.IsNullOrEmpty(subject) ? null : subject);
        await audit.WriteAsync(null, "signout.idp", null, null, $"{ended} sessie(s) beëindigd door de identity provider");
        return Results.Ok();
    }

    /// <summary>
    /// Where to send the browser after the app's session ended, so the IdP's session ends too: the
    /// IdP's end-session endpoint with the id token as hint, back to the sign-in page. Null when the
    /// session did not come from the IdP, or the IdP has no such endpoint.
    /// </summary>
    public static async Task<string?> EndSessionUrlAsync(HttpContext context, string? protectedIdToken)
    {
        var services = context.RequestServices;
        var sso = services.GetRequiredService<IOptionsMonitor<SsoOptions>>().CurrentValue;
        if (!sso.IsConfigured || protectedIdToken is null)
        {
            return null;
        }
        string idToken;
        try
        {
            idToken = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(IdTokenPurpose).Unprotect(protectedIdToken);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        var handler = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(SsoSetup.OidcScheme);
        var configuration = await handler.ConfigurationManager!.GetConfigurationAsync(context.RequestAborted);
        if (string.IsNullOrEmpty(configuration.EndSessionEndpoint))
        {
            return null;
        }
        var back = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{SignInPage.Url()}";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(configuration.EndSessionEndpoint, new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken,
            ["post_logout_redirect_uri"] = back,
            ["client_id"] = sso.ClientId,
        });
    }
}
