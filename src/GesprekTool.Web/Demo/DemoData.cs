using GesprekTool.Accounts;
using GesprekTool.Households;
using GesprekTool.Schools;

namespace GesprekTool.Demo;

/// <summary>
/// Fictional users, schools and households for trying the app. Created only when
/// <c>Demo:Enabled</c> is true (the README's run command sets it) and only into an empty database.
/// Every page shows a banner while demo mode is on.
/// </summary>
public sealed class DemoData(UserStore users, HouseholdStore households, SchoolStore schools, ILogger<DemoData> logger)
{
    public const string Password = "demo-wachtwoord";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string[] Roles)> Users =
    [
        ("gezinswerker", "Sanne de Vries (demo)", [Roles.Worker]),
        ("gezinswerker2", "Youssef Amrani (demo)", [Roles.Worker]),
        ("coordinator", "Nicole Jansen (demo)", [Roles.Coordinator, Roles.Worker]),
        ("trainer", "Ido Bakker (demo)", [Roles.Trainer]),
        ("beheerder", "Beheer (demo)", [Roles.Admin]),
    ];

    public async Task SeedIfEmptyAsync()
    {
        if (await users.AnyAsync())
        {
            return;
        }
        logger.LogWarning("Demo mode: creating fictional demo users and households (password '{Password}')", Password);
        var hash = SignInService.Hash(Password);
        var ids = new Dictionary<string, long>();
        foreach (var (userName, displayName, roles) in Users)
        {
            ids[userName] = await users.CreateAsync(userName, displayName, hash, roles);
        }
        foreach (var school in new[] { "De Regenboog (demo)", "Het Kompas (demo)", "De Vlinder (demo)", "Sint Jozefschool (demo)" })
        {
            await schools.AddAsync(school);
        }
        HouseholdInput Household(string name, string channel, string language, string status, string worker) =>
            new(name, channel, null, language, status, ids[worker], "Fictief demogezin.");
        await households.CreateAsync(Household("Gezin A. (demo)", "whatsapp", "ar", HouseholdStatus.Known, "gezinswerker"));
        await households.CreateAsync(Household("Gezin B. (demo)", "telefoon", "nl", HouseholdStatus.Known, "gezinswerker"));
        await households.CreateAsync(Household("Gezin C. (demo)", "sms", "tr", HouseholdStatus.WaitingList, "gezinswerker"));
        await households.CreateAsync(Household("Gezin D. (demo)", "email", "pl", HouseholdStatus.Known, "gezinswerker2"));
        await households.CreateAsync(Household("Gezin E. (demo)", "whatsapp", "ti", HouseholdStatus.WaitingList, "gezinswerker2"));
    }
}
