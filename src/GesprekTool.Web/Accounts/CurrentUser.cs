using System.Security.Claims;

namespace GesprekTool.Accounts;

/// <summary>
/// The signed-in user as the server sees it: the principal the session check rebuilt from the
/// database (Accounts/Sessions.cs). A scoped service, so pages and endpoints inject it and it is
/// read once per request; the hub reads it from its connection's principal.
/// </summary>
public sealed record CurrentUser(long Id, string UserName, string DisplayName, IReadOnlySet<string> Roles)
{
    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>Coordinators and admins see every household; a worker only their own caseload.</summary>
    public bool SeesAllHouseholds => IsIn(Accounts.Roles.Coordinator) || IsIn(Accounts.Roles.Admin);

    public static CurrentUser From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("No signed-in user on this request.");
        return new CurrentUser(
            long.Parse(id, System.Globalization.CultureInfo.InvariantCulture),
            principal.FindFirstValue(ClaimTypes.Name) ?? "",
            principal.FindFirstValue(ClaimTypes.GivenName) ?? "",
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet());
    }

    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, UserName),
            new Claim(ClaimTypes.GivenName, DisplayName),
            .. Roles.Select(role => new Claim(ClaimTypes.Role, role)),
        ], scheme));
}
