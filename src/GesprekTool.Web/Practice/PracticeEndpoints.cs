using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Calls;

namespace GesprekTool.Practice;

/// <summary>
/// Joining a practice conversation's video call: a plain form post from the live practice page, so
/// the call opens in its own tab (target=_blank) with the same join link and waiting room as a
/// family's. The antiforgery check is the framework's (UseAntiforgery) for form posts.
/// </summary>
public static class PracticeEndpoints
{
    public static string JoinCallUrl(long practiceId) => $"/oefenen/{practiceId}/meedoen";

    public static void MapPracticeEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/oefenen/{id:long}/meedoen", JoinCallAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Worker, Roles.Trainer));

    private static async Task<IResult> JoinCallAsync(long id, CurrentUser user, PracticeStore practices, CallStore calls, AuditLog audit)
    {
        var session = await practices.FindForAsync(user, id);
        if (session is null)
        {
            return Results.NotFound();
        }
        var role = session.RoleOf(user.Id);
        if (role is null or PracticeRole.Conductor || !session.IsRunning)
        {
            return DutchProblem.Page(StatusCodes.Status409Conflict, "Meedoen kan zodra het oefengesprek begonnen is.", PracticeSessionPage.Url(id));
        }
        var callId = await practices.ActiveCallIdAsync(session.ConversationId);
        if (callId is null)
        {
            return DutchProblem.Page(StatusCodes.Status409Conflict,
                "Het videogesprek is nog niet gestart. De gespreksvoerder start het vanuit het gesprek; probeer het daarna opnieuw.", PracticeSessionPage.Url(id));
        }
        var guestRole = role == PracticeRole.Parent ? GuestRoles.Household : GuestRoles.Observer;
        var token = JoinToken.Create();
        await calls.CreateLinkAsync(callId.Value, guestRole, JoinToken.HashOf(token), user, TimeSpan.FromHours(2));
        await audit.WriteAsync(user, "practice.call_joined", "practice", id, guestRole);
        return Results.Redirect(JoinLinks.RelativeJoinUrl(token) + "?taal=nl");
    }
}
