namespace GesprekTool.Accounts;

/// <summary>The roles of design.md §1. A user can hold several.</summary>
public static class Roles
{
    public const string Worker = "worker";
    public const string Coordinator = "coordinator";
    public const string Trainer = "trainer";
    public const string Admin = "admin";

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
