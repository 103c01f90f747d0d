using Microsoft.Extensions.Options;

namespace GesprekTool.Coaching;

/// <summary>
/// The browser's way to Janus: the app forwards Janus's HTTP API under its own origin, so Janus
/// stays bound to loopback, the page's Content-Security-Policy stays "self", and only signed-in
/// workers and trainers reach it. Janus itself still refuses anyone without a participant token.
/// </summary>
public static class JanusProxy
{
    public static string Url() => "/intervisie/janus";

    public static string TokenUrl(long sessionId) => $"/intervisie/{sessionId}/videotoken";

    /// <summary>A guest trainer's way to Janus: the same, checked against their link and device.</summary>
    public static string GuestUrl(string token) => $"/intervisie/gast/{token}/janus";

    public static string GuestTokenUrl(string token) => $"/intervisie/gast/{token}/videotoken";

    public static void MapJanusEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var policy = new[] { Accounts.Roles.Worker, Accounts.Roles.Trainer };
        endpoints.MapMethods("/intervisie/janus/{**rest}", ["GET", "POST"],
                (string? rest, HttpContext context, Accounts.CurrentUser user, CoachingStore sessions, CoachingVideo video, IOptionsMonitor<JanusOptions> options, IHttpClientFactory clients) =>
                    ForwardAsync(rest, context, user, sessions, video, options, clients))
            .RequireAuthorization(p => p.RequireRole(policy)).DisableAntiforgery();
        endpoints.MapPost("/intervisie/{id:long}/videotoken", TokenAsync)
            .RequireAuthorization(p => p.RequireRole(policy));
        endpoints.MapMethods("/intervisie/gast/{token}/janus/{**rest}", ["GET", "POST"], GuestForwardAsync)
            .AllowAnonymous().DisableAntiforgery();
        endpoints.MapPost("/intervisie/gast/{token}/videotoken", GuestTokenAsync).AllowAnonymous();
    }

    /// <summary>A Janus token for a participant of a running session with video; 404 for anyone else.</summary>
    private static async Task<IResult> TokenAsync(long id, HttpContext context, Accounts.CurrentUser user,
        Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, CoachingStore sessions, CoachingVideo video,
        IOptionsMonitor<Calls.CallOptions> calls, TimeProvider clock)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return DutchProblem.Result(StatusCodes.Status400BadRequest, "Uw sessie is verlopen. Laad de pagina opnieuw.", "session_expired");
        }
        var session = await sessions.FindForAsync(user, id);
        if (session is null || !session.IsRunning || session.VideoRoom is null)
        {
            return DutchProblem.Result(StatusCodes.Status404NotFound, "Deze sessie heeft nu geen video.");
        }
        return await GrantAsync(session, $"user:{user.Id}", user.DisplayName, video, calls.CurrentValue, clock);
    }

    /// <summary>A Janus token for an admitted guest trainer on the device that opened the link.</summary>
    private static async Task<IResult> GuestTokenAsync(string token, HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery,
        CoachingGuestStore guests, CoachingStore sessions, CoachingVideo video, Calls.JoinAttemptLimiter limiter, IOptionsMonitor<Calls.CallOptions> calls, TimeProvider clock)
    {
        var (refused, admitted) = await GuestVideoAccessAsync(token, context, guests, sessions, limiter, clock);
        if (admitted is not var (guest, session))
        {
            return refused == StatusCodes.Status429TooManyRequests
                ? DutchProblem.Result(refused, "Te veel pogingen met onbekende links. Probeer het over tien minuten opnieuw.")
                : DutchProblem.Result(refused, "Deze sessie heeft nu geen video.");
        }
        return !await antiforgery.IsRequestValidAsync(context)
            ? DutchProblem.Result(StatusCodes.Status400BadRequest, "Uw sessie is verlopen. Laad de pagina opnieuw.", "session_expired")
            : await GrantAsync(session, $"gast:{guest.Id}", guest.DisplayName, video, calls.CurrentValue, clock);
    }

    private static async Task<IResult> GrantAsync(CoachingSession session, string holder, string display, CoachingVideo video,
        Calls.CallOptions calls, TimeProvider clock)
    {
        var token = await video.ParticipantTokenAsync(session.Id, holder);
        return token is null
            ? DutchProblem.Result(StatusCodes.Status503ServiceUnavailable, "Video is nu niet beschikbaar. De stappen, peilingen en notities werken wel.")
            : Results.Json(new
            {
                token,
                room = session.VideoRoom,
                pin = VideoRoom.PinFor(session.VideoRoomSecret ?? ""),
                display,
                // The same coturn as family calls, with credentials that expire.
                ice = Calls.IceConfiguration.For(calls, $"intervisie-{session.Id}-{holder}", clock.GetUtcNow()),
            });
    }

    /// <summary>
    /// The guest and their session, if the link is admitted on this device and the session runs with
    /// video; otherwise the status to answer. A real link always gets through, even from an address
    /// that guessed a lot; an unknown one counts as a guess for the address, as family join links do,
    /// and an address over the limit gets 429.
    /// </summary>
    private static async Task<(int Refusal, (CoachingGuest Guest, CoachingSession Session)? Admitted)> GuestVideoAccessAsync(string token,
        HttpContext context, CoachingGuestStore guests, CoachingStore sessions, Calls.JoinAttemptLimiter limiter, TimeProvider clock)
    {
        var guest = await guests.FindByTokenAsync(token);
        if (guest is null)
        {
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "?";
            if (!await limiter.MayTryAsync(address))
            {
                return (StatusCodes.Status429TooManyRequests, null);
            }
            await limiter.RecordFailureAsync(address);
            return (StatusCodes.Status404NotFound, null);
        }
        var session = await sessions.FindAsync(guest.SessionId);
        return GuestAccess.For(guest, session, GuestDevice.HashOf(context), clock.GetUtcNow()) == GuestStanding.Admitted
            && session!.IsRunning && session.VideoRoom is not null
            ? (0, (guest, session)) : (StatusCodes.Status404NotFound, null);
    }

    private static async Task GuestForwardAsync(string token, string? rest, HttpContext context, CoachingGuestStore guests, CoachingStore sessions,
        Calls.JoinAttemptLimiter limiter, CoachingVideo video, TimeProvider clock, IOptionsMonitor<JanusOptions> options, IHttpClientFactory clients)
    {
        var (refused, admitted) = await GuestVideoAccessAsync(token, context, guests, sessions, limiter, clock);
        if (admitted is not var (guest, session))
        {
            await RefuseAsync(context, refused);
            return;
        }
        await ForwardAsync(rest, context, $"gast:{guest.Id}", _ => Task.FromResult<CoachingSession?>(session), video, options, clients);
    }

    private static Task ForwardAsync(string? rest, HttpContext context, Accounts.CurrentUser user, CoachingStore sessions, CoachingVideo video,
        IOptionsMonitor<JanusOptions> options, IHttpClientFactory clients) =>
        ForwardAsync(rest, context, $"user:{user.Id}", sessionId => sessions.FindForAsync(user, sessionId), video, options, clients);

    /// <summary>Janus requests are small (an SDP is a few KB); anything over 64 KB is refused.</summary>
    internal static async Task<byte[]?> ReadSmallBodyAsync(HttpRequest request)
    {
        const int Limit = 64 * 1024;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > Limit)
            {
                return null;
            }
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Forwards one request when it is allowed (<see cref="JanusRequestCheck"/>), carries a token the
    /// app gave to this holder for a session they may see now, and names only that session's room
    /// and feeds of people publishing in it. Sessions are never recorded: a request that mentions
    /// recording never reaches Janus.
    /// </summary>
    private static async Task ForwardAsync(string? rest, HttpContext context, string holder, Func<long, Task<CoachingSession?>> sessionOf,
        CoachingVideo video, IOptionsMonitor<JanusOptions> options, IHttpClientFactory clients)
    {
        var api = options.CurrentValue.ApiUrl;
        var isPoll = HttpMethods.IsGet(context.Request.Method);
        if (string.IsNullOrWhiteSpace(api) || JanusPath(rest, context) is not { } path)
        {
            await RefuseAsync(context, StatusCodes.Status404NotFound);
            return;
        }
        JanusRequest? request;
        byte[]? body = null;
        if (isPoll)
        {
            request = new JanusRequest("poll", context.Request.Query["token"].ToString(), [], []);
        }
        else
        {
            body = await ReadSmallBodyAsync(context.Request);
            if (body is null)
            {
                await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge);
                return;
            }
            (request, var refusal) = JanusRequestCheck.Read(body);
            if (request is null)
            {
                await RefuseAsync(context, refusal == JanusRequestCheck.Refusal.Malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden);
                return;
            }
        }
        if (!await MayAsync(request, holder, sessionOf, video))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden);
            return;
        }
        await SendAsync(context, api, path, body, clients);
    }

    /// <summary>
    /// The path of a Janus request as the proxy forwards it (nothing, a session, or a session and a
    /// handle: numbers only), or null for anything else. A GET is only the long poll of one session.
    /// </summary>
    internal static string[]? JanusPath(string? rest, HttpContext context)
    {
        var path = (rest ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var isPoll = HttpMethods.IsGet(context.Request.Method);
        return path.Length > 2 || path.Any(part => !part.All(char.IsAsciiDigit) || part.Length > 20) || (isPoll && path.Length != 1) ? null : path;
    }

    /// <summary>Sends a checked request on to Janus and its answer back to the browser (the long poll keeps only rid, maxev and token).</summary>
    internal static async Task SendAsync(HttpContext context, string api, string[] path, byte[]? body, IHttpClientFactory clients)
    {
        var isPoll = body is null;
        var query = isPoll ? QueryString.Create(context.Request.Query.Where(q => q.Key is "rid" or "maxev" or "token")
            .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()))).ToString() : "";
        var target = api.TrimEnd('/') + (path.Length == 0 ? "" : "/" + string.Join('/', path)) + query;
        using var outgoing = new HttpRequestMessage(isPoll ? HttpMethod.Get : HttpMethod.Post, target);
        if (body is not null)
        {
            outgoing.Content = new ByteArrayContent(body);
            outgoing.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }
        try
        {
            using var response = await clients.CreateClient(nameof(JanusProxy)).SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
        }
    }

    /// <summary>A refusal with a short JSON body (a bare status on a GET would become the not-found page).</summary>
    internal static async Task RefuseAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new { error = status == StatusCodes.Status429TooManyRequests ? "Te veel pogingen." : "Geweigerd." });
    }

    /// <summary>The token is this holder's, for a running session they may see, and every room and feed named is that session's.</summary>
    private static async Task<bool> MayAsync(JanusRequest request, string holder, Func<long, Task<CoachingSession?>> sessionOf, CoachingVideo video)
    {
        if (string.IsNullOrEmpty(request.Token) || await video.TokenHolderAsync(request.Token) is not var (sessionId, tokenHolder) || tokenHolder != holder)
        {
            return false;
        }
        if (await sessionOf(sessionId) is not { IsRunning: true, VideoRoom: { } room } session || session.Id != sessionId)
        {
            return false;
        }
        if (request.Rooms.Any(r => r != room))
        {
            return false;
        }
        if (request.Feeds.Count == 0)
        {
            return true;
        }
        try
        {
            var publishers = await video.PublisherIdsAsync(room);
            return request.Feeds.All(publishers.Contains);
        }
        catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
