using Bunit;
using GesprekTool.Coaching;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Coaching;

/// <summary>
/// The live part of a coaching session (CoachingLive and its panels) as the trainer, the chair, a
/// participant and a guest trainer use it: each has their own page on the real app's services, and
/// what one does reaches the others' pages without a reload.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CoachingLiveTests(PostgresServer postgres) : AppTestBase(postgres), IAsyncDisposable
{
    private sealed record Group(IServiceProvider App, CurrentUser Trainer, CurrentUser Chair, CurrentUser Participant, long SessionId, LivePeople People);

    private async Task<Group> PlanAsync(DatabaseEngine engine = DatabaseEngine.Sqlite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var (app, world) = await StartAsync(engine, settings);
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var chair = await world.UserAsync("sanne", Roles.Worker);
        var participant = await world.UserAsync("youssef", Roles.Worker);
        var id = await app.Services.GetRequiredService<CoachingStore>().PlanAsync("Intervisie", "incidentmethode", DateTimeOffset.UtcNow, trainer,
            [(chair.Id, CoachingRoles.Chair), (participant.Id, CoachingRoles.Participant)]);
        var people = new LivePeople(app.Services);
        _people.Add(people);
        return new Group(app.Services, trainer, chair, participant, id, people);
    }

    private readonly List<LivePeople> _people = [];

    private static async Task<IRenderedComponent<CoachingLive>> OpenAsync(Group group, CurrentUser user)
    {
        var page = (await group.People.PersonAsync(user)).Render<CoachingLive>(p => p.Add(c => c.SessionId, group.SessionId));
        page.WaitForState(() => page.FindAll("#live > *").Count > 0); // loaded (PostgreSQL answers asynchronously)
        return page;
    }

    /// <summary>Clicks the button once the page shows it: a change the page published may still be reloading.</summary>
    private static Task ClickAsync(IRenderedComponent<CoachingLive> page, string text)
    {
        page.WaitForState(() => page.FindAll("button").Any(b => b.TextContent.Contains(text, StringComparison.Ordinal)));
        return page.FindAll("button").First(b => b.TextContent.Contains(text, StringComparison.Ordinal)).ClickAsync(new());
    }

    private static string StepOf(IRenderedComponent<CoachingLive> page) => page.Find("#stap").TextContent;

    private Task<CoachingSession> SessionAsync(Group group) =>
        group.App.GetRequiredService<CoachingStore>().FindAsync(group.SessionId)!;

    [Theory, OnBothDatabases]
    public async Task The_chairs_start_and_step_change_reach_every_open_page(DatabaseEngine engine)
    {
        var group = await PlanAsync(engine);
        var chair = await OpenAsync(group, group.Chair);
        var participant = await OpenAsync(group, group.Participant);
        Assert.Contains("Nog niet begonnen", participant.Markup);
        Assert.DoesNotContain(participant.FindAll("button"), b => b.TextContent.Contains("Sessie starten", StringComparison.Ordinal));

        await ClickAsync(chair, "Sessie starten");
        participant.WaitForAssertion(() => Assert.Equal("Terugblik", StepOf(participant)));
        chair.WaitForAssertion(() => Assert.Contains("De sessie is gestart.", chair.Markup));
        // On the first step there is nowhere to go back to.
        Assert.DoesNotContain(chair.FindAll("button"), b => b.TextContent.Contains("Vorige stap", StringComparison.Ordinal));

        await ClickAsync(chair, "Volgende stap");
        participant.WaitForAssertion(() => Assert.Equal("Casussen inbrengen", StepOf(participant)));
        chair.WaitForAssertion(() => Assert.Contains("Nu: Casussen inbrengen.", chair.Markup));
        Assert.Equal(1, (await SessionAsync(group)).CurrentStep);
    }

    [Fact]
    public async Task A_participant_gets_no_leaders_buttons_and_a_stale_click_changes_nothing()
    {
        var group = await PlanAsync();
        var store = group.App.GetRequiredService<CoachingStore>();
        await store.OpenAsync(group.SessionId, null, null);
        var chair = await OpenAsync(group, group.Chair);
        var participant = await OpenAsync(group, group.Participant);
        Assert.DoesNotContain(participant.FindAll("button"), b => b.TextContent.Contains("Volgende stap", StringComparison.Ordinal));
        Assert.DoesNotContain(participant.FindAll("button"), b => b.TextContent.Contains("tonen", StringComparison.Ordinal));

        // The trainer ended the session somewhere the chair's page has not heard of yet: the old button does nothing.
        await store.EndAsync(group.SessionId);
        await ClickAsync(chair, "Volgende stap");
        chair.WaitForAssertion(() => Assert.Contains(CoachingCommands.Refused, chair.Markup));
        Assert.Equal(0, (await SessionAsync(group)).CurrentStep);
    }

    [Fact]
    public async Task A_click_after_the_sign_in_session_ended_is_refused_and_says_so()
    {
        var group = await PlanAsync();
        await group.App.GetRequiredService<CoachingStore>().OpenAsync(group.SessionId, null, null);
        var chair = await OpenAsync(group, group.Chair);

        await group.App.GetRequiredService<Sessions>().EndAllAsync(group.Chair.Id, "afgemeld");
        await ClickAsync(chair, "Volgende stap");

        chair.WaitForAssertion(() => Assert.Contains("U bent afgemeld", chair.Markup));
        Assert.Equal(0, (await SessionAsync(group)).CurrentStep);
    }

    [Fact]
    public async Task Typed_text_stays_while_others_change_the_session_and_a_recognisable_case_asks_first()
    {
        var group = await PlanAsync();
        var store = group.App.GetRequiredService<CoachingStore>();
        await store.OpenAsync(group.SessionId, null, null);
        await store.MoveToStepAsync(group.SessionId, 1);
        var chair = await OpenAsync(group, group.Chair);
        var participant = await OpenAsync(group, group.Participant);

        participant.Find("#tekst").Input("Moeder Fatima belde 06-12345678 over de school");
        await ClickAsync(chair, "Hand opsteken");
        participant.WaitForAssertion(() => Assert.Contains("hand op (1)", participant.Markup));
        Assert.Equal("Moeder Fatima belde 06-12345678 over de school", participant.Find("#tekst").GetAttribute("value"));

        await participant.Find("form.contribute").SubmitAsync();
        participant.WaitForAssertion(() => Assert.Contains("Dit lijkt herkenbaar", participant.Markup));
        Assert.Empty(await store.ContributionsAsync(group.SessionId));

        participant.Find("#tekst").Input("Een vader die de school niet vertrouwt");
        await participant.Find("form.contribute").SubmitAsync();
        participant.WaitForAssertion(() => Assert.Contains("nog alleen voor u zichtbaar", participant.Markup));
        Assert.DoesNotContain("school niet vertrouwt", chair.Markup);

        await ClickAsync(chair, "Alle bijdragen van deze stap tonen");
        chair.WaitForAssertion(() => Assert.Contains("Een vader die de school niet vertrouwt", chair.Markup));
        Assert.Contains("anoniem", chair.Markup);
    }

    [Fact]
    public async Task A_poll_is_answered_once_without_names_and_only_the_leader_closes_it()
    {
        var group = await PlanAsync();
        await group.App.GetRequiredService<CoachingStore>().OpenAsync(group.SessionId, null, null);
        var chair = await OpenAsync(group, group.Chair);
        var participant = await OpenAsync(group, group.Participant);

        chair.Find("#vraag").Change("x");
        await chair.Find("details.new-poll form").SubmitAsync();
        chair.WaitForAssertion(() => Assert.Contains("Schrijf een vraag van 3 tot 200 tekens.", chair.Markup));
        chair.Find("input[value=schaal]").Change(true);
        chair.Find("#vraag").Change("Hoe veilig voelt u zich?");
        await chair.Find("details.new-poll form").SubmitAsync();

        participant.WaitForAssertion(() => Assert.Contains("Hoe veilig voelt u zich?", participant.Markup));
        Assert.DoesNotContain(participant.FindAll("button"), b => b.TextContent.Contains("Vraag sluiten", StringComparison.Ordinal));
        participant.Find("form.poll-answer input[value='4']").Change(true);
        await participant.Find("form.poll-answer").SubmitAsync();
        participant.WaitForAssertion(() => Assert.Contains("Uw antwoord is meegeteld", participant.Markup));
        Assert.Empty(participant.FindAll("form.poll-answer")); // once
        chair.WaitForAssertion(() => Assert.Contains("1 antwoord · open · gemiddeld 4", chair.Find("article.poll .meta").TextContent));

        await ClickAsync(chair, "Vraag sluiten");
        participant.WaitForAssertion(() => Assert.Contains("1 antwoord · gesloten", participant.Markup));
    }

    [Fact]
    public async Task The_trainers_guest_link_is_shown_once_stays_on_screen_and_letting_the_guest_in_reaches_their_page()
    {
        var group = await PlanAsync();
        var trainer = await OpenAsync(group, group.Trainer);
        var chair = await OpenAsync(group, group.Chair);
        Assert.Empty(chair.FindAll(".guests"));

        await ClickAsync(trainer, "Gastlink maken");
        trainer.WaitForAssertion(() => Assert.NotNull(trainer.Find("#gastlink")));
        var token = new Uri(trainer.Find("#gastlink").GetAttribute("value")!).AbsolutePath.Split('/')[^1];

        var guests = group.App.GetRequiredService<CoachingGuestStore>();
        var guest = (await guests.FindByTokenAsync(token))!;
        const string device = "apparaat-van-de-gast";
        await guests.BindDeviceAsync(guest.Id, device);
        await guests.KnockAsync(guest.Id, device, "Marloes");
        var guestPage = (await group.People.PersonAsync(null)).Render<GuestCoachingLive>(p => p.Add(c => c.Token, token).Add(c => c.DeviceHash, device));
        Assert.Contains("U wacht tot de trainer u binnenlaat", guestPage.Markup);

        // Someone else's change (a raised hand) does not take the link off the trainer's screen.
        await group.App.GetRequiredService<GesprekTool.Live.LiveChanges>().PublishAsync(GesprekTool.Live.LiveChanges.Coaching(group.SessionId));
        trainer.WaitForAssertion(() => Assert.Contains("Marloes", trainer.Find(".guest-list").TextContent));
        Assert.NotNull(trainer.Find("#gastlink"));

        await ClickAsync(trainer, "Marloes binnenlaten");
        guestPage.WaitForAssertion(() => Assert.Contains("U bent binnengelaten", guestPage.Markup));
        Assert.Empty(guestPage.FindAll("button"));

        await ClickAsync(trainer, "Link intrekken");
        guestPage.WaitForAssertion(() => Assert.Contains("Deze uitnodiging werkt niet meer", guestPage.Markup));
        await using (var connection = await group.App.GetRequiredService<Database>().OpenAsync())
        {
            var audit = (await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT action FROM audit_log WHERE action LIKE 'coaching.guest%' ORDER BY id")).ToList();
            Assert.Equal(["coaching.guest_invited", "coaching.guest_admitted", "coaching.guest_revoked"], audit);
        }

        // A guest on another device (another key) sees nothing of the session.
        var other = (await group.People.PersonAsync(null)).Render<GuestCoachingLive>(p => p.Add(c => c.Token, token).Add(c => c.DeviceHash, "ander-apparaat"));
        Assert.DoesNotContain("Terugblik", other.Markup);
        Assert.Contains("werkt niet meer", other.Markup);
    }

    [Fact]
    public async Task Without_Janus_a_session_runs_without_video_and_says_so()
    {
        var group = await PlanAsync(settings: new Dictionary<string, string?>
        {
            ["Coaching:Janus:ApiUrl"] = $"http://127.0.0.1:{FreePort.Next()}/janus",
            ["Coaching:Janus:AdminUrl"] = $"http://127.0.0.1:{FreePort.Next()}/admin",
            ["Coaching:Janus:AdminSecret"] = "niet-bereikbaar",
        });
        var chair = await OpenAsync(group, group.Chair);

        await ClickAsync(chair, "Sessie starten");

        chair.WaitForAssertion(() => Assert.Equal("Terugblik", StepOf(chair)));
        Assert.Contains("Video is nu niet beschikbaar. De stappen, peilingen en notities werken wel.", chair.Markup);
        Assert.Equal("uit", chair.Find("#live").GetAttribute("data-video"));
    }

    public new async ValueTask DisposeAsync()
    {
        foreach (var people in _people)
        {
            await people.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
