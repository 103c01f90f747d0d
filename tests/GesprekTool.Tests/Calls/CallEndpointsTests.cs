using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Dapper;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Calls;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Calls;

/// <summary>Starting a call, making join links, the join page and the hub's door, and who may use them; on both databases.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CallEndpointsTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Theory, OnBothDatabases]
    public async Task A_worker_starts_a_call_and_gets_a_join_link_that_the_database_only_knows_by_its_hash(DatabaseEngine engine)
    {
        var (app, world) = await StartAsync(engine);
        var (client, conversationId) = await WorkerWithConversationAsync(app, world, "ar");
        await StartCallAsync(client, conversationId);

        var link = await CreateLinkAsync(app, conversationId, GuestRoles.Household);
        var url = link.Url;
        var token = url[(url.LastIndexOf('/') + 1)..];
        Assert.True(JoinToken.LooksValid(token));
        Assert.StartsWith("data:image/png;base64,", link.QrCode);
        var invitations = link.Invitations.Select(i => i.Text).ToList();
        Assert.Equal(2, invitations.Count);
        Assert.All(invitations, text => Assert.Contains(url, text));
        Assert.Contains("مرحبًا", invitations[1]);

        await using var connection = await app.Services.GetRequiredService<Database>().OpenAsync();
        var stored = await connection.QuerySingleAsync<string>("SELECT token_sha256 FROM call_links");
        Assert.Equal(JoinToken.HashOf(token), stored);

        var page = await SignedInClient.Anonymous(app).GetAsync(JoinLinks.RelativeJoinUrl(token));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Gezin Link", html);
        Assert.Contains("dir=\"rtl\"", html);
    }

    [Fact]
    public async Task The_invitation_names_the_planned_time_in_each_language_and_a_nonsense_time_is_refused_in_Dutch()
    {
        var (app, world) = await StartAsync();
        var (client, conversationId) = await WorkerWithConversationAsync(app, world, "tr");
        await StartCallAsync(client, conversationId);
        var planned = DutchDate.Local(DateTimeOffset.UtcNow.AddHours(2));
        var (call, sanne) = await RunningCallAsync(app, conversationId);
        var links = app.Services.GetRequiredService<JoinLinks>();

        var (link, _) = await links.CreateAsync(call, sanne, GuestRoles.Household, planned.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));

        var texts = link!.Invitations.Select(i => i.Text).ToList();
        var time = planned.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"om {time} uur", texts[0]);
        Assert.Contains(planned.ToString("d MMMM", DutchDate.Culture), texts[0]);
        Assert.Contains($"saat {time}", texts[1]);

        foreach (var (nonsense, expected) in new[] { ("morgen om drie", "niet te lezen"), ("2001-01-01T10:00", "al voorbij"), ("2999-01-01T10:00", "De link werkt tot") })
        {
            var (refused, problem) = await links.CreateAsync(call, sanne, GuestRoles.Household, nonsense);
            Assert.Null(refused);
            Assert.Contains(expected, problem);
        }
        Assert.Equal("Onbekende rol voor een link.", (await links.CreateAsync(call, sanne, "beheerder", null)).Problem);
        await using var connection = await app.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal(1, await connection.QuerySingleAsync<int>("SELECT COUNT(*) FROM call_links")); // a refused time makes no link
    }

    [Fact]
    public async Task Another_worker_cannot_open_the_call_page()
    {
        var (app, world) = await StartAsync();
        var (owner, conversationId) = await WorkerWithConversationAsync(app, world);
        await StartCallAsync(owner, conversationId);
        await world.UserAsync("bram", Roles.Worker);
        var bram = await SignedInClient.CreateAsync(app, "bram");

        Assert.Equal(HttpStatusCode.NotFound, (await bram.GetAsync(CallPage.Url(conversationId))).StatusCode);
    }

    [Fact]
    public async Task Guessing_links_from_one_address_is_slowed_down()
    {
        var (app, _) = await StartAsync(settings: new Dictionary<string, string?> { ["Calls:FailedJoinsPerTenMinutes"] = "3" });
        var guest = SignedInClient.Anonymous(app);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Gone, (await guest.GetAsync(JoinLinks.RelativeJoinUrl(JoinToken.Create()))).StatusCode);
        }
        var refused = await guest.GetAsync(JoinLinks.RelativeJoinUrl(JoinToken.Create()));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Te veel pogingen", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_good_link_opens_from_an_address_that_guessed_too_often()
    {
        // Households behind one carrier's NAT share an address with whoever guessed.
        var (app, world) = await StartAsync(settings: new Dictionary<string, string?> { ["Calls:FailedJoinsPerTenMinutes"] = "3" });
        var (client, conversationId) = await WorkerWithConversationAsync(app, world, "nl");
        await StartCallAsync(client, conversationId);
        var url = (await CreateLinkAsync(app, conversationId, GuestRoles.Household)).Url;
        var guest = SignedInClient.Anonymous(app);
        for (var i = 0; i < 5; i++)
        {
            await guest.GetAsync(JoinLinks.RelativeJoinUrl(JoinToken.Create()));
        }

        var page = await guest.GetAsync(new Uri(url).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_join_link_is_built_from_configuration_never_from_the_Host_header()
    {
        var (app, world) = await StartAsync(settings: new Dictionary<string, string?> { ["Calls:PublicBaseUrl"] = "https://gesprek.example.nl/" });
        var (client, conversationId) = await WorkerWithConversationAsync(app, world, "nl");
        client.DefaultRequestHeaders.Host = "phishing.example";
        await StartCallAsync(client, conversationId);

        var link = await CreateLinkAsync(app, conversationId, GuestRoles.Household);

        Assert.StartsWith("https://gesprek.example.nl/j/", link.Url);
        Assert.All(link.Invitations, invitation => Assert.DoesNotContain("phishing", invitation.Text));
    }

    [Fact]
    public async Task Every_page_has_a_content_security_policy_and_only_call_pages_may_use_camera_and_microphone()
    {
        var (app, world) = await StartAsync();
        var (client, conversationId) = await WorkerWithConversationAsync(app, world);
        await StartCallAsync(client, conversationId);
        var link = (await CreateLinkAsync(app, conversationId, GuestRoles.Household)).Url;

        foreach (var (url, camera) in new[]
                 {
                     (Caseload.Url(), false), (ConversationPage.Url(conversationId), false), ("/niet-bestaand", false),
                     (CallPage.Url(conversationId), true), (new Uri(link).AbsolutePath, true), (JoinLinks.RelativeJoinUrl(JoinToken.Create()), true),
                 })
        {
            var response = await client.GetAsync(url);
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains(camera ? "camera=(self)" : "camera=()", response.Headers.GetValues("Permissions-Policy").Single());
        }
    }

    [Fact]
    public async Task The_hub_closes_a_connection_that_has_neither_a_sign_in_nor_a_usable_link()
    {
        var (app, _) = await StartAsync();
        foreach (var query in new[] { "", $"access_token={JoinToken.Create()}" })
        {
            var socket = app.Server.CreateWebSocketClient();
            using var ws = await socket.ConnectAsync(new Uri($"ws://localhost{CallHub.Path}?{query}"), CancellationToken.None);
            await ws.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
            var buffer = new byte[4096];
            WebSocketReceiveResult result;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            do
            {
                result = await ws.ReceiveAsync(buffer, timeout.Token);
            }
            while (result.MessageType != WebSocketMessageType.Close);
            Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        }
    }

    [Fact]
    public async Task The_hub_refuses_a_participant_who_brings_another_route_key_than_the_calls()
    {
        var (app, world) = await StartAsync();
        var (client, conversationId) = await WorkerWithConversationAsync(app, world);
        await StartCallAsync(client, conversationId);
        var hub = (await SignedInClient.GetDocumentAsync(client, CallPage.Url(conversationId))).QuerySelector(".call-layout")!.GetAttribute("data-hub")!;
        var cookie = $"gesprektool.auth={SignedInClient.CookieOf(client, "gesprektool.auth")}";
        var route = System.Text.RegularExpressions.Regex.Match(hub, "route=([0-9a-f]+)").Groups[1].Value;

        Assert.Equal("Joined", await FirstHubMessageAsync(app, hub, cookie));
        Assert.Equal("closed", await FirstHubMessageAsync(app, hub.Replace(route, RouteKeys.New()), cookie));
        Assert.Equal("closed", await FirstHubMessageAsync(app, hub.Replace($"&route={route}", ""), cookie));
    }

    /// <summary>The first message the hub sends after the handshake ("Joined"), or "closed".</summary>
    private static async Task<string> FirstHubMessageAsync(GesprekToolFactory app, string hubUrl, string cookie)
    {
        var socket = app.Server.CreateWebSocketClient();
        socket.ConfigureRequest = request => request.Headers.Cookie = cookie;
        using var ws = await socket.ConnectAsync(new Uri($"ws://localhost{hubUrl}"), CancellationToken.None);
        await ws.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[16384];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return "closed";
            }
            foreach (var message in Encoding.UTF8.GetString(buffer, 0, result.Count).Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
            {
                if (JsonDocument.Parse(message).RootElement.TryGetProperty("target", out var target))
                {
                    return target.GetString()!;
                }
            }
        }
    }

    [Fact]
    public async Task Continuing_by_phone_ends_the_call_and_keeps_the_answers()
    {
        var (app, world) = await StartAsync();
        var (client, conversationId) = await WorkerWithConversationAsync(app, world);
        await StartCallAsync(client, conversationId);
        var response = await SignedInClient.PostFormAsync(client, CallPage.Url(conversationId), "telefoon", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await SignedInClient.GetDocumentAsync(client, ConversationPage.Url(conversationId));
        Assert.Contains("Telefoon", page.QuerySelector(".meta")!.TextContent);
        await using var connection = await app.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM calls WHERE ended_at IS NOT NULL"));
        var actions = (await app.Services.GetRequiredService<AuditLog>().ReadAsync(null, null, 50)).Select(e => e.Action).ToList();
        Assert.Contains("call.ended", actions);
        Assert.Contains("conversation.mode_changed", actions);
    }

    private static async Task<(HttpClient Client, long ConversationId)> WorkerWithConversationAsync(
        GesprekToolFactory app, TestWorld world, string homeLanguage = "nl")
    {
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var household = await world.HouseholdAsync(worker, "Gezin Link", homeLanguage);
        var conversation = await world.ConversationAsync(worker, household);
        return (await SignedInClient.CreateAsync(app, "sanne"), conversation.Id);
    }

    private static async Task StartCallAsync(HttpClient client, long conversationId)
    {
        var response = await SignedInClient.PostFormAsync(client, CallPage.Url(conversationId), "starten", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The running call as its worker sees it (the live part of the call page makes its links the same way).</summary>
    private static async Task<(Call Call, CurrentUser Worker)> RunningCallAsync(GesprekToolFactory app, long conversationId)
    {
        var sanne = await app.Services.GetRequiredService<UserStore>().FindByUserNameAsync("sanne") ?? throw new InvalidOperationException("no sanne");
        var worker = new CurrentUser(sanne.Id, sanne.UserName, sanne.DisplayName, new HashSet<string> { Roles.Worker });
        var call = await app.Services.GetRequiredService<CallStore>().FindActiveAsync(worker, conversationId) ?? throw new InvalidOperationException("no call");
        return (call, worker);
    }

    private static async Task<NewJoinLink> CreateLinkAsync(GesprekToolFactory app, long conversationId, string role)
    {
        var (call, worker) = await RunningCallAsync(app, conversationId);
        var (link, problem) = await app.Services.GetRequiredService<JoinLinks>().CreateAsync(call, worker, role, null);
        return link ?? throw new InvalidOperationException(problem);
    }
}
