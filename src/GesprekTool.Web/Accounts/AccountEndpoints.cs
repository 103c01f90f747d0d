using GesprekTool.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace GesprekTool.Accounts;

/// <summary>Posts that need no page of their own.</summary>
internal static class AccountEndpoints
{
    public const string SignOutUrl = "/afmelden";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SignOutUrl, async (HttpContext context, CurrentUser user, IAntiforgery antiforgery, AuditLog audit, Sessions sessions, SessionStore store) =>
        {
            // The handler binds no form fields, so UseAntiforgery does not check it: do so here.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            await audit.WriteAsync(user, "signout", "user", user.Id, null);
            string? idToken = null;
            if (Sessions.SessionIdOf(context.User) is { } sessionId)
            {
                idToken = await store.SsoIdTokenOfAsync(sessionId);
                await sessions.EndAsync(sessionId, "signed_out");
            }
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            // Signed in through the IdP: end the IdP's session too, or the next click on "Aanmelden" is straight back in.
            return await SingleSignOn.SsoEndpoints.EndSessionUrlAsync(context, idToken) is { } endSession
                ? SingleSignOn.SsoEndpoints.ContinuePage(endSession, "U bent afgemeld bij GesprekTool.", "Ook afmelden bij uw organisatie")
                : Results.LocalRedirect(SignInPage.Url());
        }).RequireAuthorization(policy => policy.RequireAuthenticatedUser()); // also half-way through the second factor
    }
}
