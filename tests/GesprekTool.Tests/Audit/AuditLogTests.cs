using Microsoft.AspNetCore.Http;
using System.Net;
using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Audit;

/// <summary>NEN 7513: complete, atomic with the change, append-only, exportable, kept for the retention period.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditLogTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Theory, OnBothDatabases]
    public async Task A_saved_answer_is_logged_with_the_household_and_its_responsible_worker(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var coordinator = await world.UserAsync("coco", Roles.Coordinator);
        var household = await world.HouseholdAsync(worker);
        var conversation = await world.ConversationAsync(worker, household);

        await app.Services.GetRequiredService<AnswerSaving>().SaveAsync(conversation, coordinator, "gezin-kinderen", ["2"], 1);

        var entry = Assert.Single(await app.Services.GetRequiredService<AuditLog>().SearchAsync(new AuditFilter(Action: "answer.saved"), 10));
        Assert.Equal(("coco", household, "sanne"), (entry.UserName, entry.HouseholdId, entry.ResponsibleUserName));
    }

    [Theory, OnBothDatabases]
    public async Task When_the_audit_row_cannot_be_written_the_answer_is_not_saved_either(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var conversation = await world.ConversationAsync(worker, await world.HouseholdAsync(worker));
        await using (var connection = await app.Services.GetRequiredService<Database>().OpenAsync())
        {
            // A failure after the answer's insert, inside the same transaction.
            await connection.ExecuteAsync(engine == DatabaseEngine.Sqlite
                ? "CREATE TRIGGER fail_answer_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'answer.saved' BEGIN SELECT RAISE(ABORT, 'disk full'); END;"
                : """
                  CREATE FUNCTION fail_answer_audit() RETURNS trigger AS $$ BEGIN
                      IF NEW.action = 'answer.saved' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql;
                  CREATE TRIGGER fail_answer_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_answer_audit();
                  """);
        }

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            app.Services.GetRequiredService<AnswerSaving>().SaveAsync(conversation, worker, "gezin-kinderen", ["2"], 1));

        Assert.Empty(await app.Services.GetRequiredService<ConversationStore>().CurrentAnswersAsync(conversation.Id));
    }

    [Theory, OnBothDatabases]
    public async Task The_database_refuses_to_change_or_delete_a_young_audit_row_and_purges_old_ones(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine, new Dictionary<string, string?> { ["Audit:RetentionJobEnabled"] = "false" });
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var audit = app.Services.GetRequiredService<AuditLog>();
        await audit.WriteAsync(worker, "household.viewed", "household", 1, "vandaag");
        await using var connection = await app.Services.GetRequiredService<Database>().OpenAsync();
        await AuditLog.InsertAsync(connection, null, new AuditEvent(worker, "household.viewed", "household", 1, "zes jaar geleden"),
            DateTimeOffset.UtcNow.AddYears(-6));

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("UPDATE audit_log SET user_name = 'iemand anders'"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("DELETE FROM audit_log WHERE detail = 'vandaag'"));

        var purged = await audit.PurgeAsync(AuditRetentionJob.DefaultRetentionDays);

        Assert.Equal(1, purged);
        var left = await connection.QueryAsync<string>("SELECT detail FROM audit_log WHERE action = 'household.viewed'");
        Assert.Equal(["vandaag"], left);
    }

    [Fact]
    public async Task An_admin_exports_the_filtered_log_as_CSV_and_the_export_is_logged()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("beheer", Roles.Admin);
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var household = await world.HouseholdAsync(worker, "=HYPERLINK(\"http://kwaad\")");
        var audit = app.Services.GetRequiredService<AuditLog>();
        await audit.WriteAsync(worker, "household.viewed", "household", household, "=1+1");
        await audit.WriteAsync(worker, "household.viewed", "household", household + 1000, "ander gezin");
        var admin = await SignedInClient.CreateAsync(app, "beheer");

        var response = await admin.GetAsync(AuditEndpoints.ExportUrl(QueryString.Create("gezin", household.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Concat([]).SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(AuditCsv.Header, lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains("\"'=1+1\"", row); // a formula never reaches a spreadsheet as a formula
        Assert.Contains("\"sanne\"", row);
        Assert.Single(await audit.SearchAsync(new AuditFilter(Action: "audit.exported"), 10));
    }

    [Fact]
    public async Task A_worker_cannot_read_or_export_the_audit_log()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("sanne", Roles.Worker);
        var worker = await SignedInClient.CreateAsync(app, "sanne");

        foreach (var url in new[] { AuditPage.Url(), AuditEndpoints.ExportUrl(QueryString.Empty) })
        {
            var response = await worker.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains(AccessDeniedPage.Url(), response.Headers.Location?.ToString());
        }
    }

    [Theory]
    [InlineData("?nummer=abc", "Het nummer moet een getal zijn.")]
    [InlineData("?van=2026-13-45", "De datum 'van' is geen bestaande datum.")]
    [InlineData("?soort=wachtwoorden", "Kies een onderwerp uit de lijst.")]
    [InlineData("?gezin=-1", "Het gezinsnummer moet een getal zijn.")]
    public async Task Nonsense_in_the_filter_gets_a_Dutch_message_not_an_error_page(string query, string message)
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("beheer", Roles.Admin);
        var admin = await SignedInClient.CreateAsync(app, "beheer");

        var response = await admin.GetAsync(AuditPage.Url() + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await SignedInClient.ParseAsync(response)).QuerySelector(".form-error")?.TextContent);
    }
}
