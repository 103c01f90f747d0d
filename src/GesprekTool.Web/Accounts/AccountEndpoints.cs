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
        endpoints.MapPost(SignOutUrl, async (HttpContext context, CurrentUser user, IAntiforgery antiforgery, AuditLog audit, Sessions sessions) =>
        {
            // The handler binds no form fields, so UseAntiforgery does not check it: do so here.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            await audit.WriteAsync(user, "signout", "user", user.Id, null);
            if (Sessions.SessionIdOf(context.User) is { } sessionId)
            {
                await sessions.EndAsync(sessionId, "signed_out");
            }
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(SignInPage.Url());
        }).RequireAuthorization(policy => policy.RequireAuthenticatedUser()); // also half-way through the second factor
    }
}
