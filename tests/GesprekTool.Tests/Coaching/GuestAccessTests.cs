using GesprekTool.Coaching;

namespace GesprekTool.Tests.Coaching;

public sealed class GuestAccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 13, 0, 0, TimeSpan.Zero);
    private static readonly CoachingSession Running = new() { Id = 1, Status = CoachingStatuses.Running, StartsAt = Now };
    private static readonly CoachingSession Ended = new() { Id = 1, Status = CoachingStatuses.Ended, StartsAt = Now };

    private static CoachingGuest Guest(string? device = "apparaat", bool knocked = false, bool admitted = false, bool refused = false, bool revoked = false) => new()
    {
        Id = 7, SessionId = 1, ExpiresAt = Now.AddHours(1), DeviceHash = device, Name = knocked ? "Marloes" : null,
        KnockedAt = knocked ? Now : null, AdmittedAt = admitted ? Now : null, RefusedAt = refused ? Now : null, RevokedAt = revoked ? Now : null,
    };

    [Fact]
    public void A_new_link_asks_for_a_name_then_waits_then_lets_in()
    {
        Assert.Equal(GuestStanding.NeedsName, GuestAccess.For(Guest(), Running, "apparaat", Now));
        Assert.Equal(GuestStanding.Waiting, GuestAccess.For(Guest(knocked: true), Running, "apparaat", Now));
        Assert.Equal(GuestStanding.Admitted, GuestAccess.For(Guest(knocked: true, admitted: true), Running, "apparaat", Now));
        Assert.Equal(GuestStanding.Refused, GuestAccess.For(Guest(knocked: true, refused: true), Running, "apparaat", Now));
    }

    [Fact]
    public void The_link_belongs_to_the_device_that_opened_it_first()
    {
        Assert.Equal(GuestStanding.OtherDevice, GuestAccess.For(Guest(knocked: true, admitted: true), Running, "ander-apparaat", Now));
    }

    [Fact]
    public void An_unknown_expired_or_withdrawn_link_is_unusable()
    {
        Assert.Equal(GuestStanding.Unusable, GuestAccess.For(null, Running, "apparaat", Now));
        Assert.Equal(GuestStanding.Unusable, GuestAccess.For(Guest(), Running, "apparaat", Now.AddHours(1)));
        Assert.Equal(GuestStanding.Unusable, GuestAccess.For(Guest(knocked: true, admitted: true, revoked: true), Running, "apparaat", Now));
        Assert.Equal(GuestStanding.Unusable, GuestAccess.For(Guest(), null, "apparaat", Now));
    }

    [Fact]
    public void After_the_session_only_an_admitted_guest_on_their_device_sees_that_it_ended()
    {
        Assert.Equal(GuestStanding.Ended, GuestAccess.For(Guest(knocked: true, admitted: true), Ended, "apparaat", Now));
        Assert.Equal(GuestStanding.Unusable, GuestAccess.For(Guest(knocked: true), Ended, "apparaat", Now));
        Assert.Equal(GuestStanding.OtherDevice, GuestAccess.For(Guest(knocked: true, admitted: true), Ended, "ander", Now));
    }

    [Fact]
    public void A_link_works_until_twelve_hours_after_the_start_or_after_it_was_made()
    {
        Assert.Equal(Now.AddHours(12), GuestAccess.ExpiryFor(Now, Now.AddHours(-3)));
        Assert.Equal(Now.AddHours(14), GuestAccess.ExpiryFor(Now, Now.AddHours(2)));
    }
}
