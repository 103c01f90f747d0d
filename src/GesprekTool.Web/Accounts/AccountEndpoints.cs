using GesprekTool.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace GesprekTool.Accounts;

/// <summary>Posts that need no page of their own.</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Antiforgery is checked for form posts to minimal APIs by UseAntiforgery.
        endpoints.MapPost("/afmelden", async (HttpContext context, AuditLog audit) =>
        {
            await audit.WriteAsync(context.CurrentUser(), "signout", "user", context.CurrentUser().Id, null);
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/aanmelden");
        }).DisableAntiforgery().AddEndpointFilter(async (invocation, next) =>
        {
            // Sign-out takes no form fields, so validate the token explicitly.
            var antiforgery = invocation.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>();
            return await antiforgery.IsRequestValidAsync(invocation.HttpContext)
                ? await next(invocation)
                : Results.BadRequest();
        });
    }
}
