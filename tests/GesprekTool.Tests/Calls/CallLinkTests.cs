using GesprekTool.Calls;

namespace GesprekTool.Tests.Calls;

public sealed class CallLinkTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static CallLink Link(DateTimeOffset? revoked = null, DateTimeOffset? declined = null, DateTimeOffset? callEnded = null) => new()
    {
        Id = 1, CallId = 1, CreatedAt = Created, ExpiresAt = Created.AddHours(24),
        RevokedAt = revoked, DeclinedAt = declined, CallEndedAt = callEnded,
    };

    [Fact]
    public void A_fresh_link_works_until_just_before_it_expires()
    {
        Assert.Equal(LinkState.Usable, Link().StateAt(Created));
        Assert.Equal(LinkState.Usable, Link().StateAt(Created.AddHours(24).AddTicks(-1)));
    }

    [Fact]
    public void A_link_stops_working_at_its_expiry()
    {
        Assert.Equal(LinkState.Expired, Link().StateAt(Created.AddHours(24)));
        Assert.Equal(LinkState.Expired, Link().StateAt(Created.AddDays(3)));
    }

    [Fact]
    public void A_link_stops_working_when_the_call_ends_even_before_it_expires() =>
        Assert.Equal(LinkState.CallEnded, Link(callEnded: Created.AddMinutes(30)).StateAt(Created.AddHours(1)));

    [Fact]
    public void A_revoked_link_stops_working_at_once() =>
        Assert.Equal(LinkState.Revoked, Link(revoked: Created.AddMinutes(1)).StateAt(Created.AddMinutes(2)));

    [Fact]
    public void A_declined_guest_cannot_come_back_with_the_same_link() =>
        Assert.Equal(LinkState.Declined, Link(declined: Created.AddMinutes(1)).StateAt(Created.AddMinutes(2)));
}
