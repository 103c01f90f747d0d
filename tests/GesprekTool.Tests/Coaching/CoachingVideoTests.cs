using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GesprekTool.Coaching;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Coaching;

/// <summary>Against a real Janus the test starts: rooms and participant tokens come and go with the session.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CoachingVideoTests(PostgresServer postgres) : AppTestBase(postgres)
{
    /// <summary>The app on this Janus, with a session that trainer "ido" planned and worker "sanne" chairs.</summary>
    private async Task<(GesprekToolFactory App, CoachingVideo Video, CoachingStore Store, long SessionId)> SessionAsync(JanusServer janus)
    {
        var (app, world) = await StartAsync(settings: janus.Settings);
        var store = app.Services.GetRequiredService<CoachingStore>();
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var id = await store.PlanAsync("Met video", "incidentmethode", DateTimeOffset.UtcNow, trainer, [(sanne.Id, CoachingRoles.Chair)]);
        return (app, app.Services.GetRequiredService<CoachingVideo>(), store, id);
    }

    [Fact]
    public async Task A_session_opens_an_unrecorded_room_hands_out_tokens_and_removes_both_when_it_ends()
    {
        await using var janus = await JanusServer.StartAsync();
        var (_, video, store, id) = await SessionAsync(janus);

        var room = await video.OpenRoomAsync(id);
        Assert.NotNull(room);
        await store.OpenAsync(id, room.Room, room.Secret);
        Assert.True(await video.RoomExistsAsync(room.Room));
        var settings = await video.RoomSettingsAsync(room.Room);
        Assert.False(settings["record"]!.GetValue<bool>());
        Assert.Equal(CoachingVideo.MaxPublishers, settings["max_publishers"]!.GetValue<int>());
        Assert.True(settings["pin_required"]!.GetValue<bool>());

        var token = await video.ParticipantTokenAsync(id, "user:1");
        Assert.Contains(token!, await video.ListTokensAsync());

        // Janus itself refuses a request without a valid token.
        using var http = new HttpClient();
        var anonymous = await (await http.PostAsJsonAsync(janus.ApiUrl, new { janus = "create", transaction = "t1" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("error", anonymous!["janus"]!.GetValue<string>());
        var invited = await (await http.PostAsJsonAsync(janus.ApiUrl, new { janus = "create", transaction = "t2", token })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("success", invited!["janus"]!.GetValue<string>());

        await store.EndAsync(id);
        await video.CloseRoomAsync(new CoachingSession { Id = id, VideoRoom = room.Room, VideoRoomSecret = room.Secret });
        Assert.False(await video.RoomExistsAsync(room.Room));
        Assert.DoesNotContain(token!, await video.ListTokensAsync());
    }

    [Fact]
    public async Task Participants_get_a_pin_that_joins_the_room_but_cannot_destroy_it_or_switch_recording_on()
    {
        await using var janus = await JanusServer.StartAsync();
        var (app, video, store, id) = await SessionAsync(janus);
        var room = (await video.OpenRoomAsync(id))!;
        await store.OpenAsync(id, room.Room, room.Secret);

        // What the browser is given: a token and the pin, never the room's secret.
        var client = await SignedInClient.CreateAsync(app, "sanne");
        var antiforgery = await SignedInClient.AntiforgeryTokenAsync(client, CoachingSessionPage.Url(id));
        var grantResponse = await client.PostAsync(JanusProxy.TokenUrl(id), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }));
        var grant = (await grantResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        var pin = grant["pin"]!.GetValue<string>();
        var token = grant["token"]!.GetValue<string>();
        Assert.NotEqual(room.Secret, pin);
        Assert.DoesNotContain(room.Secret, grant.ToJsonString());

        using var http = new HttpClient();
        async Task<JsonObject> AskAsync(JsonObject body)
        {
            var session = (await (await http.PostAsJsonAsync(janus.ApiUrl, new { janus = "create", transaction = "s", token })).Content.ReadFromJsonAsync<JsonObject>())!["data"]!["id"]!.GetValue<long>();
            var handle = (await (await http.PostAsJsonAsync($"{janus.ApiUrl}/{session}", new { janus = "attach", plugin = CoachingVideo.Plugin, transaction = "a", token })).Content.ReadFromJsonAsync<JsonObject>())!["data"]!["id"]!.GetValue<long>();
            var reply = await (await http.PostAsJsonAsync($"{janus.ApiUrl}/{session}/{handle}", new JsonObject { ["janus"] = "message", ["transaction"] = "m", ["token"] = token, ["body"] = body })).Content.ReadFromJsonAsync<JsonObject>();
            return (JsonObject)reply!["plugindata"]!["data"]!;
        }

        const int Unauthorized = 433; // JANUS_VIDEOROOM_ERROR_UNAUTHORIZED
        Assert.Equal(Unauthorized, (await AskAsync(new JsonObject { ["request"] = "destroy", ["room"] = room.Room, ["secret"] = pin }))["error_code"]?.GetValue<int>());
        Assert.Equal(Unauthorized, (await AskAsync(new JsonObject { ["request"] = "enable_recording", ["room"] = room.Room, ["secret"] = pin, ["record"] = true }))["error_code"]?.GetValue<int>());
        // Nor can a participant's token make a room of its own, recorded or not: that needs the app's admin key.
        Assert.NotNull((await AskAsync(new JsonObject { ["request"] = "create", ["room"] = 4242, ["record"] = true }))["error"]);
        Assert.Equal(Unauthorized, (await AskAsync(new JsonObject { ["request"] = "create", ["room"] = 4242, ["admin_key"] = pin }))["error_code"]?.GetValue<int>());
        Assert.False(await video.RoomExistsAsync(4242));
        Assert.Empty((await AskAsync(new JsonObject { ["request"] = "list" }))["list"]!.AsArray());
        Assert.True(await video.RoomExistsAsync(room.Room));
        Assert.False((await video.RoomSettingsAsync(room.Room))["record"]!.GetValue<bool>());

        // Through the app (the only way a browser reaches Janus), asking for a recording is refused outright.
        async Task<HttpResponseMessage> ViaAppAsync(string path, object body) => await client.PostAsJsonAsync(JanusProxy.Url() + path, body);
        var viaApp = (await (await ViaAppAsync("", new { janus = "create", transaction = "p1", token })).Content.ReadFromJsonAsync<JsonObject>())!["data"]!["id"]!.GetValue<long>();
        var viaAppHandle = (await (await ViaAppAsync($"/{viaApp}", new { janus = "attach", plugin = CoachingVideo.Plugin, transaction = "p2", token })).Content.ReadFromJsonAsync<JsonObject>())!["data"]!["id"]!.GetValue<long>();
        var recording = await ViaAppAsync($"/{viaApp}/{viaAppHandle}", new { janus = "message", transaction = "p3", token, body = new { request = "configure", record = true } });
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, recording.StatusCode);
        var namedFile = await ViaAppAsync($"/{viaApp}/{viaAppHandle}", new { janus = "message", transaction = "p4", token, body = new { request = "joinandconfigure", ptype = "publisher", room = room.Room, pin, filename = "/tmp/x" } });
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, namedFile.StatusCode);
        var join = await ViaAppAsync($"/{viaApp}/{viaAppHandle}", new { janus = "message", transaction = "p5", token, body = new { request = "join", ptype = "publisher", room = room.Room, pin } });
        Assert.Equal(System.Net.HttpStatusCode.OK, join.StatusCode);
    }

    [Fact]
    public async Task A_participants_token_reaches_only_the_room_of_its_own_session_through_an_allow_list()
    {
        await using var janus = await JanusServer.StartAsync();
        var (app, world) = await StartAsync(settings: janus.Settings);
        var store = app.Services.GetRequiredService<CoachingStore>();
        var video = app.Services.GetRequiredService<CoachingVideo>();
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var emre = await world.UserAsync("emre", Roles.Worker);
        var mine = await store.PlanAsync("Sanne's sessie", "incidentmethode", DateTimeOffset.UtcNow, trainer, [(sanne.Id, CoachingRoles.Chair)]);
        var theirs = await store.PlanAsync("Emre's sessie", "incidentmethode", DateTimeOffset.UtcNow, trainer, [(emre.Id, CoachingRoles.Chair)]);
        var myRoom = (await video.OpenRoomAsync(mine))!;
        var theirRoom = (await video.OpenRoomAsync(theirs))!;
        await store.OpenAsync(mine, myRoom.Room, myRoom.Secret);
        await store.OpenAsync(theirs, theirRoom.Room, theirRoom.Secret);
        // Room ids are random, not the session id plus a constant.
        Assert.NotEqual(100_000 + mine, myRoom.Room);
        Assert.NotEqual(theirRoom.Room - myRoom.Room, theirs - mine);

        var client = await SignedInClient.CreateAsync(app, "sanne");
        var antiforgery = await SignedInClient.AntiforgeryTokenAsync(client, CoachingSessionPage.Url(mine));
        var grant = (await (await client.PostAsync(JanusProxy.TokenUrl(mine), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery })))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        var token = grant["token"]!.GetValue<string>();
        var pin = grant["pin"]!.GetValue<string>();
        async Task<HttpResponseMessage> ViaAppAsync(string path, string json) =>
            await client.PostAsync(JanusProxy.Url() + path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var session = (await (await ViaAppAsync("", $$"""{"janus":"create","transaction":"c","token":"{{token}}"}""")).Content.ReadFromJsonAsync<JsonObject>())!["data"]!["id"]!.GetValue<long>();
        var handle = (await (await ViaAppAsync($"/{session}", $$"""{"janus":"attach","plugin":"janus.plugin.videoroom","transaction":"a","token":"{{token}}"}""")).Content.ReadFromJsonAsync<JsonObject>())!["data"]!["id"]!.GetValue<long>();
        string Message(string body) => $$"""{"janus":"message","transaction":"m","token":"{{token}}","body":{{body}}}""";

        // Another session's room: not for reading who is in it, not for checking it exists, not for joining.
        foreach (var body in new[]
        {
            $$"""{"request":"listparticipants","room":{{theirRoom.Room}}}""",
            $$"""{"request":"exists","room":{{theirRoom.Room}}}""",
            $$"""{"request":"join","ptype":"publisher","room":{{theirRoom.Room}},"pin":"{{pin}}"}""",
            $$"""{"request":"join","ptype":"subscriber","room":{{myRoom.Room}},"pin":"{{pin}}","streams":[{"feed":{{theirRoom.Room}}}]}""",
            // Not on the allow list, even for the own room.
            $$"""{"request":"listparticipants","room":{{myRoom.Room}}}""",
        })
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await ViaAppAsync($"/{session}/{handle}", Message(body))).StatusCode);
        }
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await ViaAppAsync("", $$"""{"janus":"info","transaction":"i","token":"{{token}}"}""")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync(JanusProxy.Url() + "/info")).StatusCode);
        // Not one JSON object with unique keys: 400, and nothing reaches Janus.
        foreach (var nonsense in new[] { "[]", """{"janus":"create","janus":"info"}""", Message("""{"request":"join","body":{},"body":{}}"""), "{", "\"create\"" })
        {
            var refused = await ViaAppAsync($"/{session}/{handle}", nonsense);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.DoesNotContain("Exception", await refused.Content.ReadAsStringAsync());
        }
        // Another participant's token is not Sanne's to use.
        var emresToken = await video.ParticipantTokenAsync(theirs, $"user:{emre.Id}");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await ViaAppAsync("", $$"""{"janus":"create","transaction":"c","token":"{{emresToken}}"}""")).StatusCode);

        // Her own room still works.
        var join = await ViaAppAsync($"/{session}/{handle}", Message($$"""{"request":"join","ptype":"publisher","room":{{myRoom.Room}},"pin":"{{pin}}","display":"Sanne"}"""));
        Assert.Equal(System.Net.HttpStatusCode.OK, join.StatusCode);
    }

    [Fact]
    public async Task Tokens_handed_out_before_a_restart_are_removed_from_Janus_when_the_session_ends_after_it()
    {
        await using var janus = await JanusServer.StartAsync();
        var (app, video, store, id) = await SessionAsync(janus);
        var room = (await video.OpenRoomAsync(id))!;
        await store.OpenAsync(id, room.Room, room.Secret);
        var token = await video.ParticipantTokenAsync(id, "user:1");
        await app.DisposeAsync();

        await using var restarted = app.Restarted();
        var videoAfter = restarted.Services.GetRequiredService<CoachingVideo>();
        Assert.Contains(token!, await videoAfter.ListTokensAsync());
        await videoAfter.CloseRoomAsync((await restarted.Services.GetRequiredService<CoachingStore>().FindAsync(id))!);
        Assert.DoesNotContain(token!, await videoAfter.ListTokensAsync());
        Assert.False(await videoAfter.RoomExistsAsync(room.Room));
    }
}
