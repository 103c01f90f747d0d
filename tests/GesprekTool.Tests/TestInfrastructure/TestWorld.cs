using GesprekTool.Accounts;
using GesprekTool.Conversations;
using GesprekTool.Households;
using GesprekTool.Schools;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>People and households that tests talk about, created through the app's own stores.</summary>
public sealed class TestWorld(IServiceProvider services)
{
    public const string Password = "test-wachtwoord-123";
    private static readonly string PasswordHash = SignInService.Hash(Password);

    public async Task<CurrentUser> UserAsync(string userName, params string[] roles)
    {
        var users = services.GetRequiredService<UserStore>();
        var id = await users.CreateAsync(userName, $"{userName} (test)", PasswordHash, roles);
        return new CurrentUser(id, userName, $"{userName} (test)", roles.ToHashSet());
    }

    public Task<long> HouseholdAsync(CurrentUser worker, string name = "Gezin T.", string homeLanguage = "nl", string? phoneNumber = null, string? email = null) =>
        services.GetRequiredService<HouseholdStore>().CreateAsync(
            new HouseholdInput(name, "telefoon", null, homeLanguage, HouseholdStatus.Known, worker.Id, null, phoneNumber, email));

    /// <summary>A practice of "moeder met geldzorgen" (MITI rubric, intermediate level), planned as the practice page plans it.</summary>
    public Task<long> PracticeAsync(CurrentUser planner, CurrentUser conductor, CurrentUser parent, CurrentUser? observer)
    {
        var catalog = services.GetRequiredService<GesprekTool.Practice.PracticeCatalog>();
        var persona = catalog.Persona("moeder-geldzorgen")!;
        var version = services.GetRequiredService<GesprekTool.Questionnaires.QuestionnaireCatalog>().Current(persona.QuestionnaireId).Version;
        return services.GetRequiredService<GesprekTool.Practice.PracticeStore>().PlanAsync(
            new GesprekTool.Practice.PracticePlan(persona, GesprekTool.Practice.PracticeLevel.Intermediate, catalog.Rubric("miti")!, version,
                conductor.Id, parent.Id, observer?.Id), planner);
    }

    public Task<long> SchoolAsync(string name) => services.GetRequiredService<SchoolStore>().AddAsync(name);

    /// <summary>A conversation with a new household in which the worker opened "persoonlijk" and answered the money question, then finished it.</summary>
    public async Task<long> FinishedConversationAsync(CurrentUser worker, string householdName)
    {
        var store = services.GetRequiredService<ConversationStore>();
        var conversation = await ConversationAsync(worker, await HouseholdAsync(worker, householdName));
        await services.GetRequiredService<GesprekTool.Quality.ConversationEventStore>().RecordAsync(conversation.Id, GesprekTool.Quality.ConversationEventKinds.SectionOpened, "persoonlijk");
        await services.GetRequiredService<AnswerSaving>().SaveAsync(conversation, worker, "persoonlijk-geld", ["nee"], 1);
        await store.SetStatusAsync(conversation.Id, ConversationStatus.Finished, TestAudit.Event);
        return conversation.Id;
    }

    public async Task<Conversation> ConversationAsync(CurrentUser worker, long householdId)
    {
        var store = services.GetRequiredService<ConversationStore>();
        var id = await store.StartAsync(worker, householdId, "jes-gesprekstoel", 1, "video", DateOnly.FromDateTime(DateTime.Today), true);
        return (await store.FindAsync(worker, id))!;
    }
}
