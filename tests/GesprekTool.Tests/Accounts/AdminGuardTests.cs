using GesprekTool.Accounts;

namespace GesprekTool.Tests.Accounts;

public sealed class AdminGuardTests
{
    [Fact]
    public void Nobody_removes_their_own_admin_role_even_when_there_are_other_admins() =>
        Assert.Contains("eigen beheerdersrol", AdminGuard.RefuseRoleChange(1, 1, true, [Roles.Worker], activeAdmins: 3));

    [Fact]
    public void The_last_admin_cannot_be_demoted_by_anyone() =>
        Assert.Contains("laatste beheerder", AdminGuard.RefuseRoleChange(2, 1, true, [Roles.Coordinator], activeAdmins: 1));

    [Fact]
    public void An_admin_among_several_can_be_demoted_by_another_admin() =>
        Assert.Null(AdminGuard.RefuseRoleChange(2, 1, true, [Roles.Worker], activeAdmins: 2));

    [Fact]
    public void Keeping_the_admin_role_or_changing_a_non_admin_is_always_allowed()
    {
        Assert.Null(AdminGuard.RefuseRoleChange(1, 1, true, [Roles.Admin, Roles.Worker], activeAdmins: 1));
        Assert.Null(AdminGuard.RefuseRoleChange(1, 5, false, [Roles.Worker], activeAdmins: 1));
    }

    [Fact]
    public void Nobody_deactivates_themselves_and_the_last_admin_stays_active()
    {
        Assert.Contains("eigen account", AdminGuard.RefuseDeactivation(1, 1, true, activeAdmins: 4));
        Assert.Contains("laatste beheerder", AdminGuard.RefuseDeactivation(2, 1, true, activeAdmins: 1));
        Assert.Null(AdminGuard.RefuseDeactivation(2, 1, true, activeAdmins: 2));
        Assert.Null(AdminGuard.RefuseDeactivation(2, 7, false, activeAdmins: 1));
    }
}
