namespace GesprekTool.Practice;

/// <summary>
/// A practice conversation (oefensessie): a real conversation on a practice household, a persona card
/// the "parent" plays at a level, and who conducts, plays and observes. Whoever planned it (a trainer,
/// or one of the workers themselves) follows it too.
/// </summary>
public sealed class PracticeSession
{
    public long Id { get; init; }
    public long ConversationId { get; init; }
    /// <summary>When its conversation was finished (by ending the practice, or earlier on the wrap-up page).</summary>
    public DateTimeOffset? ConversationFinishedAt { get; init; }
    public string PersonaKey { get; init; } = "";
    public string Level { get; init; } = "";
    public string RubricKey { get; init; } = "";
    public long PlannedBy { get; init; }
    public string PlannedByName { get; init; } = "";
    public long ConductorId { get; init; }
    public string ConductorName { get; init; } = "";
    public long ParentId { get; init; }
    public string ParentName { get; init; } = "";
    public long? ObserverId { get; init; }
    public string? ObserverName { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    public bool IsRunning => StartedAt is not null && EndedAt is null;
    public bool HasEnded => EndedAt is not null;

    public PracticeLevel PracticeLevel =>
        PracticeLevels.All.FirstOrDefault(l => l.Value.Code == Level, new(PracticeLevel.Beginner, default)).Key;

    /// <summary>What this user does in the session; null when they are not part of it.</summary>
    public PracticeRole? RoleOf(long userId) =>
        userId == ConductorId ? PracticeRole.Conductor
        : userId == ParentId ? PracticeRole.Parent
        : userId == ObserverId ? PracticeRole.Observer
        : userId == PlannedBy ? PracticeRole.Planner
        : null;

    /// <summary>The observer and a planner who does not play score the rubric; the two who play do not.</summary>
    public bool MayScore(long userId) => RoleOf(userId) is PracticeRole.Observer or PracticeRole.Planner;

    /// <summary>Seconds since the practice started, for stamping taps (0 before the start).</summary>
    public int ElapsedSecondsAt(DateTimeOffset moment) =>
        StartedAt is { } started ? (int)Math.Max(0, Math.Floor((moment - started).TotalSeconds)) : 0;
}

public enum PracticeRole
{
    /// <summary>Holds the conversation with the real conversation page and call page.</summary>
    Conductor,
    /// <summary>Plays the parent from the persona card.</summary>
    Parent,
    /// <summary>Scores the rubric live.</summary>
    Observer,
    /// <summary>Planned it without playing (usually the trainer); may score.</summary>
    Planner,
}

public static class PracticeRoles
{
    public static string Dutch(PracticeRole role) => role switch
    {
        PracticeRole.Conductor => "Gespreksvoerder",
        PracticeRole.Parent => "Speelt de ouder",
        PracticeRole.Observer => "Waarnemer",
        PracticeRole.Planner => "Trainer",
    };
}

/// <summary>One tap on a tally of the rubric: how far into the practice, and in which section of the script.</summary>
public sealed class PracticeTap
{
    public long Id { get; init; }
    public string TallyKey { get; init; } = "";
    public long TappedBy { get; init; }
    public int ElapsedSeconds { get; init; }
    public string? SectionKey { get; init; }
}

/// <summary>A participant's note for the debrief.</summary>
public sealed class PracticeNote
{
    public long AuthorId { get; init; }
    public string AuthorName { get; init; } = "";
    public string Text { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One global rating (1–5) by one rater.</summary>
public sealed class PracticeRating
{
    public long RatedBy { get; init; }
    public string GlobalKey { get; init; } = "";
    public int Score { get; init; }
}
