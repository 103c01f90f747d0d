using Bunit;
using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Calls;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Calls;

/// <summary>
/// The worker's call page beside the video (CallRoomLive: the waiting room, who is in, the join
/// links) as the worker uses it, on the real app's services: a guest who knocks is a participant in
/// the app's own in-memory room, as the hub puts them there.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CallRoomLiveTests(PostgresServer postgres) : AppTestBase(postgres), IAsyncDisposable
{
    private sealed record RunningCall(IServiceProvider App, CurrentUser Worker, long ConversationId, long CallId, LivePeople People);

    private readonly List<LivePeople> _people = [];

    private async Task<RunningCall> StartCallAsync(DatabaseEngine engine = DatabaseEngine.Sqlite)
    {
        var (app, world) = await StartAsync(engine);
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var household = await world.HouseholdAsync(worker, "Gezin Link", "ar");
        var conversation = await world.ConversationAsync(worker, household);
        var callId = await app.Services.GetRequiredService<CallStore>().StartAsync(conversation.Id, worker);
        var people = new LivePeople(app.Services);
        _people.Add(people);
        return new RunningCall(app.Services, worker, conversation.Id, callId, people);
    }

    private static async Task<IRenderedComponent<CallRoomLive>> OpenAsync(RunningCall call, CurrentUser user)
    {
        var context = await call.People.PersonAsync(user);
        context.JSInterop.Mode = JSRuntimeMode.Loose; // the chime, the title and the clipboard are the browser's
        context.JSInterop.Setup<bool>("confirm", _ => true).SetResult(true);
        var page = context.Render<CallRoomLive>(p => p.Add(c => c.ConversationId, call.ConversationId));
        page.WaitForState(() => page.FindAll("#call-room > *").Count > 0);
        return page;
    }

    private static Task ClickAsync(IRenderedComponent<CallRoomLive> page, string text) =>
        page.FindAll("button").First(b => b.TextContent.Contains(text, StringComparison.Ordinal)).ClickAsync(new());

    /// <summary>A guest opens the link: the hub puts them in the room, not admitted, and the page hears of it.</summary>
    private static async Task<Participant> KnockAsync(RunningCall call, long linkId, bool? camera = true)
    {
        var guest = new Participant($"g{linkId}-abcdef12", GuestRoles.Household, "Gezin", call.CallId, linkId, "pagina-1", null)
        {
            DeviceHash = "abcdef1234567890", HasCamera = camera, HasMicrophone = true,
        };
        call.App.GetRequiredService<CallRooms>().Join(guest, $"verbinding-{linkId}", admitted: false);
        await call.App.GetRequiredService<CallRoomNotifier>().RoomChangedAsync(call.CallId);
        return guest;
    }

    private static async Task<long> MakeLinkAsync(RunningCall call, IRenderedComponent<CallRoomLive> page, string button = "Link voor het gezin maken")
    {
        var before = page.FindAll(".link-card").Count;
        await ClickAsync(page, button);
        page.WaitForAssertion(() => Assert.Equal(before + 1, page.FindAll(".link-card").Count));
        return (await call.App.GetRequiredService<CallStore>().LinksAsync(call.CallId)).Max(link => link.Id);
    }

    [Theory, OnBothDatabases]
    public async Task A_guest_who_knocks_shows_in_the_waiting_room_and_one_click_lets_them_in(DatabaseEngine engine)
    {
        var call = await StartCallAsync(engine);
        var page = await OpenAsync(call, call.Worker);
        Assert.Contains("Er wacht niemand.", page.Find("#waiting-list").TextContent);
        var linkId = await MakeLinkAsync(call, page);

        await KnockAsync(call, linkId, camera: false);

        page.WaitForAssertion(() => Assert.Contains("Gezin wacht in de wachtkamer (zonder camera: alleen geluid)", page.Find(".waiting-guest").TextContent));
        Assert.Contains("knocking", page.Find("#waiting-room").ClassList);
        Assert.Contains("Gezin wacht in de wachtkamer.", page.Find("#knock-announcer").TextContent);
        await ClickAsync(page, "Gezin binnenlaten");

        page.WaitForAssertion(() => Assert.Contains("Gezin", page.Find("#in-call").TextContent));
        Assert.Empty(page.FindAll(".waiting-guest"));
        Assert.True(call.App.GetRequiredService<CallRooms>().Find(call.CallId, $"g{linkId}-abcdef12")!.Admitted);
        var link = (await call.App.GetRequiredService<CallStore>().LinksAsync(call.CallId)).Single();
        Assert.NotNull(link.AdmittedAt);
        Assert.Equal("abcdef1234567890", link.AdmittedDevice);
        var actions = (await call.App.GetRequiredService<AuditLog>().ReadAsync(null, null, 50)).Select(e => e.Action).ToList();
        Assert.Contains("call.guest_admitted", actions);
        Assert.Contains("binnengelaten", page.Markup);
    }

    [Fact]
    public async Task Declining_a_guest_turns_that_device_away_and_the_link_stops_working()
    {
        var call = await StartCallAsync();
        var page = await OpenAsync(call, call.Worker);
        var linkId = await MakeLinkAsync(call, page);
        await KnockAsync(call, linkId);
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".waiting-guest")));

        await ClickAsync(page, "Weigeren");

        page.WaitForAssertion(() => Assert.Contains("Er wacht niemand.", page.Find("#waiting-list").TextContent));
        Assert.Null(call.App.GetRequiredService<CallRooms>().Find(call.CallId, $"g{linkId}-abcdef12"));
        Assert.NotNull((await call.App.GetRequiredService<CallStore>().LinksAsync(call.CallId)).Single().DeclinedAt);
    }

    [Fact]
    public async Task A_new_link_is_shown_once_with_its_invitation_in_the_households_language_right_to_left()
    {
        var call = await StartCallAsync();
        var page = await OpenAsync(call, call.Worker);

        await MakeLinkAsync(call, page);

        var card = page.Find(".link-card");
        Assert.Contains("Link voor het gezin", card.TextContent);
        var url = card.QuerySelector("[data-field='url']")!.GetAttribute("value")!;
        Assert.Matches("^https?://[^/]+" + JoinLinks.RelativeJoinUrl("[A-Za-z0-9_-]+") + "$", url);
        Assert.Equal("rtl", card.QuerySelector(".invitation p[lang=ar]")!.GetAttribute("dir"));
        Assert.Contains(url, card.QuerySelector(".invitation p[lang=nl]")!.TextContent);
        await ClickAsync(page, "QR-code tonen");
        page.WaitForAssertion(() => Assert.StartsWith("data:image/png;base64,", page.Find(".link-card img").GetAttribute("src")));

        // Another page of the same worker (or this one reloaded) shows the link, but never its address again.
        var again = await OpenAsync(call, call.Worker);
        Assert.Empty(again.FindAll(".link-card"));
        Assert.Contains("bruikbaar", again.Find(".link-list").TextContent);
        Assert.DoesNotContain(url, again.Markup);
    }

    [Fact]
    public async Task A_planned_time_that_makes_no_sense_is_refused_beside_the_field_and_no_link_is_made()
    {
        var call = await StartCallAsync();
        var page = await OpenAsync(call, call.Worker);

        await page.Find("#planned-at").ChangeAsync(new() { Value = "2001-01-01T10:00" });
        await ClickAsync(page, "Link voor het gezin maken");

        page.WaitForAssertion(() => Assert.Contains("al voorbij", page.Find("#planned-at-error").TextContent));
        Assert.Equal("true", page.Find("#planned-at").GetAttribute("aria-invalid"));
        Assert.Empty(page.FindAll(".link-card"));
        Assert.Empty(await call.App.GetRequiredService<CallStore>().LinksAsync(call.CallId));
    }

    [Fact]
    public async Task Revoking_a_link_takes_its_guest_out_of_the_room_and_marks_the_card()
    {
        var call = await StartCallAsync();
        var page = await OpenAsync(call, call.Worker);
        var linkId = await MakeLinkAsync(call, page);
        await KnockAsync(call, linkId);
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".waiting-guest")));

        await page.Find(".link-card").QuerySelectorAll("button").First(b => b.TextContent == "Intrekken").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find(".link-card").ClassList));
        Assert.Equal("Ingetrokken", page.Find(".link-card [data-field='url']").GetAttribute("value"));
        Assert.Empty(page.FindAll(".waiting-guest"));
        Assert.Null(call.App.GetRequiredService<CallRooms>().Find(call.CallId, $"g{linkId}-abcdef12"));
        Assert.NotNull((await call.App.GetRequiredService<CallStore>().LinksAsync(call.CallId)).Single().RevokedAt);
    }

    [Fact]
    public async Task Another_worker_sees_nothing_of_the_call_and_cannot_let_anyone_in()
    {
        var call = await StartCallAsync();
        var bram = await new TestWorld(call.App).UserAsync("bram", Roles.Worker);
        var linkId = (await call.App.GetRequiredService<CallStore>().CreateLinkAsync(call.CallId, GuestRoles.Household, JoinToken.HashOf(JoinToken.Create()), call.Worker, TimeSpan.FromHours(1))).Id;
        await KnockAsync(call, linkId);

        var page = await OpenAsync(call, bram);

        Assert.Contains("Er is geen lopend videogesprek", page.Markup);
        Assert.Empty(page.FindAll("button"));
        Assert.DoesNotContain("Gezin", page.Markup);
    }

    [Fact]
    public async Task A_click_after_the_session_ended_elsewhere_is_refused_and_says_so()
    {
        var call = await StartCallAsync();
        var page = await OpenAsync(call, call.Worker);
        await call.App.GetRequiredService<Sessions>().EndAllAsync(call.Worker.Id, "afgemeld");

        await ClickAsync(page, "Link voor het gezin maken");

        page.WaitForAssertion(() => Assert.Contains("U bent afgemeld", page.Markup));
        Assert.Empty(await call.App.GetRequiredService<CallStore>().LinksAsync(call.CallId));
    }

    [Fact]
    public async Task A_click_after_the_call_ended_makes_no_link_and_says_the_call_is_over()
    {
        var call = await StartCallAsync();
        var page = await OpenAsync(call, call.Worker);
        await call.App.GetRequiredService<CallRoomNotifier>().EndAsync(call.CallId, call.Worker);

        await ClickAsync(page, "Link voor het gezin maken");

        page.WaitForAssertion(() => Assert.Contains(CallRoomCommands.CallOver, page.Markup));
        Assert.Empty(await call.App.GetRequiredService<CallStore>().LinksAsync(call.CallId));
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
