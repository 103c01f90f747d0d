using Bunit;
using GesprekTool.Tests.TestInfrastructure;
using GesprekTool.WeeklyReports;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.WeeklyReports;

/// <summary>The weekly overview's live part as a coordinator and as someone whose role was taken away meanwhile.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WeeklyReportsLiveTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Fact]
    public async Task Someone_who_lost_the_coordinator_role_builds_nothing_and_one_week_is_built_at_a_time()
    {
        var (app, world) = await StartAsync();
        var coordinator = await world.UserAsync("coord", Roles.Coordinator);
        await using var people = new LivePeople(app.Services);
        var page = (await people.PersonAsync(coordinator)).Render<WeeklyReportsLive>();
        page.WaitForState(() => page.FindAll("button[type=submit]").Count > 0);

        // The role was taken away after the page opened (the admin ends the person's sessions then too).
        await app.Services.GetRequiredService<UserStore>().SetRolesAsync(coordinator.Id, [Roles.Worker]);
        await page.Find("form").SubmitAsync();
        page.WaitForAssertion(() => Assert.Contains("mag dit niet meer", page.Markup));
        Assert.Empty(await app.Services.GetRequiredService<WeeklyReportStore>().RecentRunsAsync(5));

        // While a week is being built on this instance, the button waits and a second build is refused.
        var progress = app.Services.GetRequiredService<WeeklyBuildProgress>();
        Assert.True(progress.TryStart(new ReportWeek(2026, 40)));
        page.WaitForAssertion(() => Assert.Contains("de cijfers worden berekend", page.Find(".build-progress").TextContent));
        Assert.True(page.Find("button[type=submit]").HasAttribute("disabled"));
        Assert.Equal(WeeklyReportBuilder.AlreadyBuilding, await app.Services.GetRequiredService<WeeklyReportBuilder>().BuildAsync(new ReportWeek(2026, 41), coordinator));
        await progress.RenderedAsync(["Weekoverzicht gemeente", "Nieuwsbrief voor collega's"]);
        await progress.PrintedAsync(1);
        page.WaitForAssertion(() => Assert.Contains("1 van 2 documenten klaar", page.Find(".build-progress").TextContent));
        await progress.FinishedAsync();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".build-progress")));
    }
}
