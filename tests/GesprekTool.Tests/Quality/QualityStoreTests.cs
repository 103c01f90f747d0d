using Dapper;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Questionnaires;
using GesprekTool.WeeklyReports;
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

    [Theory, OnBothDatabases]
    public async Task Wil_niet_antwoorden_counts_as_declined_in_the_figures_and_as_no_answer_in_the_weekly_report(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var conversations = app.Services.GetRequiredService<ConversationStore>();
        var conversation = await world.ConversationAsync(sanne, await world.HouseholdAsync(sanne, "Gezin Zwijgt"));
        var saving = app.Services.GetRequiredService<AnswerSaving>();
        await saving.SaveAsync(conversation, sanne, "persoonlijk-geld", ["nee"], 1);
        await saving.SaveAsync(conversation, sanne, "persoonlijk-geld", ["nee", AnswerValues.Declined], 2); // ticked after all
        await saving.SaveAsync(conversation, sanne, "cijfer-ouder", [AnswerValues.Declined], 3);
        await conversations.SetStatusAsync(conversation.Id, ConversationStatus.Finished, TestAudit.Event);

        var figures = Assert.Single(await app.Services.GetRequiredService<QualityStore>().FinishedAsync(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)));
        Assert.Equal(QuestionOutcome.Declined, figures.Outcomes["persoonlijk-geld"]);
        Assert.Equal(QuestionOutcome.Declined, figures.Outcomes["cijfer-ouder"]);

        var week = ReportWeek.Of(DateOnly.FromDateTime(DateTime.Today));
        var report = Assert.Single(await app.Services.GetRequiredService<WeeklyReportStore>().ConversationsAsync(week, week));
        Assert.False(report.Answers.ContainsKey("persoonlijk-geld"));
        Assert.False(report.Answers.ContainsKey("cijfer-ouder"));
        Assert.DoesNotContain(report.Score.Items, i => i.QuestionKey == "persoonlijk-geld");
    }
}
