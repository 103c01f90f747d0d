using GesprekTool.Accounts;
using Microsoft.AspNetCore.Components.Authorization;

namespace GesprekTool.Live;

/// <summary>
/// The signed-in user of a live page's circuit, checked against the session table at every use:
/// a circuit lives for hours without a request, so a session ended elsewhere (sign-out, the admin,
/// a role change) must stop its clicks at once, not when the page is next loaded.
/// </summary>
public sealed class LiveUser(AuthenticationStateProvider authentication, Sessions sessions)
{
    /// <summary>The user as the session table says now, or null when the session no longer holds.</summary>
    public async Task<CurrentUser?> CheckAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (state.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var principal = await sessions.RecheckAsync(state.User);
        return principal is null || Sessions.StageOf(principal) != SessionStages.Full ? null : CurrentUser.From(principal);
    }
}
