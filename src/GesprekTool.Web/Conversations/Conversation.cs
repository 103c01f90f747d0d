namespace GesprekTool.Conversations;

public sealed class Conversation
{
    public long Id { get; init; }
    public long HouseholdId { get; init; }
    public string HouseholdName { get; init; } = "";
    public string HomeLanguage { get; init; } = "nl";

    /// <summary>The household's number (E.164), for the "Bellen" button; null when none is known.</summary>
    public string? HouseholdPhoneNumber { get; init; }
    public long WorkerId { get; init; }
    public string WorkerName { get; init; } = "";
    public string QuestionnaireId { get; init; } = "";
    public int QuestionnaireVersion { get; init; }
    public string Mode { get; init; } = "";
    public DateOnly HeldOn { get; init; }
    public bool ConfidentialityStated { get; init; }
    public string Status { get; init; } = ConversationStatus.Open;
    public bool? CallbackWanted { get; init; }
    public DateOnly? CallbackOn { get; init; }
    public string? CallbackNote { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    public bool IsFinished => Status == ConversationStatus.Finished;
}

public static class ConversationStatus
{
    public const string Open = "open";
    public const string Finished = "afgerond";

    public static readonly IReadOnlyDictionary<string, string> Dutch = new Dictionary<string, string>
    {
        [Open] = "Open",
        [Finished] = "Afgerond",
    };
}

public static class ConversationModes
{
    public static readonly IReadOnlyDictionary<string, string> Dutch = new Dictionary<string, string>
    {
        ["video"] = "Beeldbellen",
        ["telefoon"] = "Telefoon",
        ["persoonlijk"] = "Persoonlijk gesprek",
    };
}

/// <summary>The current (latest) answer to one question.</summary>
public sealed class StoredAnswer
{
    public string QuestionKey { get; init; } = "";
    public int QuestionnaireVersion { get; init; }
    public string? Value { get; init; }
    public int Revision { get; init; }
    public string AnsweredByName { get; init; } = "";
    public DateTimeOffset AnsweredAt { get; init; }
    public long ClientStamp { get; init; }
}

public sealed class FollowUpAction
{
    public long Id { get; init; }
    public long ConversationId { get; init; }
    public string Kind { get; init; } = "";
    public string? Note { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
}

public static class FollowUpKinds
{
    public static readonly IReadOnlyDictionary<string, string> Dutch = new Dictionary<string, string>
    {
        ["laptop"] = "Laptop of computer",
        ["huiswerkmaatje"] = "Huiswerkmaatje",
        ["voedselbank"] = "Voedselbank",
        ["anders"] = "Anders",
    };
}

public static class FollowUpStatuses
{
    public const string Open = "open";
    public const string InProgress = "bezig";
    public const string Done = "gedaan";

    public static readonly IReadOnlyDictionary<string, string> Dutch = new Dictionary<string, string>
    {
        [Open] = "Open",
        [InProgress] = "In behandeling",
        [Done] = "Gedaan",
    };
}
