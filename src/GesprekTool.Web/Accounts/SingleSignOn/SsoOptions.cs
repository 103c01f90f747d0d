namespace GesprekTool.Accounts.SingleSignOn;

/// <summary>
/// Single sign-on through the organisation's OpenID Connect provider ("Accounts:Sso"; the client
/// secret from configuration or a secret store, never the repository). Off unless Enabled.
/// </summary>
public sealed class SsoOptions
{
    public bool Enabled { get; set; }

    /// <summary>The IdP's issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0 or https://keycloak.example.nl/realms/zorg.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for besides openid (profile and email by default).</summary>
    public string[] Scopes { get; set; } = ["profile", "email"];

    /// <summary>The sign-in button's words.</summary>
    public string ButtonText { get; set; } = "Aanmelden via uw organisatie";

    /// <summary>The claim that carries roles or groups ("roles" in Entra ID app roles, "groups" in Keycloak).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Claim value → the app's role, e.g. "GesprekTool.Gezinswerker" → "worker".</summary>
    public Dictionary<string, string> RoleMapping { get; set; } = [];

    /// <summary>Roles follow the IdP at every sign-in (and a person without a mapped role gets no access).</summary>
    public bool RolesFromIdp { get; set; }

    /// <summary>Claim values whose holders get an account at their first sign-in (only with RolesFromIdp).</summary>
    public string[] ProvisionFor { get; set; } = [];

    /// <summary>Roles that may no longer sign in with a password while SSO is on (admins keep theirs: break glass).</summary>
    public string[] LocalPasswordsOffFor { get; set; } = [];

    /// <summary>"amr" values that mean the IdP did multi-factor sign-in (RFC 8176).</summary>
    public string[] MultiFactorAmr { get; set; } = ["mfa", "hwk", "swk", "otp", "fido"];

    /// <summary>"acr" values that mean the same (e.g. an assurance level of the IdP's own).</summary>
    public string[] MultiFactorAcr { get; set; } = [];

    public bool IsConfigured => Enabled && !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
