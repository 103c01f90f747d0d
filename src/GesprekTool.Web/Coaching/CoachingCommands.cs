using GesprekTool.Accounts;
using GesprekTool.Live;

namespace GesprekTool.Coaching;

/// <summary>
/// How a click on a live coaching page is carried out: the user is checked against the session table
/// (their session may have ended since the page opened), the session is loaded afresh for them, the
/// component's own rule decides whether they may, and after the change every page that shows the
/// session is told. One per page (circuit), handed to the panels as a cascading value.
/// </summary>
public sealed class CoachingCommands(LiveUser users, CoachingViews views, LiveChanges changes, long sessionId)
{
    public const string Refused = "Dat kan nu niet (meer): de pagina laat zien wat nu geldt.";
    public const string SignedOut = SignedOutNotice.Text;

    /// <summary>What the person's last action did, shown at the top of the live part until their next action.</summary>
    public string? Status { get; private set; }

    /// <summary>Set by the page: re-render now (a refusal changes nothing in the database, so nobody else is told).</summary>
    public Func<Task>? ShowStatus { get; set; }

    /// <summary>
    /// Runs <paramref name="act"/> when <paramref name="may"/> allows it on a fresh copy of the session;
    /// act returns what to tell the person, or null when it refused for a reason it shows itself.
    /// </summary>
    public async Task<bool> RunAsync(Func<CoachingView, bool> may, Func<CoachingView, CurrentUser, Task<string?>> act)
    {
        var user = await users.CheckAsync();
        var view = user is null ? null : await views.ForAsync(user, sessionId);
        if (user is null || view is null || !may(view))
        {
            await TellAsync(user is null ? SignedOut : Refused);
            return false;
        }
        var done = await act(view, user);
        if (done is null)
        {
            return false;
        }
        Status = done;
        await changes.PublishAsync(LiveChanges.Coaching(sessionId));
        return true;
    }

    private async Task TellAsync(string message)
    {
        Status = message;
        if (ShowStatus is { } show)
        {
            await show();
        }
    }
}
