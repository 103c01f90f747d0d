using GesprekTool.Accounts;
using GesprekTool.Coaching;
using GesprekTool.Conversations;
using GesprekTool.Households;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace GesprekTool.PhoneCalls;

/// <summary>
/// Dialling from a conversation. The page asks for a call to this conversation's household (never
/// to a number), reports what it sees (ringing, answered, ended), and talks to Janus's SIP plugin
/// through the app's proxy, which checks every request against the attempt its token belongs to.
/// </summary>
public static class PhoneCallEndpoints
{
    public static string StartUrl(long conversationId) => $"/gesprekken/{conversationId}/bellen/starten";

    public static string StateUrl(long conversationId, long callId) => $"/gesprekken/{conversationId}/bellen/{callId}/toestand";

    public static string InterpreterUrl(long conversationId, long callId) => $"/gesprekken/{conversationId}/bellen/{callId}/tolk";

    public const string JanusUrl = "/bellen/janus";

    public static void MapPhoneCallEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/gesprekken/{id:long}/bellen/starten", StartAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.WithHouseholdsList));
        endpoints.MapPost("/gesprekken/{id:long}/bellen/{callId:long}/toestand", StateAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.WithHouseholdsList));
        endpoints.MapPost("/gesprekken/{id:long}/bellen/{callId:long}/tolk", InterpreterAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.WithHouseholdsList));
        endpoints.MapMethods(JanusUrl + "/{**rest}", ["GET", "POST"], ForwardAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.WithHouseholdsList)).DisableAntiforgery();
    }

    private static IResult Expired() =>
        DutchProblem.Result(StatusCodes.Status400BadRequest, "Uw sessie is verlopen. Laad de pagina opnieuw.", "session_expired");

    /// <summary>A dialling attempt to the household of a conversation the user may see: its Janus token and what the page needs.</summary>
    private static async Task<IResult> StartAsync(long id, HttpContext context, CurrentUser user, IAntiforgery antiforgery,
        ConversationStore conversations, HouseholdStore households, PhoneCallStore calls, PhoneLine line,
        IOptionsMonitor<SipOptions> sip, IOptionsMonitor<Calls.CallOptions> callOptions, TimeProvider clock)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Expired();
        }
        var conversation = await conversations.FindAsync(user, id);
        if (conversation is null)
        {
            return DutchProblem.Result(StatusCodes.Status404NotFound, "Dit gesprek bestaat niet of u heeft er geen toegang toe.");
        }
        if (conversation.IsFinished)
        {
            return DutchProblem.Result(StatusCodes.Status409Conflict, "Dit gesprek is afgerond. Heropen het gesprek om te bellen.");
        }
        var household = await households.FindAsync(user, conversation.HouseholdId);
        if (household?.PhoneNumber is not { } stored)
        {
            return DutchProblem.Result(StatusCodes.Status409Conflict, "Er staat geen telefoonnummer bij dit gezin. Vul het in bij de gegevens van het gezin.");
        }
        var number = new PhoneNumber(stored);
        if (DiallingRules.Refusal(number, sip.CurrentValue.AllowInternational) is { } refusal)
        {
            return DutchProblem.Result(StatusCodes.Status403Forbidden, refusal);
        }
        if (!line.IsAvailable)
        {
            return DutchProblem.Result(StatusCodes.Status503ServiceUnavailable, "Bellen vanuit GesprekTool is niet ingesteld. Bel het gezin op uw eigen telefoon.");
        }
        // An attempt whose tab closed without saying so ends now, so its token cannot dial again.
        foreach (var (openId, openToken) in await calls.OpenAttemptsAsync(id))
        {
            await line.CloseTokenAsync(openToken);
            await calls.EndAsync(openId, null, PhoneCallOutcome.EndedBy.Network, user);
        }
        var token = await line.OpenTokenAsync();
        if (token is null)
        {
            return DutchProblem.Result(StatusCodes.Status503ServiceUnavailable, "De telefoonlijn is nu niet bereikbaar. Probeer het zo opnieuw of bel op uw eigen telefoon.");
        }
        var callId = await calls.StartAsync(id, household.Id, user.Id, number, token);
        return Grant(id, callId, token, InterpreterUrl(id, callId), sip.CurrentValue, callOptions.CurrentValue, clock);
    }

    /// <summary>
    /// What the page needs to place one leg: its Janus token, where to report, how long to let it
    /// ring, the TURN servers, and for the household's leg where to ask for an interpreter.
    /// </summary>
    private static IResult Grant(long conversationId, long callId, string token, string? interpreterUrl,
        SipOptions sip, Calls.CallOptions callOptions, TimeProvider clock) =>
        Results.Json(new
        {
            call = callId,
            token,
            janus = JanusUrl,
            state = StateUrl(conversationId, callId),
            interpreter = interpreterUrl,
            ringSeconds = sip.RingSeconds,
            ice = Calls.IceConfiguration.For(callOptions, $"telefoon-{callId}", clock.GetUtcNow()),
        });

    /// <summary>
    /// A telephone interpreter for a household's call that is on: a second attempt, to the interpreter
    /// service's number (the admin's setting, never the page's), with a token of its own. The worker's
    /// browser joins the two legs (phone-call.js).
    /// </summary>
    private static async Task<IResult> InterpreterAsync(long id, long callId, HttpContext context, CurrentUser user, IAntiforgery antiforgery,
        ConversationStore conversations, PhoneCallStore calls, InterpreterServiceStore interpreters, PhoneLine line,
        IOptionsMonitor<SipOptions> sip, IOptionsMonitor<Calls.CallOptions> callOptions, TimeProvider clock)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Expired();
        }
        var call = await calls.FindAsync(callId);
        if (call is null || call.ConversationId != id || call.WorkerId != user.Id || call.IsInterpreterLeg
            || await conversations.FindAsync(user, id) is not { IsFinished: false })
        {
            return DutchProblem.Result(StatusCodes.Status404NotFound, "Dit telefoongesprek bestaat niet.");
        }
        if (await interpreters.GetAsync() is not { } interpreter)
        {
            return DutchProblem.Result(StatusCodes.Status409Conflict, "Er is geen tolkendienst ingesteld. Vraag de beheerder het nummer in te vullen.");
        }
        if (DiallingRules.Refusal(interpreter.Number, sip.CurrentValue.AllowInternational) is { } refusal)
        {
            return DutchProblem.Result(StatusCodes.Status403Forbidden, refusal);
        }
        if (!call.Reached || call.IsOver)
        {
            return DutchProblem.Result(StatusCodes.Status409Conflict, "Een tolk kan erbij zodra het gezin heeft opgenomen.");
        }
        var token = await line.OpenTokenAsync();
        if (token is null)
        {
            return DutchProblem.Result(StatusCodes.Status503ServiceUnavailable, "De telefoonlijn is nu niet bereikbaar. Probeer het zo opnieuw.");
        }
        if (await calls.StartInterpreterAsync(call, interpreter.Number, token) is not { } legId)
        {
            await line.CloseTokenAsync(token);
            return DutchProblem.Result(StatusCodes.Status409Conflict, "Er wordt al een tolk gebeld, of het gesprek met het gezin is voorbij.");
        }
        return Grant(id, legId, token, null, sip.CurrentValue, callOptions.CurrentValue, clock);
    }

    /// <summary>What the page saw: ringing, answered, or ended (with the SIP status and who ended it).</summary>
    private static async Task<IResult> StateAsync(long id, long callId, HttpContext context, CurrentUser user, IAntiforgery antiforgery,
        PhoneCallStore calls, PhoneLine line)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Expired();
        }
        var call = await calls.FindAsync(callId);
        if (call is null || call.ConversationId != id || call.WorkerId != user.Id)
        {
            return DutchProblem.Result(StatusCodes.Status404NotFound, "Dit telefoongesprek bestaat niet.");
        }
        var form = await context.Request.ReadFormAsync();
        switch (form["state"].ToString())
        {
            case "ringing":
                await calls.MarkRingingAsync(callId);
                break;
            case "answered":
                await calls.MarkAnsweredAsync(callId);
                break;
            case "ended":
                if (!Enum.TryParse<PhoneCallOutcome.EndedBy>(form["by"].ToString(), ignoreCase: true, out var by) || !Enum.IsDefined(by))
                {
                    return DutchProblem.Result(StatusCodes.Status400BadRequest, "Onbekende reden van ophangen.");
                }
                int? code = int.TryParse(form["code"].ToString(), out var parsed) && parsed is >= 100 and <= 699 ? parsed : null;
                if (call.IsOver)
                {
                    break; // ended already (with the household's call, or by a beacon): its token is gone
                }
                call = (await calls.EndAsync(callId, code, by, user))!;
                await line.CloseTokenAsync(call.JanusToken);
                if (!call.IsInterpreterLeg)
                {
                    // The interpreter was there for the family: their leg ends with the family's, even when the page went away first.
                    foreach (var (legId, legToken) in await calls.OpenAttemptsAsync(id))
                    {
                        await line.CloseTokenAsync(legToken);
                        await calls.EndAsync(legId, null, PhoneCallOutcome.EndedBy.Worker, user);
                    }
                }
                break;
            default:
                return DutchProblem.Result(StatusCodes.Status400BadRequest, "Onbekende toestand.");
        }
        // Only the end has an outcome to say; ringing and answered answer with what was already known.
        return Results.Json(new { outcome = call.Outcome, text = PhoneCallOutcome.Text(call), seconds = (int?)call.Duration?.TotalSeconds });
    }

    /// <summary>
    /// Forwards one request to Janus when its token is an attempt of this user that has not ended,
    /// on a conversation they may still see, and the request passes <see cref="PhoneLineRequestCheck"/>
    /// (which puts in the account and the household's number).
    /// </summary>
    private static async Task ForwardAsync(string? rest, HttpContext context, CurrentUser user, PhoneCallStore calls,
        ConversationStore conversations, IOptionsMonitor<JanusOptions> janus, IOptionsMonitor<SipOptions> sip, IHttpClientFactory clients)
    {
        var api = janus.CurrentValue.ApiUrl;
        if (string.IsNullOrWhiteSpace(api) || !sip.CurrentValue.IsConfigured || JanusProxy.JanusPath(rest, context) is not { } path)
        {
            await JanusProxy.RefuseAsync(context, StatusCodes.Status404NotFound);
            return;
        }
        PhoneCall? call;
        byte[]? body = null;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            var token = context.Request.Query["token"].ToString();
            call = string.IsNullOrEmpty(token) ? null : await calls.FindByTokenAsync(token);
        }
        else
        {
            var raw = await JanusProxy.ReadSmallBodyAsync(context.Request);
            if (raw is null)
            {
                await JanusProxy.RefuseAsync(context, StatusCodes.Status413PayloadTooLarge);
                return;
            }
            // The attempt its token names, read once: "call" is held to its number, and access is checked below.
            call = await AttemptOfAsync(raw, calls);
            var (request, refusal) = PhoneLineRequestCheck.Read(raw, call is null ? "" : sip.CurrentValue.UriFor(new PhoneNumber(call.DialledNumber)), sip.CurrentValue);
            if (request is null)
            {
                await JanusProxy.RefuseAsync(context, refusal == PhoneLineRequestCheck.Refusal.Malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden);
                return;
            }
            body = request.Body;
        }
        if (call is null || call.IsOver || call.WorkerId != user.Id || await conversations.FindAsync(user, call.ConversationId) is not { IsFinished: false })
        {
            await JanusProxy.RefuseAsync(context, StatusCodes.Status403Forbidden);
            return;
        }
        await JanusProxy.SendAsync(context, api, path, body, clients);
    }

    /// <summary>The attempt a request's "token" names (the same field Janus reads), or null.</summary>
    private static async Task<PhoneCall?> AttemptOfAsync(byte[] raw, PhoneCallStore calls)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(raw);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                   && document.RootElement.TryGetProperty("token", out var token) && token.ValueKind == System.Text.Json.JsonValueKind.String
                ? await calls.FindByTokenAsync(token.GetString()!)
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
