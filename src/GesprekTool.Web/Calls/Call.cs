namespace GesprekTool.Calls;

public sealed class Call
{
    public long Id { get; init; }
    public long ConversationId { get; init; }
    public long HouseholdId { get; init; }
    public string HomeLanguage { get; init; } = "nl";
    public long StartedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? StoredRouteKey { get; init; }

    public bool HasEnded => EndedAt is not null;
    public string RouteKey => RouteKeys.OrFallback(StoredRouteKey, "call", Id);
}

public sealed class CallLink
{
    public long Id { get; init; }
    public long CallId { get; init; }
    public string Role { get; init; } = GuestRoles.Household;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public DateTimeOffset? AdmittedAt { get; init; }
    public string? AdmittedDevice { get; init; }
    public DateTimeOffset? DeclinedAt { get; init; }
    public DateTimeOffset? CallEndedAt { get; init; }
    public string HomeLanguage { get; init; } = "nl";
    public string? CallStoredRouteKey { get; init; }
    public string CallRouteKey => RouteKeys.OrFallback(CallStoredRouteKey, "call", CallId);

    /// <summary>Whether the link still lets its guest in (or back into) the call.</summary>
    public LinkState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? LinkState.Revoked
        : CallEndedAt is not null ? LinkState.CallEnded
        : DeclinedAt is not null ? LinkState.Declined
        : now >= ExpiresAt ? LinkState.Expired
        : LinkState.Usable;
}

public enum LinkState { Usable, Expired, Revoked, Declined, CallEnded }

public static class GuestRoles
{
    public const string Household = "huishouden";
    public const string Interpreter = "tolk";
    /// <summary>A colleague watching a practice conversation; only a practice session makes these links.</summary>
    public const string Observer = "waarnemer";

    /// <summary>The roles a worker may make a link for on the call page (never an observer of a family).</summary>
    public static bool IsKnown(string role) => role is Household or Interpreter;

    public static string Dutch(string role) => role switch
    {
        Interpreter => "Tolk",
        Observer => "Waarnemer",
        _ => "Gezin",
    };
}
