using GesprekTool.Accounts;
using GesprekTool.Accounts.SingleSignOn;

namespace GesprekTool.Tests.Accounts;

public sealed class SsoAccessTests
{
    private static readonly SsoOptions Options = new()
    {
        Enabled = true, Authority = "https://idp.test", ClientId = "gesprektool",
        RoleMapping = new() { ["gt-workers"] = Roles.Worker, ["gt-coordinators"] = Roles.Coordinator, ["gt-bogus"] = "superuser" },
        ProvisionFor = ["gt-workers"],
        LocalPasswordsOffFor = [Roles.Worker, Roles.Coordinator],
    };

    private static SsoPerson Person(string[] groups, string[]? amr = null, string? acr = null) =>
        new("https://idp.test", "sub-1", "a@org.test", true, "A", groups, amr ?? ["pwd"], acr);

    private static readonly LinkedUser Worker = new(7, true, new HashSet<string> { Roles.Worker });

    [Fact]
    public void A_linked_person_keeps_the_apps_roles_unless_roles_follow_the_IdP() =>
        Assert.Equal((SsoDecision.SignIn, Roles.Worker), Flatten(SsoAccess.Decide(Person(["gt-coordinators"]), Worker, Options)));

    [Fact]
    public void With_roles_from_the_IdP_the_groups_decide_and_unknown_values_are_ignored()
    {
        var options = With(o => o.RolesFromIdp = true);
        Assert.Equal((SsoDecision.SignIn, Roles.Coordinator), Flatten(SsoAccess.Decide(Person(["gt-coordinators", "gt-bogus", "sales"]), Worker, options)));
        Assert.Equal((SsoDecision.NoAccess, ""), Flatten(SsoAccess.Decide(Person(["sales"]), Worker, options)));
    }

    [Fact]
    public void Someone_unknown_gets_in_only_through_a_provisioning_group_with_roles_from_the_IdP()
    {
        Assert.Equal(SsoDecision.Unknown, SsoAccess.Decide(Person(["gt-workers"]), null, Options).Decision);
        var provisioning = With(o => o.RolesFromIdp = true);
        Assert.Equal((SsoDecision.Provision, Roles.Worker), Flatten(SsoAccess.Decide(Person(["gt-workers"]), null, provisioning)));
        Assert.Equal(SsoDecision.Unknown, SsoAccess.Decide(Person(["gt-coordinators"]), null, provisioning).Decision);
    }

    [Fact]
    public void A_switched_off_account_stays_off_whatever_the_IdP_says() =>
        Assert.Equal(SsoDecision.NoAccess, SsoAccess.Decide(Person(["gt-workers"]), Worker with { IsActive = false }, With(o => o.RolesFromIdp = true)).Decision);

    [Theory]
    [InlineData(new[] { "pwd" }, null, false)]
    [InlineData(new[] { "pwd", "mfa" }, null, true)]
    [InlineData(new[] { "hwk" }, null, true)]
    [InlineData(new[] { "pwd" }, "urn:zorg:loa3", true)]
    [InlineData(new string[0], "urn:zorg:loa1", false)]
    public void The_IdPs_multi_factor_counts_by_amr_or_an_accepted_acr(string[] amr, string? acr, bool counts) =>
        Assert.Equal(counts, SsoAccess.IdpDidMultiFactor(Person([], amr, acr), With(o => o.MultiFactorAcr = ["urn:zorg:loa3"])));

    [Fact]
    public void Passwords_go_off_for_the_named_roles_and_admins_keep_theirs()
    {
        Assert.False(SsoAccess.MayUsePassword(new HashSet<string> { Roles.Worker }, Options));
        Assert.False(SsoAccess.MayUsePassword(new HashSet<string> { Roles.Worker, Roles.Coordinator }, Options));
        Assert.True(SsoAccess.MayUsePassword(new HashSet<string> { Roles.Trainer }, Options));
        Assert.True(SsoAccess.MayUsePassword(new HashSet<string> { Roles.Admin, Roles.Worker }, Options));
        Assert.True(SsoAccess.MayUsePassword(new HashSet<string> { Roles.Worker }, With(o => o.Enabled = false)));
    }

    private static (SsoDecision, string) Flatten((SsoDecision Decision, IReadOnlySet<string> Roles) result) =>
        (result.Decision, string.Join(',', result.Roles.Order()));

    private static SsoOptions With(Action<SsoOptions> change)
    {
        var options = new SsoOptions
        {
            Enabled = Options.Enabled, Authority = Options.Authority, ClientId = Options.ClientId, RoleMapping = Options.RoleMapping,
            ProvisionFor = Options.ProvisionFor, LocalPasswordsOffFor = Options.LocalPasswordsOffFor,
        };
        change(options);
        return options;
    }
}
