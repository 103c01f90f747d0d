using GesprekTool;
using GesprekTool.Accounts;
using GesprekTool.Data;
using GesprekTool.Households;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Households;

[Collection(PostgresCollection.Name)]
public sealed class HouseholdStoreTests(PostgresServer postgres)
{
    [Theory, OnBothDatabases]
    public async Task A_worker_sees_only_their_own_caseload_and_a_coordinator_sees_all(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var services = new ServiceCollection().AddLogging().AddSingleton(database).AddGesprekToolCore().BuildServiceProvider();
        var world = new TestWorld(services);
        var store = services.GetRequiredService<HouseholdStore>();
        var anna = await world.UserAsync("anna", Roles.Worker);
        var bram = await world.UserAsync("bram", Roles.Worker);
        var coordinator = await world.UserAsync("coco", Roles.Coordinator);
        var annas = await world.HouseholdAsync(anna, "Gezin Anna");
        var brams = await world.HouseholdAsync(bram, "Gezin Bram");

        Assert.Equal(["Gezin Anna"], (await store.ListAsync(anna, null, false)).Select(h => h.DisplayName));
        Assert.Null(await store.FindAsync(anna, brams));
        Assert.False(await store.UpdateAsync(anna, brams, new HouseholdInput("Overgenomen", "sms", null, "nl", "bekend", anna.Id, null), TestAudit.Event));
        Assert.Equal("Gezin Bram", (await store.FindAsync(bram, brams))!.DisplayName);
        Assert.Equal(2, (await store.ListAsync(coordinator, null, false)).Count);
        Assert.Equal(["Gezin Bram"], (await store.ListAsync(coordinator, "bRAM", false)).Select(h => h.DisplayName));
        Assert.True(await store.UpdateAsync(coordinator, annas, new HouseholdInput("Gezin Anna", "sms", null, "nl", "bekend", bram.Id, null), TestAudit.Event));
        Assert.Empty(await store.ListAsync(anna, null, false));
    }

    [Theory, OnBothDatabases]
    public async Task The_caseload_shows_the_last_conversation_and_the_callback_of_the_latest_conversation_that_asked_for_one(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var services = new ServiceCollection().AddLogging().AddSingleton(database).AddGesprekToolCore().BuildServiceProvider();
        var world = new TestWorld(services);
        var conversations = services.GetRequiredService<GesprekTool.Conversations.ConversationStore>();
        var worker = await world.UserAsync("anna", Roles.Worker);
        var household = await world.HouseholdAsync(worker);
        await services.GetRequiredService<GesprekTool.Questionnaires.QuestionnaireCatalog>().LoadAsync(RepositoryPaths.Questionnaires);
        var older = await conversations.StartAsync(worker, household, "jes-gesprekstoel", 1, "telefoon", new DateOnly(2026, 11, 2), true);
        var newer = await conversations.StartAsync(worker, household, "jes-gesprekstoel", 1, "video", new DateOnly(2026, 11, 16), true);

        await conversations.SaveDetailsAsync(older, "telefoon", true, new DateOnly(2026, 11, 9), null, TestAudit.Event);
        await conversations.SaveDetailsAsync(newer, "video", true, new DateOnly(2026, 11, 30), "na schooltijd", TestAudit.Event);

        var listed = Assert.Single(await services.GetRequiredService<HouseholdStore>().ListAsync(worker, null, false));
        Assert.Equal(new DateOnly(2026, 11, 16), listed.LastConversationOn);
        Assert.Equal(new DateOnly(2026, 11, 30), listed.CallbackDueOn);
    }
}
