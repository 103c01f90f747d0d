using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Conversations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GesprekTool.Calls;

/// <summary>
/// The household's join page (no account: the link is the key), and the worker's JSON calls for
/// join links, which the call page makes without reloading (a reload would drop the call).
/// </summary>
internal static class CallEndpoints
{
    /// <param name="PlannedAt">Optional "2026-11-24T14:30" (Amsterdam time, as a datetime-local field sends it), named in the invitation.</param>
    public sealed record LinkRequest(string? Role, string? PlannedAt = null);

    public static void MapCallEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<CallHub>(CallHub.Path);
        endpoints.MapGet("/j/{token}", JoinPageAsync).AllowAnonymous().WithMetadata(new CallPageAttribute());
        var links = endpoints.MapGroup("/gesprekken/{id:long}/video/links")
            .RequireAuthorization(policy => policy.RequireRole(Roles.WithHouseholdsList));
        links.MapPost("", CreateLinkAsync);
        links.MapPost("{linkId:long}/intrekken", RevokeLinkAsync);
        links.MapPost("{linkId:long}/gedeeld", LinkSharedAsync);
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

    private static async Task<IResult> CreateLinkAsync(long id, LinkRequest request, HttpContext context, CurrentUser user, IAntiforgery antiforgery,
        CallStore calls, ConversationStore conversations, AuditLog audit, IOptionsMonitor<CallOptions> options, TimeProvider clock)
    {
        var (call, refusal) = await ActiveCallAsync(id, context, user, antiforgery, calls);
        if (call is null)
        {
            return refusal!;
        }
        var role = request.Role ?? GuestRoles.Household;
        if (!GuestRoles.IsKnown(role))
        {
            return Results.Json(new { error = "Onbekende rol voor een link." }, statusCode: StatusCodes.Status400BadRequest);
        }
        var lifetime = TimeSpan.FromHours(options.CurrentValue.LinkLifetimeHours);
        var (plannedAt, plannedError) = PlannedTime.Parse(request.PlannedAt, clock.GetUtcNow(), lifetime);
        if (plannedError is not null)
        {
            return Results.Json(new { error = plannedError }, statusCode: StatusCodes.Status400BadRequest);
        }
        var token = JoinToken.Create();
        var link = await calls.CreateLinkAsync(call.Id, role, JoinToken.HashOf(token), user, lifetime);
        await audit.WriteAsync(user, "call.link_created", "call", call.Id, role);

        var url = JoinUrl(options.CurrentValue, token);
        var household = GuestTexts.Find(call.HomeLanguage);
        return Results.Json(new
        {
            id = link.Id,
            role,
            roleName = GuestRoles.Dutch(role),
            url,
            expiresAt = DutchDate.Moment(link.ExpiresAt),
            qrCode = GesprekTool.Components.Shared.QrCode.DataUri(url),
            invitations = Invitations(role, url, household, FirstNameOf(user.DisplayName), options.CurrentValue.OrganisationName, plannedAt),
        });
    }

    /// <summary>"Sanne" from "Sanne de Vries": a family knows their worker by first name.</summary>
    public static string FirstNameOf(string displayName) => displayName.Trim().Split(' ', 2)[0];

    // Each invitation carries its language code and direction, so the worker's page shows Arabic right to left.
    private static IEnumerable<object> Invitations(string role, string url, GuestTexts? household, string workerFirstName, string organisation, DateTimeOffset? plannedAt)
    {
        if (role == GuestRoles.Interpreter)
        {
            yield return new
            {
                language = "Nederlands", code = "nl", rtl = false,
                text = $"U bent gevraagd als tolk bij een videogesprek van {workerFirstName} ({organisation}).{GuestTexts.Dutch.PlannedSentence(plannedAt)} Open deze link: {url} — U komt eerst in de wachtkamer; de hulpverlener laat u binnen. Het gesprek wordt niet opgenomen.",
            };
            yield break;
        }
        yield return new { language = "Nederlands", code = "nl", rtl = false, text = GuestTexts.Dutch.InvitationWith(url, workerFirstName, organisation, plannedAt) };
        if (household is not null && household.Code != "nl")
        {
            yield return new
            {
                language = household.LanguageName, code = household.Code, rtl = household.RightToLeft,
                text = household.InvitationWith(url, workerFirstName, organisation, plannedAt),
            };
        }
    }

    private static async Task<IResult> RevokeLinkAsync(long id, long linkId, HttpContext context, CurrentUser user, IAntiforgery antiforgery,
        CallStore calls, CallRoomNotifier notifier, AuditLog audit)
    {
        var (call, refusal) = await ActiveCallAsync(id, context, user, antiforgery, calls);
        if (call is null)
        {
            return refusal!;
        }
        if (!await calls.RevokeLinkAsync(call.Id, linkId))
        {
            return Results.NotFound();
        }
        await audit.WriteAsync(user, "call.link_revoked", "call", call.Id, $"link {linkId}");
        await notifier.LinkRevokedAsync(call.Id, linkId);
        return Results.Json(new { revoked = true });
    }

    /// <summary>The worker copied the link or showed its QR code: the closest we get to "link sent".</summary>
    private static async Task<IResult> LinkSharedAsync(long id, long linkId, HttpContext context, CurrentUser user, IAntiforgery antiforgery,
        CallStore calls, AuditLog audit)
    {
        var (call, refusal) = await ActiveCallAsync(id, context, user, antiforgery, calls);
        if (call is null)
        {
            return refusal!;
        }
        var how = context.Request.Query["hoe"].ToString() is "qr" ? "QR-code getoond" : "link gekopieerd";
        await audit.WriteAsync(user, "call.link_sent", "call", call.Id, $"link {linkId}: {how}");
        return Results.NoContent();
    }

    private static async Task<(Call? Call, IResult? Refusal)> ActiveCallAsync(long conversationId, HttpContext context, CurrentUser user,
        IAntiforgery antiforgery, CallStore calls)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return (null, Results.Json(new { error = "Uw sessie is verlopen. Laad de pagina opnieuw." }, statusCode: StatusCodes.Status400BadRequest));
        }
        var call = await calls.FindActiveAsync(user, conversationId);
        return call is null
            ? (null, Results.Json(new { error = "Er is geen lopend videogesprek." }, statusCode: StatusCodes.Status404NotFound))
            : (call, null);
    }

    /// <summary>From configuration only: a Host header sent by someone else must never end up in a family's link.</summary>
    public static string JoinUrl(CallOptions options, string token) => options.PublicBaseUrl!.TrimEnd('/') + RelativeJoinUrl(token);

    /// <summary>A join link without the public base address (tests and the route table use it).</summary>
    public static string RelativeJoinUrl(string token) => $"/j/{token}";

    /// <summary>Where the call page's script makes, revokes and marks join links (see worker-call.js).</summary>
    public static string LinksUrl(long conversationId) => $"/gesprekken/{conversationId}/video/links";
}
