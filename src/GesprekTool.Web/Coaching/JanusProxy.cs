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

    public static void MapJanusEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var policy = new[] { Accounts.Roles.Worker, Accounts.Roles.Trainer };
        endpoints.MapMethods("/intervisie/janus/{**rest}", ["GET", "POST"], ForwardAsync)
            .RequireAuthorization(p => p.RequireRole(policy)).DisableAntiforgery();
        endpoints.MapPost("/intervisie/{id:long}/videotoken", TokenAsync)
            .RequireAuthorization(p => p.RequireRole(policy));
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
        var token = await video.ParticipantTokenAsync(id);
        return token is null
            ? DutchProblem.Result(StatusCodes.Status503ServiceUnavailable, "Video is nu niet beschikbaar. De stappen, peilingen en notities werken wel.")
            : Results.Json(new
            {
                token,
                room = session.VideoRoom,
                pin = VideoRoom.PinFor(session.VideoRoomSecret ?? ""),
                display = user.DisplayName,
                // The same coturn as family calls, with credentials that expire.
                ice = Calls.IceConfiguration.For(calls.CurrentValue, $"intervisie-{id}-{user.Id}", clock.GetUtcNow()),
            });
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
            request.Content = new StreamContent(context.Request.Body);
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
