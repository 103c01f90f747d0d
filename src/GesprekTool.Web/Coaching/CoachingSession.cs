namespace GesprekTool.Coaching;

/// <summary>A planned, running or finished peer-coaching session.</summary>
public sealed class CoachingSession
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string MethodKey { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public long TrainerId { get; init; }
    public string TrainerName { get; init; } = "";
    public string Status { get; init; } = CoachingStatuses.Planned;
    public int CurrentStep { get; init; }
    public DateTimeOffset? StepStartedAt { get; init; }
    public long? VideoRoom { get; init; }
    public string? VideoRoomSecret { get; init; }
    public string? StoredRouteKey { get; init; }
    /// <summary>What nginx hashes to keep every participant's hub connection on one instance.</summary>
    public string RouteKey => GesprekTool.Calls.RouteKeys.OrFallback(StoredRouteKey, "coaching", Id);
    public DateTimeOffset? OpenedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    public bool IsRunning => Status == CoachingStatuses.Running;
    public bool HasEnded => Status == CoachingStatuses.Ended;
}

public static class CoachingStatuses
{
    public const string Planned = "gepland";
    public const string Running = "bezig";
    public const string Ended = "afgelopen";

    public static readonly IReadOnlyDictionary<string, string> Dutch = new Dictionary<string, string>
    {
        [Planned] = "Gepland",
        [Running] = "Bezig",
        [Ended] = "Afgelopen",
    };
}

/// <summary>The roles in a session. The chair (and the trainer) moves the session on and reveals contributions.</summary>
public static class CoachingRoles
{
    public const string Participant = "deelnemer";
    public const string Chair = "voorzitter";
    public const string Timekeeper = "tijdbewaker";
    public const string NoteTaker = "notulist";
    public const string CaseBringer = "inbrenger";

    public static readonly IReadOnlyDictionary<string, string> Dutch = new Dictionary<string, string>
    {
        [Participant] = "Deelnemer",
        [Chair] = "Voorzitter",
        [Timekeeper] = "Tijdbewaker",
        [NoteTaker] = "Notulist",
        [CaseBringer] = "Inbrenger",
    };
}

public sealed class CoachingParticipant
{
    public long UserId { get; init; }
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = CoachingRoles.Participant;
    public DateTimeOffset? HandRaisedAt { get; init; }
}

public sealed class CoachingContribution
{
    public long Id { get; init; }
    public string StepKey { get; init; } = "";
    public string Kind { get; init; } = "";
    public long UserId { get; init; }
    public string DisplayName { get; init; } = "";
    public string Text { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevealedAt { get; init; }
    public DateTimeOffset? DoneAt { get; init; }
}

public sealed class CoachingPoll
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Question { get; init; } = "";
    public string Options { get; init; } = "";
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    public IReadOnlyList<string> OptionList => Options.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    public PollKind PollKind => PollTally.FromCode(Kind) ?? PollKind.Words;
}

/// <summary>An agreement made at the end of a session: an action point on the worker's start page.</summary>
public sealed class ActionPoint
{
    public long Id { get; init; }
    public long SessionId { get; init; }
    public string SessionTitle { get; init; } = "";
    public string Text { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}
