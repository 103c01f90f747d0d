using GesprekTool.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace GesprekTool.Live;

/// <summary>
/// Every 30 seconds a circuit's user is checked against the session table, so an open live page of
/// a session that ended elsewhere (sign-out on another tab, the admin, expiry) goes to the sign-in
/// page even when nobody clicks. Clicks themselves are checked at once by <see cref="LiveUser"/>.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true)
        {
            return true; // a guest's page: nothing to end
        }
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Sessions>().RecheckAsync(authenticationState.User) is not null;
    }
}
