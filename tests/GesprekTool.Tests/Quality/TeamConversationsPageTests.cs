using System.Net;
using Dapper;
using GesprekTool.Data;
using GesprekTool.Quality;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Quality;

[Collection(PostgresCollection.Name)]
public sealed class TeamConversationsPageTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Fact]
    public async Task The_team_page_counts_real_conversations_only_and_puts_the_most_skipped_question_first()
    {
        var (app, world) = await StartAsync();
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        CurrentUser[] workers = [sanne, await world.UserAsync("youssef", Roles.Worker), await world.UserAsync("emre", Roles.Worker)];
        await world.UserAsync("ido", Roles.Trainer);
        for (var i = 0; i < 5; i++)
        {
            await world.FinishedConversationAsync(workers[i % 3], $"Gezin {i}");
        }
        var practice = await world.FinishedConversationAsync(sanne, "Gezin Oefen");
        await using (var connection = await app.Services.GetRequiredService<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE conversations SET is_practice = TRUE WHERE id = @practice", new { practice });
        }
        var trainer = await SignedInClient.CreateAsync(app, "ido");

        var lastWeek = await SignedInClient.GetDocumentAsync(trainer, TeamConversationsPage.Url());
        var thisWeek = GesprekTool.WeeklyReports.ReportWeek.Containing(DateTimeOffset.UtcNow);
        var page = await SignedInClient.GetDocumentAsync(trainer, TeamConversationsPage.Url() + $"?week={thisWeek.Year}-{thisWeek.Week:00}");

        // Without a choice the page shows the last complete week; these conversations were finished this week.
        Assert.Equal(["0", "0"], CountsOf(lastWeek));
        Assert.Equal(["5", "5"], CountsOf(page));
        var rows = page.QuerySelectorAll("table.questions-table tbody tr").ToList();
        Assert.Equal(30, rows.Count);
        // The money question was answered every time: it comes after every question left empty.
        var money = rows.FindIndex(r => r.GetAttribute("data-question") == "persoonlijk-geld");
        Assert.Equal(rows.Count(r => r.QuerySelectorAll("td").Last().TextContent.Contains("100")), money);
        Assert.Contains("Cijfers per medewerker staan uit", page.Body!.TextContent);

        var worker = await SignedInClient.CreateAsync(app, "sanne");
        var refused = await worker.GetAsync(TeamConversationsPage.Url());
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    [Fact]
    public async Task Team_figures_of_conversations_all_held_by_one_worker_show_no_figure_in_any_cell()
    {
        var (app, world) = await StartAsync();
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var youssef = await world.UserAsync("youssef", Roles.Worker);
        await world.UserAsync("ido", Roles.Trainer);
        for (var i = 0; i < 8; i++)
        {
            await world.FinishedConversationAsync(i < 6 ? sanne : youssef, $"Gezin {i}");
        }
        var trainer = await SignedInClient.CreateAsync(app, "ido");
        var thisWeek = GesprekTool.WeeklyReports.ReportWeek.Containing(DateTimeOffset.UtcNow);

        foreach (var mode in new[] { "alle", "video" })
        {
            var page = await SignedInClient.GetDocumentAsync(trainer, TeamConversationsPage.Url() + $"?week={thisWeek.Year}-{thisWeek.Week:00}&vorm={mode}");

            // Eight conversations by two workers: every cell would be about one or two people.
            Assert.Equal(["te weinig medewerkers", "te weinig medewerkers"], CountsOf(page));
            var cells = page.QuerySelectorAll("main td").Select(td => td.TextContent.Trim()).ToList();
            Assert.NotEmpty(cells);
            Assert.All(cells, cell => Assert.StartsWith("te weinig", cell));
            Assert.Contains("minstens 3 verschillende medewerkers", page.Body!.TextContent);
        }
    }

    private static IEnumerable<string> CountsOf(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("tr").First(r => r.TextContent.Contains("Afgeronde gesprekken")).QuerySelectorAll("td").Select(td => td.TextContent.Trim());

    [Fact]
    public async Task Per_worker_figures_are_refused_until_an_admin_switches_them_on_naming_the_works_councils_consent()
    {
        var (app, world) = await StartAsync();
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        await world.UserAsync("ido", Roles.Trainer);
        await world.UserAsync("beheer", Roles.Admin);
        var trainer = await SignedInClient.CreateAsync(app, "ido");
        var oneWorker = TeamConversationsPage.Url() + $"?medewerker={sanne.Id}";

        var off = await trainer.GetAsync(oneWorker);
        Assert.Equal(HttpStatusCode.Forbidden, off.StatusCode);
        var offPage = (await SignedInClient.ParseAsync(off)).Body!.TextContent;
        Assert.Contains("Cijfers per medewerker staan uit.", offPage);
        Assert.DoesNotContain("In het kort — sanne", offPage);

        // Without naming the consent the admin cannot switch them on.
        var admin = await SignedInClient.CreateAsync(app, "beheer");
        var bare = await SignedInClient.PostFormAsync(admin, PerWorkerFiguresPage.Url(), "instelling", new() { ["aan"] = "ja", ["bevestigd"] = "ja" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bare.StatusCode);
        Assert.False(await app.Services.GetRequiredService<PerWorkerFigures>().AreOnAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.GetAsync(PerWorkerFiguresPage.Url())).StatusCode); // not for trainers

        var on = await SignedInClient.PostFormAsync(admin, PerWorkerFiguresPage.Url(), "instelling",
            new() { ["aan"] = "ja", ["bevestigd"] = "ja", ["instemming"] = "OR-besluit 12 november 2026, kenmerk OR-2026-31" });
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        var change = Assert.Single(await app.Services.GetRequiredService<PerWorkerFigures>().HistoryAsync());
        Assert.True(change.Enabled);
        Assert.Equal("beheer (test)", change.ChangedByName);
        Assert.Equal("OR-besluit 12 november 2026, kenmerk OR-2026-31", change.ConsentReference);

        var shown = await trainer.GetAsync(oneWorker);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("In het kort — sanne (test)", (await SignedInClient.ParseAsync(shown)).Body!.TextContent);
        await using var connection = await app.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'quality.per_worker_viewed'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'quality.per_worker_on'"));
    }
}
