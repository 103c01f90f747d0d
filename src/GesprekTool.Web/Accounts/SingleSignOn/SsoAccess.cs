namespace GesprekTool.Accounts.SingleSignOn;

/// <summary>What the IdP said about the person who signed in: the claims the app looks at.</summary>
public sealed record SsoPerson(string Issuer, string Subject, string? Email, bool EmailVerified, string? Name,
    IReadOnlyList<string> Groups, IReadOnlyList<string> Amr, string? Acr, string? Sid = null);

/// <summary>The app's user this person is linked to, with their roles now.</summary>
public sealed record LinkedUser(long UserId, bool IsActive, IReadOnlySet<string> Roles);

public enum SsoDecision
{
    /// <summary>Signed in as the linked user (roles possibly updated from the IdP).</summary>
    SignIn,
    /// <summary>Nobody in the app is linked to this person, and provisioning does not cover them.</summary>
    Unknown,
    /// <summary>A new account for a member of a provisioning group.</summary>
    Provision,
    /// <summary>Linked, but the IdP gives them no role the app knows (removed from the groups), or the account is off.</summary>
    NoAccess,
}

/// <summary>
/// The rules for a sign-in through the IdP, without any web types: who it is, which roles they get,
/// and whether the IdP's own multi-factor sign-in counts as the second factor.
/// </summary>
public static class SsoAccess
{
    public static (SsoDecision Decision, IReadOnlySet<string> Roles) Decide(SsoPerson person, LinkedUser? linked, SsoOptions options)
    {
        var fromIdp = RolesFrom(person, options);
        if (linked is null)
        {
            return options.RolesFromIdp && fromIdp.Count > 0 && person.Groups.Any(options.ProvisionFor.Contains)
                ? (SsoDecision.Provision, fromIdp)
                : (SsoDecision.Unknown, EmptyRoles);
        }
        if (!linked.IsActive)
        {
            return (SsoDecision.NoAccess, EmptyRoles);
        }
        var roles = options.RolesFromIdp ? fromIdp : linked.Roles;
        return roles.Count == 0 ? (SsoDecision.NoAccess, EmptyRoles) : (SsoDecision.SignIn, roles);
    }

    /// <summary>The app's roles that the person's groups map to; unknown groups are ignored.</summary>
    public static IReadOnlySet<string> RolesFrom(SsoPerson person, SsoOptions options) =>
        person.Groups.Select(g => options.RoleMapping.GetValueOrDefault(g)).OfType<string>()
            .Where(Accounts.Roles.All.Contains).ToHashSet();

    /// <summary>The IdP says it asked for more than a password (amr or acr), so the app does not ask again.</summary>
    public static bool IdpDidMultiFactor(SsoPerson person, SsoOptions options) =>
        person.Amr.Any(options.MultiFactorAmr.Contains) || (person.Acr is { } acr && options.MultiFactorAcr.Contains(acr));

    /// <summary>Whether this user may still sign in with a password while SSO is on.</summary>
    public static bool MayUsePassword(IReadOnlySet<string> roles, SsoOptions options) =>
        !options.IsConfigured || roles.Contains(Accounts.Roles.Admin) || roles.Any(role => !options.LocalPasswordsOffFor.Contains(role));

    private static readonly IReadOnlySet<string> EmptyRoles = new HashSet<string>();
}
