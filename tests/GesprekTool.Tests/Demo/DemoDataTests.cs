using GesprekTool.Accounts;
using GesprekTool.Data;
using GesprekTool.Practice;
using GesprekTool.Quality;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Demo;

/// <summary>What a newcomer finds after the README's first command: demo data that shows every feature.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DemoDataTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Theory, OnBothDatabases]
    public async Task The_demo_has_team_figures_over_its_weeks_and_a_practice_the_trainer_planned(DatabaseEngine engine)
    {
        var (app, _) = await StartAsync(engine, new Dictionary<string, string?> { ["Demo:Enabled"] = "true" });
        var users = app.Services.GetRequiredService<UserStore>();
        var trainerAccount = (await users.FindByUserNameAsync("trainer"))!;
        var trainer = new CurrentUser(trainerAccount.Id, "trainer", trainerAccount.DisplayName, new HashSet<string> { Roles.Trainer });

        var team = await app.Services.GetRequiredService<QualityStore>().FinishedAsync(DateTimeOffset.UtcNow.AddDays(-56), DateTimeOffset.UtcNow.AddDays(1));
        Assert.True(team.Count >= 30, $"{team.Count} finished demo conversations in 8 weeks");
        Assert.True(team.Select(c => c.Mode).Distinct().Count() >= 3, "the demo has video, phone and in-person conversations");
        Assert.Contains(team, c => c.Outcomes["persoonlijk-geld"] == QuestionOutcome.Declined);
        var sections = QualityFigures.MedianPerSection(["gezin", "persoonlijk"], team, GroupRule.Team);
        Assert.All(sections.Values, time => Assert.InRange(time.Value!.Value.TotalMinutes, 1, 20));

        var practice = Assert.Single(await app.Services.GetRequiredService<PracticeStore>().ListForAsync(trainer));
        Assert.Equal("moeder-geldzorgen", practice.PersonaKey);
        Assert.NotNull(practice.ObserverId);
    }
}
