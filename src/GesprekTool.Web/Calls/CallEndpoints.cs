using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Conversations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GesprekTool.Calls;

/// <summary>
/// The household's join page (no account: the link is the key) and the call's signalling hub. The
/// worker makes and revokes join links on the call page's live part (<see cref="InviteLinks"/>).
/// </summary>
internal static class CallEndpoints
{
    public static void MapCallEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<CallHub>(CallHub.Path);
        endpoints.MapGet("/j/{token}", JoinPageAsync).AllowAnonymous().WithMetadata(new CallPageAttribute());
    }

    private static async Task<IResult> JoinPageAsync(string token, string? taal, HttpContext context, CallStore calls,
        JoinAttemptLimiter limiter, TimeProvider clock, ILoggerFactory loggers)
    {
        context.Response.Headers.CacheControl = "no-store";
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "?";
        var acceptLanguage = context.Request.Headers.AcceptLanguage.ToString();
        // A good link always opens, even from an address that guessed a lot (households behind one
        // carrier's NAT share addresses); only failures from an address are slowed down.
        var link = await calls.FindLinkByTokenAsync(token);
        var state = link?.StateAt(clock.GetUtcNow());
        if (link is not null && state == LinkState.CallEnded)
        {
            // A real link whose call is over (for example a language tapped after the end): say the call
            // ended, in the chosen language, and do not count it as a guess.
            var afterwards = GuestTexts.Choose(taal, link.Role == GuestRoles.Household ? link.HomeLanguage : null, acceptLanguage);
            return Page(afterwards, null, link.Role, afterwards.Ended, StatusCodes.Status410Gone);
        }
        if (link is null || state != LinkState.Usable)
        {
            if (!await limiter.MayTryAsync(address))
            {
                var tooMany = GuestTexts.Choose(taal, null, acceptLanguage);
                return Page(tooMany, null, GuestRoles.Household, tooMany.TooManyAttempts, StatusCodes.Status429TooManyRequests);
            }
            await limiter.RecordFailureAsync(address);
            loggers.CreateLogger("GesprekTool.Calls.JoinPage").LogInformation("Unusable join link opened ({State})", state?.ToString() ?? "unknown");
            // The same words whatever the reason, and nothing about the call or the family.
            var texts = GuestTexts.Choose(taal, null, acceptLanguage);
            return Page(texts, null, GuestRoles.Household, texts.LinkInvalid, StatusCodes.Status410Gone);
        }
        // An interpreter reads their own language, not the family's.
        var homeLanguage = link.Role == GuestRoles.Household ? link.HomeLanguage : null;
        return Page(GuestTexts.Choose(taal, homeLanguage, acceptLanguage), token, link.Role, null, StatusCodes.Status200OK, link.CallRouteKey);
    }

    private static RazorComponentResult<GuestPage> Page(GuestTexts texts, string? token, string role, string? message, int status, string? route = null) =>
        new(new { Texts = texts, Token = token, Role = role, Message = message, Route = route }) { StatusCode = status };
}
