using GesprekTool.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace GesprekTool.Coaching;

/// <summary>What the server tells a session's open pages.</summary>
public interface ICoachingClient
{
    /// <summary>Something in the session changed: fetch the page again (it shows only what this user may see).</summary>
    Task Changed();
}

/// <summary>
/// Tells every open page of a session that it changed. It carries no content: each page fetches
/// itself again, so what a participant sees is always decided by the page's server-side checks.
/// </summary>
[Authorize]
public sealed class CoachingHub(CoachingStore sessions) : Hub<ICoachingClient>
{
    public const string Path = "/hubs/intervisie";

    public static string GroupOf(long sessionId) => $"coaching-{sessionId}";

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        if (http is null || Sessions.StageOf(http.User) != SessionStages.Full
            || !long.TryParse(http.Request.Query["sessie"], out var sessionId)
            || await sessions.FindForAsync(CurrentUser.From(http.User), sessionId) is null)
        {
            Context.Abort();
            return;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(sessionId));
    }
}

public sealed class CoachingNotifier(IHubContext<CoachingHub, ICoachingClient> hub)
{
    public Task ChangedAsync(long sessionId) => hub.Clients.Group(GroupOf(sessionId)).Changed();

    private static string GroupOf(long sessionId) => CoachingHub.GroupOf(sessionId);
}
