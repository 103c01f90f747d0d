using GesprekTool.Quality;

namespace GesprekTool.Tests.Quality;

public sealed class SectionTimesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static ConversationEvent Opened(string section, int minute) => new(ConversationEventKinds.SectionOpened, section, Start.AddMinutes(minute));

    private static ConversationEvent Left(string section, int minute) => new(ConversationEventKinds.SectionLeft, section, Start.AddMinutes(minute));

    [Fact]
    public void A_section_lasts_from_opening_it_until_leaving_it_or_opening_the_next()
    {
        var times = SectionTimes.From([Opened("gezin", 0), Opened("school", 4), Left("school", 9), Opened("persoonlijk", 12)], end: Start.AddMinutes(15));

        Assert.Equal(TimeSpan.FromMinutes(4), times["gezin"]);
        Assert.Equal(TimeSpan.FromMinutes(5), times["school"]);
        Assert.Equal(TimeSpan.FromMinutes(3), times["persoonlijk"]);
    }

    [Fact]
    public void Going_back_to_a_section_adds_to_its_time()
    {
        var times = SectionTimes.From([Opened("gezin", 0), Opened("school", 2), Opened("gezin", 5), Left("gezin", 6)], end: null);

        Assert.Equal(TimeSpan.FromMinutes(3), times["gezin"]);
        Assert.Equal(TimeSpan.FromMinutes(3), times["school"]);
    }

    [Fact]
    public void A_section_left_open_counts_at_most_the_idle_cap_and_an_unfinished_last_one_not_at_all()
    {
        var times = SectionTimes.From([Opened("gezin", 0), Opened("school", 90)], end: null);

        Assert.Equal(SectionTimes.IdleCap, times["gezin"]);
        Assert.False(times.ContainsKey("school"));
    }

    [Fact]
    public void Events_out_of_order_and_a_leave_of_another_section_change_nothing()
    {
        var times = SectionTimes.From([Left("school", 3), Opened("school", 5), Opened("gezin", 0)], end: Start.AddMinutes(6));

        Assert.Equal(TimeSpan.FromMinutes(5), times["gezin"]);
        Assert.Equal(TimeSpan.FromMinutes(1), times["school"]);
    }

    [Fact]
    public void Call_drops_are_counted_and_a_restore_after_the_last_one_is_seen()
    {
        ConversationEvent Call(string kind, int minute) => new(kind, null, Start.AddMinutes(minute));

        Assert.Equal((0, true), SectionTimes.CallDrops([Opened("gezin", 0)]));
        Assert.Equal((2, true), SectionTimes.CallDrops([Call(ConversationEventKinds.CallDropped, 1), Call(ConversationEventKinds.CallRestored, 2),
            Call(ConversationEventKinds.CallDropped, 5), Call(ConversationEventKinds.CallRestored, 6)]));
        Assert.Equal((1, false), SectionTimes.CallDrops([Call(ConversationEventKinds.CallDropped, 1)]));
    }
}
