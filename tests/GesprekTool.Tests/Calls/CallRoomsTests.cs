using GesprekTool.Calls;

namespace GesprekTool.Tests.Calls;

public sealed class CallRoomsTests
{
    private static Participant Guest(long linkId, string instance = "a") =>
        new($"g{linkId}", GuestRoles.Household, "Gezin", 1, linkId, instance, null);

    private static readonly Participant Worker = new("w1", "hulpverlener", "Sanne", 1, null, "w", null);

    [Fact]
    public void A_reconnecting_participant_keeps_their_place_and_their_admission()
    {
        var rooms = new CallRooms();
        rooms.Join(Guest(5), "c1", admitted: false);
        rooms.Admit(1, "g5");
        var previous = rooms.Join(Guest(5), "c2", admitted: false);

        Assert.Equal("c1", previous!.ConnectionId);
        var member = Assert.Single(rooms.Members(1));
        Assert.True(member.Admitted);
        Assert.Equal("c2", member.ConnectionId);
        Assert.Null(rooms.MemberOf("c1"));
    }

    [Fact]
    public void The_close_of_an_old_connection_does_not_remove_a_participant_who_already_reconnected()
    {
        var rooms = new CallRooms();
        rooms.Join(Guest(5), "c1", admitted: true);
        rooms.Join(Guest(5), "c2", admitted: true);
        Assert.Null(rooms.Disconnected("c1"));
        Assert.Equal("c2", rooms.Find(1, "g5")!.ConnectionId);
    }

    [Fact]
    public void Ending_a_call_empties_its_room_so_further_messages_are_refused()
    {
        var rooms = new CallRooms();
        rooms.Join(Worker, "w", admitted: true);
        rooms.Join(Guest(5), "g", admitted: true);
        Assert.Equal(2, rooms.RemoveCall(1).Count);
        Assert.Null(rooms.MemberOf("g"));
        Assert.Empty(rooms.Members(1));
        Assert.Equal(0, rooms.ConnectionCount);
    }
}
