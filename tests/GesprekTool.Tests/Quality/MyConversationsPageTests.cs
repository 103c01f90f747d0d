using System.Net;
using GesprekTool.Quality;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Quality;

[Collection(PostgresCollection.Name)]
public sealed class MyConversationsPageTests(PostgresServer postgres) : AppTestBase(postgres)
{
    private static async Task<string> MoneyRowAsync(HttpClient client)
    {
        var page = await SignedInClient.GetDocumentAsync(client, MyConversationsPage.Url());
        return page.QuerySelectorAll("section tr").First(r => r.TextContent.Contains("Heeft u genoeg geld")).TextContent;
    }

    [Fact]
    public async Task A_worker_sees_their_own_figures_beside_the_team_and_small_groups_show_no_figure()
    {
        var (app, world) = await StartAsync();
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var youssef = await world.UserAsync("youssef", Roles.Worker);
        CurrentUser[] colleagues = [await world.UserAsync("emre", Roles.Worker), await world.UserAsync("petra", Roles.Worker), await world.UserAsync("nicole", Roles.Worker)];
        await world.UserAsync("ido", Roles.Trainer);
        for (var i = 0; i < 5; i++)
        {
            await world.FinishedConversationAsync(sanne, $"Gezin {i}");
        }
        await world.FinishedConversationAsync(youssef, "Gezin Y");

        // Sanne: five of her own (a figure); beside hers only one colleague's conversation, so no team figure.
        var sannesRow = await MoneyRowAsync(await SignedInClient.CreateAsync(app, "sanne"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(sannesRow, @"100\s?%"));
        Assert.Contains("te weinig", sannesRow);

        for (var i = 0; i < 5; i++)
        {
            await world.FinishedConversationAsync(colleagues[i % 3], $"Gezin C{i}");
        }
        // Now five conversations by three colleagues beside hers: the team's figure is there.
        sannesRow = await MoneyRowAsync(await SignedInClient.CreateAsync(app, "sanne"));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(sannesRow, @"100\s?%").Count);
        // Youssef: one of his own, too few to show; the team's figure is there.
        var youssefsRow = await MoneyRowAsync(await SignedInClient.CreateAsync(app, "youssef"));
        Assert.Contains("te weinig gesprekken", youssefsRow);
        Assert.Matches(@"100\s?%", youssefsRow);

        var trainer = await SignedInClient.CreateAsync(app, "ido");
        var refused = await trainer.GetAsync(MyConversationsPage.Url());
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith(AccessDeniedPage.Url(), refused.Headers.Location?.PathAndQuery);
    }
}
