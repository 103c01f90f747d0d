using GesprekTool.Accounts;
using GesprekTool.Calls;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Calls;

/// <summary>Which instance holds a call's room, as several instances on one database see it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CallRoomHostsTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Theory, OnBothDatabases]
    public async Task The_instance_a_participant_connects_to_takes_the_room_and_the_other_sees_it(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var calls = app.Services.GetRequiredService<CallStore>();
        var first = await calls.StartAsync((await world.ConversationAsync(worker, await world.HouseholdAsync(worker))).Id, worker);
        var second = await calls.StartAsync((await world.ConversationAsync(worker, await world.HouseholdAsync(worker, "Gezin U."))).Id, worker);
        var database = app.Services.GetRequiredService<Database>();
        var a = new CallRoomHosts(database, new AppInstance("a"), TimeProvider.System);
        var b = new CallRoomHosts(database, new AppInstance("b"), TimeProvider.System);

        Assert.True(await a.ClaimAsync(first));
        Assert.False(await a.ClaimAsync(first)); // already a's: nothing written
        Assert.True(await a.ClaimAsync(second));
        Assert.True(await b.ClaimAsync(first)); // after a failover or a restart

        var states = (await a.StatesAsync([first, second])).ToDictionary(s => s.CallId);
        Assert.Equal("b", states[first].Host);
        Assert.Equal("a", states[second].Host);
        Assert.Null(states[first].EndedAt);

        var link = await calls.CreateLinkAsync(second, GuestRoles.Household, JoinToken.HashOf(JoinToken.Create()), worker, TimeSpan.FromHours(1));
        await calls.RevokeLinkAsync(second, link.Id);
        await calls.EndAsync(first);
        Assert.NotNull((await b.StatesAsync([first])).Single().EndedAt);
        Assert.Equal([(second, link.Id)], await a.RevokedLinksAsync([first, second]));

        // An instance holding thousands of rooms asks about all of them in one parameter.
        var thousands = Enumerable.Range(1_000_000, 5000).Select(id => (long)id).Append(second).ToList();
        Assert.Equal([second], (await a.StatesAsync(thousands)).Select(s => s.CallId));
        Assert.Equal([(second, link.Id)], await a.RevokedLinksAsync(thousands));
    }

    [Fact]
    public async Task An_instance_empties_a_room_that_another_instance_ended_or_took_over()
    {
        var (app, world) = await StartAsync();
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var calls = app.Services.GetRequiredService<CallStore>();
        var ended = await calls.StartAsync((await world.ConversationAsync(worker, await world.HouseholdAsync(worker))).Id, worker);
        var moved = await calls.StartAsync((await world.ConversationAsync(worker, await world.HouseholdAsync(worker, "Gezin U."))).Id, worker);
        var kept = await calls.StartAsync((await world.ConversationAsync(worker, await world.HouseholdAsync(worker, "Gezin V."))).Id, worker);
        var rooms = app.Services.GetRequiredService<CallRooms>();
        var hosts = app.Services.GetRequiredService<CallRoomHosts>();
        foreach (var call in new[] { ended, moved, kept })
        {
            rooms.Join(new Participant($"w{call}", "hulpverlener", "Sanne", call, null, "pagina", null), $"verbinding-{call}", admitted: true);
            await hosts.ClaimAsync(call);
        }
        var database = app.Services.GetRequiredService<Database>();
        await calls.EndAsync(ended); // "Verder per telefoon", posted to another instance
        await new CallRoomHosts(database, new AppInstance("elders"), TimeProvider.System).ClaimAsync(moved);

        var watch = ActivatorUtilities.CreateInstance<CallRoomWatch>(app.Services);
        await watch.CheckAsync();

        Assert.Equal([kept], rooms.CallIds);
    }
}
