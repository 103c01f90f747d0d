using Dapper;
using GesprekTool.Data;
using GesprekTool.Quality;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Quality;

[Collection(PostgresCollection.Name)]
public sealed class QualityStoreTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Theory, OnBothDatabases]
    public async Task Only_finished_real_conversations_count_with_their_outcomes_and_section_times(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var youssef = await world.UserAsync("youssef", Roles.Worker);
        await world.FinishedConversationAsync(sanne, "Gezin Echt");
        await world.FinishedConversationAsync(youssef, "Gezin Collega");
        await world.ConversationAsync(sanne, await world.HouseholdAsync(sanne, "Gezin Open"));
        var practice = await world.FinishedConversationAsync(sanne, "Gezin Oefen");
        await using (var connection = await app.Services.GetRequiredService<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE conversations SET is_practice = TRUE WHERE id = @practice", new { practice });
        }
        var store = app.Services.GetRequiredService<QualityStore>();
        var (from, to) = (DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        var team = await store.FinishedAsync(from, to);
        var own = await store.FinishedAsync(from, to, sanne.Id);

        Assert.Equal(2, team.Count);
        var mine = Assert.Single(own);
        Assert.Equal(QuestionOutcome.Covered, mine.Outcomes["persoonlijk-geld"]);
        Assert.Equal(QuestionOutcome.Skipped, mine.Outcomes["cijfer-ouder"]);
        Assert.True(mine.SectionTimes.ContainsKey("persoonlijk")); // opened, then closed by the finish
        Assert.Empty(await store.FinishedAsync(to, to.AddDays(1)));
    }
}
