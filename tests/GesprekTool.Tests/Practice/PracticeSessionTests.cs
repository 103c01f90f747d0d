using System.Net;
using Bunit;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Practice;
using GesprekTool.Quality;
using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;
using GesprekTool.WeeklyReports;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Practice;

/// <summary>Practice sessions on SQLite and PostgreSQL: what planning makes, how taps are stamped, who may do what.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PracticeSessionTests(PostgresServer postgres) : AppTestBase(postgres)
{
    private static Task<long> PlanAsync(GesprekToolFactory app, CurrentUser planner, CurrentUser conductor, CurrentUser parent, CurrentUser? observer) =>
        new TestWorld(app.Services).PracticeAsync(planner, conductor, parent, observer);

    [Theory, OnBothDatabases]
    public async Task A_finished_practice_never_reaches_the_weekly_report_team_figures_or_the_caseload(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var youssef = await world.UserAsync("youssef", Roles.Worker);
        var store = app.Services.GetRequiredService<PracticeStore>();
        var id = await PlanAsync(app, trainer, sanne, youssef, null);
        var session = (await store.FindForAsync(sanne, id))!;
        await store.StartAsync(id);
        var conversation = (await app.Services.GetRequiredService<ConversationStore>().FindAsync(sanne, session.ConversationId))!;
        await app.Services.GetRequiredService<AnswerSaving>().SaveAsync(conversation, sanne, "persoonlijk-geld", ["nee"], 1);
        Assert.True(await store.EndAsync(id));

        var today = DateOnly.FromDateTime(DateTime.Today);
        var week = ReportWeek.Of(today);
        Assert.Empty(await app.Services.GetRequiredService<WeeklyReportStore>().ConversationsAsync(week, week));
        Assert.Empty(await app.Services.GetRequiredService<QualityStore>().FinishedAsync(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)));
        Assert.Empty(await app.Services.GetRequiredService<GesprekTool.Households.HouseholdStore>().ListAsync(sanne, null, onlyOwn: false));
        // Ending finished the conversation, so the debrief's coverage is final.
        Assert.True((await app.Services.GetRequiredService<ConversationStore>().FindAsync(sanne, session.ConversationId))!.IsFinished);
    }

    [Theory, OnBothDatabases]
    public async Task A_tap_is_stamped_with_the_time_since_the_start_and_the_section_the_conductor_has_open(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var youssef = await world.UserAsync("youssef", Roles.Worker);
        var emre = await world.UserAsync("emre", Roles.Worker);
        var store = app.Services.GetRequiredService<PracticeStore>();
        var events = app.Services.GetRequiredService<ConversationEventStore>();
        var id = await PlanAsync(app, trainer, sanne, youssef, emre);
        await store.StartAsync(id);
        var session = (await store.FindForAsync(emre, id))!;

        await store.TapAsync(session, "open-vraag", emre); // before any section
        await events.RecordAsync(session.ConversationId, ConversationEventKinds.SectionOpened, "gezin");
        await store.TapAsync(session, "open-vraag", emre);
        await events.RecordAsync(session.ConversationId, ConversationEventKinds.SectionOpened, "persoonlijk");
        await store.TapAsync(session, "complexe-reflectie", emre);
        await store.TapAsync(session, "gesloten-vraag", emre);
        Assert.True(await store.UndoLastTapAsync(id, emre));
        Assert.False(await store.UndoLastTapAsync(id, trainer)); // only your own taps

        var taps = await store.TapsAsync(id);
        Assert.Equal([null, "gezin", "persoonlijk"], taps.Select(t => t.SectionKey));
        Assert.Equal(["open-vraag", "open-vraag", "complexe-reflectie"], taps.Select(t => t.TallyKey));
        Assert.All(taps, t => Assert.InRange(t.ElapsedSeconds, 0, 60));
    }

    [Fact]
    public async Task Only_the_people_in_a_practice_see_it_and_the_parent_cannot_score_or_end_it()
    {
        var (app, world) = await StartAsync();
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var youssef = await world.UserAsync("youssef", Roles.Worker);
        var emre = await world.UserAsync("emre", Roles.Worker);
        await world.UserAsync("buiten", Roles.Worker);
        await world.UserAsync("ander", Roles.Trainer);
        var id = await PlanAsync(app, trainer, sanne, youssef, emre);
        var store = app.Services.GetRequiredService<PracticeStore>();
        await store.StartAsync(id);
        var url = PracticeSessionPage.Url(id);

        foreach (var stranger in new[] { "buiten", "ander" })
        {
            var client = await SignedInClient.CreateAsync(app, stranger);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(PracticeDebriefPage.Url(id))).StatusCode);
        }


        // The parent's live page has neither the rubric nor the end button; the observer taps and rates.
        await using var people = new LivePeople(app.Services);
        var parent = (await people.PersonAsync(youssef)).Render<PracticeLive>(p => p.Add(c => c.PracticeId, id));
        var observer = (await people.PersonAsync(emre)).Render<PracticeLive>(p => p.Add(c => c.PracticeId, id));
        parent.WaitForState(() => parent.FindAll("#live > *").Count > 0);
        observer.WaitForState(() => observer.FindAll("button.tally").Count > 0);
        Assert.Empty(parent.FindAll("button.tally"));
        Assert.DoesNotContain(parent.FindAll("button"), b => b.TextContent.Contains("afronden", StringComparison.Ordinal));

        await observer.Find("button.tally").ClickAsync(new());
        observer.WaitForAssertion(() => Assert.Equal("1", observer.Find("button.tally .tally-count").TextContent));
        Assert.Single(await store.TapsAsync(id));
        observer.Find("input[name=score-empathie][value='4']").Change(true);
        await observer.Find("form.ratings").SubmitAsync();
        observer.WaitForAssertion(() => Assert.Contains("Uw beoordeling is opgeslagen.", observer.Markup));
        Assert.Equal(4, Assert.Single(await store.RatingsAsync(id)).Score);

        // Ended elsewhere while the observer's page still shows the buttons: the next tap is refused in Dutch.
        await store.EndAsync(id);
        await observer.Find("button.tally").ClickAsync(new());
        observer.WaitForAssertion(() => Assert.Contains("De oefening is afgerond; tikken kan niet meer.", observer.Markup));
        Assert.Single(await store.TapsAsync(id));
        Assert.True((await store.FindForAsync(trainer, id))!.HasEnded);
    }

    [Fact]
    public async Task Ending_the_practice_ends_its_video_call_too()
    {
        var (app, world) = await StartAsync();
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var youssef = await world.UserAsync("youssef", Roles.Worker);
        var id = await PlanAsync(app, trainer, sanne, youssef, null);
        var store = app.Services.GetRequiredService<PracticeStore>();
        await store.StartAsync(id);
        var practice = (await store.FindForAsync(sanne, id))!;
        var calls = app.Services.GetRequiredService<GesprekTool.Calls.CallStore>();
        var callId = await calls.StartAsync(practice.ConversationId, sanne);

        await using var people = new LivePeople(app.Services);
        var conductor = (await people.PersonAsync(sanne)).Render<PracticeLive>(p => p.Add(c => c.PracticeId, id));
        conductor.WaitForState(() => conductor.FindAll(".practice-end button").Count > 0);
        await conductor.Find(".practice-end button").ClickAsync(new());

        conductor.WaitForAssertion(() => Assert.Null(store.ActiveCallIdAsync(practice.ConversationId).GetAwaiter().GetResult()));
        Assert.True((await store.FindForAsync(sanne, id))!.HasEnded);
        Assert.Null(await calls.FindActiveAsync(sanne, practice.ConversationId));
        Assert.NotEqual(0, callId);
    }

    [Fact]
    public async Task A_worker_without_a_trainer_plans_only_a_practice_they_take_part_in()
    {
        var (app, world) = await StartAsync();
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var youssef = await world.UserAsync("youssef", Roles.Worker);
        var emre = await world.UserAsync("emre", Roles.Worker);
        var client = await SignedInClient.CreateAsync(app, "sanne");
        Task<HttpResponseMessage> PlanAsync(CurrentUser conductor, CurrentUser parent, CurrentUser? observer) =>
            SignedInClient.PostFormAsync(client, PracticeListPage.Url(), "oefenen", new()
            {
                ["rolkaart"] = "moeder-geldzorgen", ["niveau"] = "beginner", ["scoringslijst"] = "miti",
                ["voerder"] = conductor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ouder"] = parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["waarnemer"] = observer?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            });

        var forOthers = await PlanAsync(youssef, emre, null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forOthers.StatusCode);
        Assert.Contains("waarin u zelf meedoet", await forOthers.Content.ReadAsStringAsync());
        var twice = await PlanAsync(sanne, youssef, youssef);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Contains("een andere collega", await twice.Content.ReadAsStringAsync());

        var own = await PlanAsync(sanne, youssef, null);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Single(await app.Services.GetRequiredService<PracticeStore>().ListForAsync(youssef));
    }
}
