using GesprekTool;
using GesprekTool.Accounts;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Households;
using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GesprekTool.Tests.Conversations;

/// <summary>The answer rows, on SQLite and on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ConversationStoreTests(PostgresServer postgres)
{
    private async Task<(ConversationStore Store, TestWorld World, CurrentUser Worker, Conversation Conversation)> ArrangeAsync(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var services = new ServiceCollection().AddLogging().AddSingleton(database).AddGesprekToolCore().BuildServiceProvider();
        await services.GetRequiredService<QuestionnaireCatalog>().LoadAsync(RepositoryPaths.Questionnaires);
        var world = new TestWorld(services);
        var worker = await world.UserAsync("werker", Roles.Worker);
        var conversation = await world.ConversationAsync(worker, await world.HouseholdAsync(worker));
        return (services.GetRequiredService<ConversationStore>(), world, worker, conversation);
    }

    [Theory, OnBothDatabases]
    public async Task Saving_an_answer_twice_keeps_the_latest_and_the_history(DatabaseEngine engine)
    {
        var (store, _, worker, conversation) = await ArrangeAsync(engine);

        Assert.Equal(SaveOutcome.Saved, (await store.SaveAnswerAsync(conversation, worker, "cijfer-ouder", "6", 100)).Outcome);
        Assert.Equal(SaveOutcome.Saved, (await store.SaveAnswerAsync(conversation, worker, "cijfer-ouder", "8", 200)).Outcome);

        var current = Assert.Single(await store.CurrentAnswersAsync(conversation.Id));
        Assert.Equal(("8", 2, 1), (current.Value, current.Revision, current.QuestionnaireVersion));
        Assert.Equal(["6", "8"], (await store.HistoryAsync(conversation.Id)).Select(a => a.Value));
    }

    [Theory, OnBothDatabases]
    public async Task A_slow_older_save_never_overwrites_a_newer_one(DatabaseEngine engine)
    {
        var (store, _, worker, conversation) = await ArrangeAsync(engine);

        await store.SaveAnswerAsync(conversation, worker, "school-wifi", "nee", 300);
        var late = (await store.SaveAnswerAsync(conversation, worker, "school-wifi", "ja", 200)).Outcome;

        Assert.Equal(SaveOutcome.Stale, late);
        Assert.Equal("nee", Assert.Single(await store.CurrentAnswersAsync(conversation.Id)).Value);
    }

    [Theory, OnBothDatabases]
    public async Task Retyping_the_same_answer_later_still_beats_an_older_edit_in_flight(DatabaseEngine engine)
    {
        var (store, _, worker, conversation) = await ArrangeAsync(engine);
        await store.SaveAnswerAsync(conversation, worker, "school-wifi", "ja", 100);

        Assert.Equal(SaveOutcome.Unchanged, (await store.SaveAnswerAsync(conversation, worker, "school-wifi", "ja", 300)).Outcome);
        Assert.Equal(SaveOutcome.Stale, (await store.SaveAnswerAsync(conversation, worker, "school-wifi", "nee", 200)).Outcome);

        var current = Assert.Single(await store.CurrentAnswersAsync(conversation.Id));
        Assert.Equal(("ja", 1), (current.Value, current.Revision));
    }

    [Theory, OnBothDatabases]
    public async Task Clearing_an_answer_is_a_revision_too(DatabaseEngine engine)
    {
        var (store, _, worker, conversation) = await ArrangeAsync(engine);
        await store.SaveAnswerAsync(conversation, worker, "verdieping-volhouden", "Mijn zus", 1);

        await store.SaveAnswerAsync(conversation, worker, "verdieping-volhouden", null, 2);

        Assert.Null(Assert.Single(await store.CurrentAnswersAsync(conversation.Id)).Value);
        Assert.Equal(2, (await store.HistoryAsync(conversation.Id)).Count);
    }

    [Theory, OnBothDatabases]
    public async Task Concurrent_saves_of_one_question_each_get_their_own_revision(DatabaseEngine engine)
    {
        var (store, _, worker, conversation) = await ArrangeAsync(engine);

        var saves = Enumerable.Range(1, 12).Select(i =>
            Task.Run(() => store.SaveAnswerAsync(conversation, worker, "cijfer-ouder", (i % 10 + 1).ToString(), i)));
        var outcomes = await Task.WhenAll(saves);

        var history = await store.HistoryAsync(conversation.Id);
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(a => a.Revision));
        Assert.Equal(outcomes.Count(o => o.Outcome == SaveOutcome.Saved), history.Count);
        // Whatever the arrival order, the edit typed last (stamp 12) is the current answer.
        Assert.Equal("3", (await store.CurrentAnswersAsync(conversation.Id)).Single().Value);
    }

    [Theory, OnBothDatabases]
    public async Task A_worker_cannot_find_another_workers_conversation_but_a_coordinator_can(DatabaseEngine engine)
    {
        var (store, world, _, conversation) = await ArrangeAsync(engine);
        var other = await world.UserAsync("ander", Roles.Worker);
        var coordinator = await world.UserAsync("coordinator", Roles.Coordinator);

        Assert.Null(await store.FindAsync(other, conversation.Id));
        Assert.NotNull(await store.FindAsync(coordinator, conversation.Id));
    }

    [Theory, OnBothDatabases]
    public async Task Follow_up_actions_and_the_callback_are_stored_with_the_conversation(DatabaseEngine engine)
    {
        var (store, _, worker, conversation) = await ArrangeAsync(engine);
        var callbackOn = new DateOnly(2026, 12, 1);

        await store.AddFollowUpActionAsync(conversation.Id, worker, "laptop", "Laptop via school", TestAudit.Event);
        var action = Assert.Single(await store.FollowUpActionsAsync(conversation.Id));
        Assert.True(await store.SetFollowUpStatusAsync(conversation.Id, action.Id, "gedaan", TestAudit.Event));
        await store.SaveDetailsAsync(conversation.Id, "telefoon", true, callbackOn, "dinsdagmiddag", TestAudit.Event);

        var reloaded = await store.FindAsync(worker, conversation.Id);
        Assert.Equal(("telefoon", true, callbackOn, "dinsdagmiddag"), (reloaded!.Mode, reloaded.CallbackWanted, reloaded.CallbackOn, reloaded.CallbackNote));
        Assert.Equal("gedaan", Assert.Single(await store.FollowUpActionsAsync(conversation.Id)).Status);
    }
}
