namespace GesprekTool.Accounts;

/// <summary>The roles (docs/architecture.md, "Who uses it"). A user can hold several.</summary>
public static class Roles
{
    public const string Worker = "worker";
    public const string Coordinator = "coordinator";
    public const string Trainer = "trainer";
    public const string Admin = "admin";

    /// <summary>
    /// Who works with family data at all: workers (their caseload), coordinators and admins (all).
    /// Trainers see no households. The caseload check in each store narrows this further.
    /// </summary>
    public const string WithHouseholds = Worker + "," + Coordinator + "," + Admin;

    /// <summary>The same roles as a list, for policies and checks written in code.</summary>
    public static readonly string[] WithHouseholdsList = WithHouseholds.Split(',');

    public static readonly IReadOnlyList<string> All = [Worker, Coordinator, Trainer, Admin];

    public static string Dutch(string role) => role switch
    {
        Worker => "Gezinswerker",
        Coordinator => "Coördinator",
        Trainer => "Trainer",
        Admin => "Beheerder",
        _ => role,
    };
}
