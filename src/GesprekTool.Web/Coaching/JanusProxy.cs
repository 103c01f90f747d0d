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
        endpoints.MapMethods("/intervisie/janus/{**rest}", ["GET", "POST"], ForwardAsync)
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
        CoachingGuestStore guests, CoachingStore sessions, CoachingVideo video, IOptionsMonitor<Calls.CallOptions> calls, TimeProvider clock)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return DutchProblem.Result(StatusCodes.Status400BadRequest, "Uw sessie is verlopen. Laad de pagina opnieuw.", "session_expired");
        }
        var admitted = await AdmittedGuestAsync(token, context, guests, sessions, clock);
        return admitted is not var (guest, session)
            ? DutchProblem.Result(StatusCodes.Status404NotFound, "Deze sessie heeft nu geen video.")
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

    /// <summary>The guest and their session, if the link is admitted on this device and the session runs with video.</summary>
    private static async Task<(CoachingGuest Guest, CoachingSession Session)?> AdmittedGuestAsync(string token, HttpContext context,
        CoachingGuestStore guests, CoachingStore sessions, TimeProvider clock)
    {
        var guest = await guests.FindByTokenAsync(token);
        var session = guest is null ? null : await sessions.FindAsync(guest.SessionId);
        return GuestAccess.For(guest, session, GuestDevice.HashOf(context), clock.GetUtcNow()) == GuestStanding.Admitted
            && session!.IsRunning && session.VideoRoom is not null
            ? (guest!, session) : null;
    }

    private static async Task GuestForwardAsync(string token, string? rest, HttpContext context, CoachingGuestStore guests, CoachingStore sessions,
        TimeProvider clock, IOptionsMonitor<JanusOptions> options, IHttpClientFactory clients)
    {
        if (await AdmittedGuestAsync(token, context, guests, sessions, clock) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await ForwardAsync(rest, context, options, clients);
    }

    /// <summary>Janus requests are small (an SDP is a few KB); anything over 64 KB is refused.</summary>
    private static async Task<byte[]?> ReadSmallBodyAsync(HttpRequest request)
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
    /// Sessions are never recorded: a plugin message that mentions recording (record, a file name
    /// or a folder for recordings) does not reach Janus, whatever Janus would make of it.
    /// </summary>
    internal static bool AsksForRecording(byte[] body)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body)?["body"] is System.Text.Json.Nodes.JsonObject message
                && message.Any(field => field.Key is "record" or "filename" or "rec_dir" or "recording" or "enable_recording"
                    || (field.Key == "request" && field.Value?.ToString() is "enable_recording" or "rtp_forward"));
        }
        catch (System.Text.Json.JsonException)
        {
            return true; // not JSON: Janus would refuse it anyway
        }
    }

    private static async Task ForwardAsync(string? rest, HttpContext context, IOptionsMonitor<JanusOptions> options, IHttpClientFactory clients)
    {
        var api = options.CurrentValue.ApiUrl;
        if (string.IsNullOrWhiteSpace(api) || (rest ?? "").Split('/').Any(part => part.Length > 0 && !part.All(char.IsAsciiDigit)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var target = api.TrimEnd('/') + (string.IsNullOrEmpty(rest) ? "" : "/" + rest) + context.Request.QueryString;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var body = await ReadSmallBodyAsync(context.Request);
            if (body is null || AsksForRecording(body))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }
        try
        {
            using var response = await clients.CreateClient(nameof(JanusProxy)).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
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
}
