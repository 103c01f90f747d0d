using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Data;
using GesprekTool.PhoneCalls;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.PhoneCalls;

[Collection(PostgresCollection.Name)]
public sealed class PhoneCallStoreTests(PostgresServer postgres)
{
    private static async Task<(IServiceProvider Services, CurrentUser Worker, long ConversationId, long HouseholdId)> WorldAsync(Database database)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(database).AddGesprekToolCore().BuildServiceProvider();
        var world = new TestWorld(services);
        var worker = await world.UserAsync("anna", Roles.Worker);
        var household = await world.HouseholdAsync(worker, phoneNumber: "+31612345678");
        await services.GetRequiredService<GesprekTool.Questionnaires.QuestionnaireCatalog>().LoadAsync(RepositoryPaths.Questionnaires);
        return (services, worker, (await world.ConversationAsync(worker, household)).Id, household);
    }

    [Theory, OnBothDatabases]
    public async Task A_call_is_dialled_answered_and_ended_once_with_its_paradata_and_one_audit_row(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var (services, worker, conversationId, householdId) = await WorldAsync(database);
        var store = services.GetRequiredService<PhoneCallStore>();

        var id = await store.StartAsync(conversationId, householdId, worker.Id, new PhoneNumber("+31612345678"), "tel-token");
        await store.MarkRingingAsync(id);
        await store.MarkAnsweredAsync(id);
        await store.MarkAnsweredAsync(id); // a page that says it twice
        var ended = await store.EndAsync(id, 200, PhoneCallOutcome.EndedBy.Household, worker);
        var again = await store.EndAsync(id, 486, PhoneCallOutcome.EndedBy.Worker, worker); // a late beacon

        Assert.Equal(PhoneCallOutcome.HouseholdHungUp, ended!.Outcome);
        Assert.Equal(PhoneCallOutcome.HouseholdHungUp, again!.Outcome);
        Assert.True(ended.Reached);
        Assert.Equal(id, (await store.FindByTokenAsync("tel-token"))!.Id);
        await using var connection = await database.OpenAsync();
        Assert.Equal("telefoon", await connection.ExecuteScalarAsync<string>("SELECT mode FROM conversations WHERE id = @conversationId", new { conversationId }));
        Assert.Equal(["bellen-start", "bellen-opgenomen", "bellen-einde"], (await connection.QueryAsync<string>(
            "SELECT kind FROM conversation_events WHERE conversation_id = @conversationId ORDER BY id", new { conversationId })).ToList());
        var audit = (await connection.QueryAsync<(string Detail, long HouseholdId)>(
            "SELECT detail, household_id FROM audit_log WHERE action = 'call.dialled'")).ToList();
        Assert.Equal([("uitkomst gezin-hing-op", householdId)], audit);
        Assert.DoesNotContain(audit, row => row.Detail.Contains("612345678", StringComparison.Ordinal));
    }

    [Theory, OnBothDatabases]
    public async Task An_attempt_never_answered_ends_by_its_SIP_status_and_the_admin_sees_counts_only(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var (services, worker, conversationId, householdId) = await WorldAsync(database);
        var store = services.GetRequiredService<PhoneCallStore>();
        var number = new PhoneNumber("+31612345678");

        var busy = await store.StartAsync(conversationId, householdId, worker.Id, number, "a");
        await store.EndAsync(busy, 486, PhoneCallOutcome.EndedBy.Household, worker);
        await store.MarkAnsweredAsync(busy); // too late: the attempt is over
        var unanswered = await store.StartAsync(conversationId, householdId, worker.Id, number, "b");
        await store.EndAsync(unanswered, 487, PhoneCallOutcome.EndedBy.RingTimeout, worker);
        var open = await store.StartAsync(conversationId, householdId, worker.Id, number, "c");

        Assert.Null((await store.FindAsync(busy))!.AnsweredAt);
        Assert.Equal([(open, "c")], await store.OpenAttemptsAsync(conversationId));
        Assert.Equal([(PhoneCallOutcome.Busy, 1), (PhoneCallOutcome.NoAnswer, 1)],
            (await store.OutcomesSinceAsync(DateTimeOffset.UtcNow.AddDays(-7))).OrderBy(o => o.Outcome).ToList());
        Assert.Equal(3, (await store.ForConversationAsync(conversationId)).Count);
    }

    [Theory, OnBothDatabases]
    public async Task An_interpreter_joins_only_an_answered_call_that_is_on_and_only_one_at_a_time(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var (services, worker, conversationId, householdId) = await WorldAsync(database);
        var store = services.GetRequiredService<PhoneCallStore>();
        var interpreter = new PhoneNumber("+31881234567");
        var id = await store.StartAsync(conversationId, householdId, worker.Id, new PhoneNumber("+31612345678"), "household");

        Assert.Null(await store.StartInterpreterAsync((await store.FindAsync(id))!, interpreter, "too-early")); // still ringing
        await store.MarkAnsweredAsync(id);
        var call = (await store.FindAsync(id))!;
        var first = await store.StartInterpreterAsync(call, interpreter, "first");
        var second = await store.StartInterpreterAsync(call, interpreter, "second"); // a second press, another tab
        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Null(await store.StartInterpreterAsync((await store.FindAsync(first!.Value))!, interpreter, "of-a-leg")); // not onto a leg

        await store.MarkAnsweredAsync(first.Value);
        var leg = (await store.EndAsync(first.Value, 200, PhoneCallOutcome.EndedBy.Household, worker))!;
        Assert.True(leg.IsInterpreterLeg);
        Assert.Equal("Opgehangen door de tolk", PhoneCallOutcome.Text(leg));
        Assert.NotNull(await store.StartInterpreterAsync(call, interpreter, "again")); // the interpreter hung up: call another
        await store.EndAsync(id, null, PhoneCallOutcome.EndedBy.Worker, worker);
        Assert.Null(await store.StartInterpreterAsync(call, interpreter, "after")); // the family's call is over

        await using var connection = await database.OpenAsync();
        Assert.Equal(["bellen-start", "bellen-opgenomen", "tolk-start", "tolk-opgenomen", "tolk-einde", "tolk-start", "bellen-einde"],
            (await connection.QueryAsync<string>("SELECT kind FROM conversation_events WHERE conversation_id = @conversationId ORDER BY id", new { conversationId })).ToList());
        Assert.Equal(["uitkomst gezin-hing-op"], (await connection.QueryAsync<string>("SELECT detail FROM audit_log WHERE action = 'call.interpreter'")).ToList());
        // The admin's counts are of calls to families; an interpreter's leg is counted apart.
        Assert.Equal([(PhoneCallOutcome.HungUp, 1)], await store.OutcomesSinceAsync(DateTimeOffset.UnixEpoch));
        Assert.Equal(1, await store.InterpretedSinceAsync(DateTimeOffset.UnixEpoch));
    }

    [Theory, OnBothDatabases]
    public async Task The_interpreter_service_is_one_setting_that_an_admin_can_clear(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var (services, worker, _, _) = await WorldAsync(database);
        var store = services.GetRequiredService<InterpreterServiceStore>();

        Assert.Null(await store.GetAsync());
        await store.SetAsync(new InterpreterService("Tolkendienst", new PhoneNumber("+31881234567")), worker.Id);
        Assert.Equal(new InterpreterService("Tolkendienst", new PhoneNumber("+31881234567")), await store.GetAsync());
        await store.SetAsync(null, worker.Id);
        Assert.Null(await store.GetAsync());
    }
}
