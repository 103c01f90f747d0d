using GesprekTool.PhoneCalls;
using static GesprekTool.PhoneCalls.PhoneCallOutcome;

namespace GesprekTool.Tests.PhoneCalls;

public sealed class PhoneCallOutcomeTests
{
    [Theory]
    [InlineData(true, 200, EndedBy.Worker, HungUp)]
    [InlineData(true, 200, EndedBy.Household, HouseholdHungUp)]
    [InlineData(true, null, EndedBy.Network, NetworkTrouble)]
    [InlineData(false, 486, EndedBy.Household, Busy)]
    [InlineData(false, 600, EndedBy.Household, Busy)]
    [InlineData(false, 603, EndedBy.Household, Declined)]
    [InlineData(false, 480, EndedBy.Household, NoAnswer)]
    [InlineData(false, 487, EndedBy.RingTimeout, NoAnswer)]
    [InlineData(false, 487, EndedBy.Worker, Cancelled)]
    [InlineData(false, 404, EndedBy.Household, UnknownNumber)]
    [InlineData(false, 503, EndedBy.Household, Failed)]
    [InlineData(false, null, EndedBy.Household, Failed)]
    public void The_outcome_follows_from_whether_the_family_picked_up_the_SIP_status_and_who_ended_it(bool answered, int? code, EndedBy by, string outcome) =>
        Assert.Equal(outcome, From(answered, code, by));

    [Fact]
    public void Every_outcome_has_Dutch_words() =>
        Assert.All(new[] { HungUp, HouseholdHungUp, Busy, NoAnswer, Declined, Cancelled, UnknownNumber, NetworkTrouble, Failed },
            outcome => Assert.False(string.IsNullOrWhiteSpace(Dutch[outcome])));

    [Fact]
    public void The_call_lasts_from_the_answer_to_the_end()
    {
        var start = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
        var call = new PhoneCall { StartedAt = start, AnsweredAt = start.AddSeconds(9), EndedAt = start.AddMinutes(12).AddSeconds(14) };
        Assert.Equal(TimeSpan.FromSeconds(12 * 60 + 5), call.Duration);
        Assert.Equal("12 min 5 s", PhoneCallDuration.Dutch(call.Duration!.Value));
        Assert.Null(new PhoneCall { StartedAt = start, EndedAt = start.AddSeconds(30) }.Duration);
    }
}
