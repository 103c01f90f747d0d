namespace GesprekTool.Coaching;

/// <summary>An external guest trainer invited by link to one coaching session.</summary>
public sealed class CoachingGuest
{
    public long Id { get; init; }
    public long SessionId { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public string? Name { get; init; }
    public string? DeviceHash { get; init; }
    public DateTimeOffset? KnockedAt { get; init; }
    public DateTimeOffset? AdmittedAt { get; init; }
    public DateTimeOffset? RefusedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>How the guest appears to the others: on video tiles and in the trainer's list.</summary>
    public string DisplayName => $"{Name} (gast)";
}

/// <summary>Where a guest who opens their link stands.</summary>
public enum GuestStanding
{
    /// <summary>Unknown, expired or withdrawn link, or the session has ended.</summary>
    Unusable,
    /// <summary>The link was first opened on another device.</summary>
    OtherDevice,
    NeedsName,
    Waiting,
    Refused,
    Admitted,
    /// <summary>Admitted on this device, and the session is over: the page says so and closes the video.</summary>
    Ended,
}

/// <summary>The rule for a guest's link, in one place, without web types.</summary>
public static class GuestAccess
{
    /// <summary>How long a link works after the session's start (or after it was made, if later).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static DateTimeOffset ExpiryFor(DateTimeOffset sessionStartsAt, DateTimeOffset now) =>
        (sessionStartsAt > now ? sessionStartsAt : now) + Lifetime;

    public static GuestStanding For(CoachingGuest? guest, CoachingSession? session, string deviceHash, DateTimeOffset now)
    {
        if (guest is null || session is null || guest.RevokedAt is not null || now >= guest.ExpiresAt)
        {
            return GuestStanding.Unusable;
        }
        if (guest.DeviceHash is not null && guest.DeviceHash != deviceHash)
        {
            return GuestStanding.OtherDevice;
        }
        if (session.HasEnded)
        {
            return guest.AdmittedAt is not null && guest.DeviceHash is not null ? GuestStanding.Ended : GuestStanding.Unusable;
        }
        return guest.RefusedAt is not null ? GuestStanding.Refused
            : guest.AdmittedAt is not null ? GuestStanding.Admitted
            : guest.KnockedAt is not null ? GuestStanding.Waiting
            : GuestStanding.NeedsName;
    }

    /// <summary>What the trainer's list says about a guest.</summary>
    public static string Dutch(CoachingGuest guest) =>
        guest.RevokedAt is not null ? "link ingetrokken"
        : guest.RefusedAt is not null ? "niet binnengelaten"
        : guest.AdmittedAt is not null ? "doet mee"
        : guest.KnockedAt is not null ? "wacht op u"
        : "link nog niet geopend";
}
