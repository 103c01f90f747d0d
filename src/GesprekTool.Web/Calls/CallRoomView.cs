using GesprekTool.Accounts;
using GesprekTool.Live;

namespace GesprekTool.Calls;

/// <summary>What the worker's call page shows beside the video: who waits, who is in, and the links.</summary>
public sealed record CallRoomView(Call Call, IReadOnlyList<RoomMember> Waiting, IReadOnlyList<RoomMember> InCall, IReadOnlyList<CallLink> Links, DateTimeOffset Now);

/// <summary>
/// Loads a <see cref="CallRoomView"/> for a user who may see the conversation's running call (null
/// otherwise, or when the call has ended). The room is this instance's memory: nginx sends the page's
/// live connection here by the call's route key, as it does the call's signalling.
/// </summary>
public sealed class CallRoomViews(CallStore calls, CallRooms rooms, TimeProvider clock)
{
    public async Task<CallRoomView?> ForAsync(CurrentUser user, long conversationId)
    {
        var call = await calls.FindActiveAsync(user, conversationId);
        if (call is null)
        {
            return null;
        }
        var members = rooms.Members(call.Id);
        return new CallRoomView(call,
            members.Where(m => !m.Admitted).OrderBy(m => m.Participant.Id, StringComparer.Ordinal).ToList(),
            members.Where(m => m.Admitted).OrderBy(m => m.Participant.IsWorker ? 0 : 1).ThenBy(m => m.Participant.Name, StringComparer.Ordinal).ToList(),
            await calls.LinksAsync(call.Id),
            clock.GetUtcNow());
    }
}

/// <summary>
/// How a click on the call page's live part is carried out: the user is checked against the session
/// table, the call is loaded afresh for them (it may have ended, or they may have lost the household),
/// and only then does the action run. One per page (circuit), handed to the panels as a cascading value.
/// </summary>
public sealed class CallRoomCommands(LiveUser users, CallRoomViews views, long conversationId)
{
    public const string CallOver = "Het videogesprek is beëindigd.";

    /// <summary>What the person's last action did (or why it could not), until their next action.</summary>
    public string? Status { get; private set; }

    /// <summary>Set by the page: show the outcome and load the room again.</summary>
    public Func<Task>? Refresh { get; set; }

    /// <summary>Runs <paramref name="act"/> on a fresh copy of the call; act returns what to tell the person (null: nothing to say).</summary>
    public async Task RunAsync(Func<CallRoomView, CurrentUser, Task<string?>> act)
    {
        var user = await users.CheckAsync();
        var view = user is null ? null : await views.ForAsync(user, conversationId);
        Status = user is null ? SignedOutNotice.Text : view is null ? CallOver : await act(view, user);
        if (Refresh is { } refresh)
        {
            await refresh();
        }
    }
}
