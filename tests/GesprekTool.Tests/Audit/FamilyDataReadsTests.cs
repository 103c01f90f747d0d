using System.Net;
using Dapper;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Audit;

/// <summary>NEN 7513: every page that shows a family's data writes a read row naming that household.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FamilyDataReadsTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Fact]
    public async Task Every_page_that_shows_a_familys_data_writes_a_read_row_for_that_household()
    {
        var (app, world) = await StartAsync();
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var household = await world.HouseholdAsync(sanne, "Gezin Audit");
        var other = await world.HouseholdAsync(sanne, "Gezin Ander");
        var conversation = await world.ConversationAsync(sanne, household);
        var client = await SignedInClient.CreateAsync(app, "sanne");
        string[] pages =
        [
            HouseholdDetail.Url(household), HouseholdForm.EditUrl(household), StartConversation.Url(household),
            ConversationPage.Url(conversation.Id), WrapUp.Url(conversation.Id), History.Url(conversation.Id),
            GesprekTool.Calls.CallPage.Url(conversation.Id),
        ];

        foreach (var page in pages)
        {
            var before = await ReadRowsAsync(app, household);
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(await ReadRowsAsync(app, household) > before, $"{page} shows the family but wrote no audit row");
        }

        // The caseload: one row per household listed, with the responsible worker, and nothing of what they said.
        var listed = await client.GetAsync(Caseload.Url());
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        await using var connection = await app.Services.GetRequiredService<Database>().OpenAsync();
        var rows = (await connection.QueryAsync<(long HouseholdId, string ResponsibleUserName, string Detail)>(
            "SELECT household_id, responsible_user_name, detail FROM audit_log WHERE action = 'household.listed' ORDER BY household_id")).ToList();
        Assert.Equal([household, other], rows.Select(r => r.HouseholdId));
        Assert.All(rows, r => Assert.Equal("sanne", r.ResponsibleUserName));
        Assert.All(rows, r => Assert.Equal("caseload", r.Detail));
    }

    [Theory, OnBothDatabases]
    public async Task A_listing_writes_one_row_per_household_listed_and_none_for_the_others(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var listed = await world.HouseholdAsync(sanne, "Gezin Getoond");
        await world.HouseholdAsync(sanne, "Gezin Niet Getoond");
        await app.Services.GetRequiredService<GesprekTool.Audit.AuditLog>().WriteListedAsync(sanne, "household.listed", [listed, 999_999], "caseload search");

        await using var connection = await app.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal([listed], await connection.QueryAsync<long>("SELECT household_id FROM audit_log WHERE action = 'household.listed'"));
    }

    private static async Task<int> ReadRowsAsync(GesprekToolFactory app, long householdId)
    {
        await using var connection = await app.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM audit_log WHERE household_id = @householdId AND user_name = 'sanne'", new { householdId });
    }
}
