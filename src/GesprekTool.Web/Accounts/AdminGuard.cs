namespace GesprekTool.Accounts;

/// <summary>
/// Rules that keep an organisation from locking itself out: the last active admin stays an admin
/// and active, and nobody takes away their own admin role or account (another admin must).
/// Plain C#, so the rules are tested directly.
/// </summary>
public static class AdminGuard
{
    public static string? RefuseRoleChange(long actingUserId, long targetUserId, bool targetIsActiveAdmin,
        IReadOnlyCollection<string> newRoles, int activeAdmins)
    {
        if (!targetIsActiveAdmin || newRoles.Contains(Roles.Admin))
        {
            return null;
        }
        if (actingUserId == targetUserId)
        {
            return "U kunt uw eigen beheerdersrol niet weghalen. Vraag een andere beheerder.";
        }
        return activeAdmins <= 1 ? "Dit is de laatste beheerder. Maak eerst iemand anders beheerder." : null;
    }

    public static string? RefuseDeactivation(long actingUserId, long targetUserId, bool targetIsActiveAdmin, int activeAdmins)
    {
        if (actingUserId == targetUserId)
        {
            return "U kunt uw eigen account niet uitzetten. Vraag een andere beheerder.";
        }
        return targetIsActiveAdmin && activeAdmins <= 1 ? "Dit is de laatste beheerder. Maak eerst iemand anders beheerder." : null;
    }
}
