namespace GesprekTool.Households;

/// <summary>A household in a caseload, as listed and edited by workers.</summary>
public sealed class Household
{
    public long Id { get; init; }
    public string DisplayName { get; init; } = "";
    public string ContactChannel { get; init; } = "";
    public string? ContactDetail { get; init; }

    /// <summary>International form (+31612345678), or null; see <see cref="PhoneCalls.PhoneNumber"/>.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>For invitations by e-mail; optional.</summary>
    public string? Email { get; init; }
    public string HomeLanguage { get; init; } = "nl";
    public string Status { get; init; } = HouseholdStatus.Known;
    public long AssignedWorkerId { get; init; }
    public string AssignedWorkerName { get; init; } = "";
    public string? Notes { get; init; }
    public DateOnly? LastConversationOn { get; init; }
    public DateOnly? CallbackDueOn { get; init; }
}

public static class HouseholdStatus
{
    public const string Known = "bekend";
    public const string WaitingList = "wachtlijst";

    public static readonly IReadOnlyDictionary<string, string> Dutch = new Dictionary<string, string>
    {
        [Known] = "Bekend gezin",
        [WaitingList] = "Wachtlijst",
    };
}

public static class ContactChannels
{
    public static readonly IReadOnlyDictionary<string, string> Dutch = new Dictionary<string, string>
    {
        ["telefoon"] = "Telefoon",
        ["sms"] = "SMS",
        ["whatsapp"] = "WhatsApp",
        ["email"] = "E-mail",
    };
}

/// <summary>Home languages offered in the caseload; the household pages use the same codes.</summary>
public static class HomeLanguages
{
    public static readonly IReadOnlyDictionary<string, string> Dutch = new Dictionary<string, string>
    {
        ["nl"] = "Nederlands",
        ["en"] = "Engels",
        ["ar"] = "Arabisch",
        ["tr"] = "Turks",
        ["pl"] = "Pools",
        ["ti"] = "Tigrinya",
        ["uk"] = "Oekraïens",
        ["so"] = "Somalisch",
        ["zgh"] = "Tamazight",
        ["anders"] = "Andere taal",
    };
}
