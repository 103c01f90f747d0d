using System.Net;
using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using GesprekTool.WeeklyReports;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.WeeklyReports;

/// <summary>The weekly SQL on SQLite and PostgreSQL: what counts, what is stored, who may see it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WeeklyReportStoreTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Theory, OnBothDatabases]
    public async Task Only_finished_real_conversations_of_the_period_count_and_documents_are_stored(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var week = new ReportWeek(2026, 47);
        var conversations = app.Services.GetRequiredService<ConversationStore>();
        async Task<long> HeldAsync(DateOnly on, bool finish, string name)
        {
            var household = await world.HouseholdAsync(worker, name);
            var id = await conversations.StartAsync(worker, household, "jes-gesprekstoel", 1, "telefoon", on, true);
            var conversation = (await conversations.FindAsync(worker, id))!;
            await app.Services.GetRequiredService<AnswerSaving>().SaveAsync(conversation, worker, "persoonlijk-geld", ["nee"], 1);
            if (finish)
            {
                await conversations.SetStatusAsync(id, ConversationStatus.Finished, TestAudit.Event);
            }
            return id;
        }
        var counted = await HeldAsync(week.Monday, finish: true, "Gezin Echt");
        await HeldAsync(week.Sunday, finish: false, "Gezin Open");
        await HeldAsync(week.Monday.AddDays(-1), finish: true, "Gezin Vorige Week");
        var practice = await HeldAsync(week.Monday.AddDays(2), finish: true, "Gezin Oefen");
        await using (var connection = await app.Services.GetRequiredService<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE conversations SET is_practice = TRUE WHERE id = @practice", new { practice });
        }

        var store = app.Services.GetRequiredService<WeeklyReportStore>();
        var found = await store.ConversationsAsync(week, week);
        var only = Assert.Single(found);
        Assert.Equal(counted, only.ConversationId);
        Assert.True(only.IsFirstContact);
        Assert.Contains(only.Score.Items, i => i.Label == "Te weinig geld voor boodschappen");

        var runId = await store.StartRunAsync(week, null);
        await store.SaveDocumentAsync(runId, week, new WeeklyDocument(WeeklyDocument.Municipality, null, "Weekoverzicht gemeente", "gemeente.pdf"), [1, 2, 3], []);
        Assert.Empty(await store.DocumentsAsync()); // not listed until the run succeeded
        await store.FinishRunAsync(runId, WeeklyReportStore.Succeeded, null);
        var listed = Assert.Single(await store.DocumentsAsync());
        Assert.Equal(3, listed.Size);
        Assert.Equal(week, await store.LastBuiltWeekAsync());
        Assert.Equal(new byte[] { 1, 2, 3 }, (await store.DocumentAsync(listed.Id))!.Value.Pdf);
    }

    [Fact]
    public async Task A_worker_cannot_open_the_weekly_page_or_download_a_document()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("sanne", Roles.Worker);
        var store = app.Services.GetRequiredService<WeeklyReportStore>();
        var week = new ReportWeek(2026, 47);
        var runId = await store.StartRunAsync(week, null);
        await store.SaveDocumentAsync(runId, week, new WeeklyDocument(WeeklyDocument.Municipality, null, "Weekoverzicht gemeente", "gemeente.pdf"), [1], []);
        await store.FinishRunAsync(runId, WeeklyReportStore.Succeeded, null);
        var id = (await store.DocumentsAsync()).Single().Id;

        var sanne = await SignedInClient.CreateAsync(app, "sanne");
        Assert.Contains(AccessDeniedPage.Url(), (await sanne.GetAsync(WeeklyReportsPage.Url())).Headers.Location?.ToString() ?? "");
        var download = await sanne.GetAsync(WeeklyReportEndpoints.DownloadUrl(id));
        Assert.NotEqual(HttpStatusCode.OK, download.StatusCode);
        Assert.NotEqual("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, (await sanne.GetAsync(WeeklyReportEndpoints.PreviewUrl(new ReportWeek(2026, 47), "gemeente"))).StatusCode);
    }
}
