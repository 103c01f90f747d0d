using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Options;

namespace GesprekTool.Coaching;

/// <summary>Where Janus runs and its secrets; all from configuration ("Coaching:Janus"), never from the repository.</summary>
public sealed class JanusOptions
{
    /// <summary>Janus's HTTP API, bound to loopback, e.g. http://127.0.0.1:8088/janus. Empty: no video.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>Janus's admin API, e.g. http://127.0.0.1:7088/admin.</summary>
    public string? AdminUrl { get; set; }

    public string? AdminSecret { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiUrl) && !string.IsNullOrWhiteSpace(AdminUrl) && !string.IsNullOrWhiteSpace(AdminSecret);
}

/// <summary>A VideoRoom the app created for a session, with the secret that guards it.</summary>
public sealed record VideoRoom(long Room, string Secret)
{
    /// <summary>
    /// What participants need to join: derived from the room's secret but not the secret itself,
    /// since the secret lets its holder destroy the room or switch recording on.
    /// </summary>
    public static string PinFor(string secret) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("pin:" + secret)))[..32].ToLowerInvariant();
}

/// <summary>
/// Group video for coaching sessions through Janus's VideoRoom plugin. Janus runs with token_auth:
/// the app adds a token per signed-in participant through the admin API and removes it when the
/// session ends, so only invited people get into the room. Rooms are created with record=false and
/// lock_record=true, and destroyed when the session ends. When Janus is not configured or not
/// reachable, sessions run without video and the page says so.
/// </summary>
public sealed class CoachingVideo(HttpClient http, IOptionsMonitor<JanusOptions> options, Data.Database database, TimeProvider clock,
    ILogger<CoachingVideo> logger)
{
    public const string Plugin = "janus.plugin.videoroom";
    public const int MaxPublishers = 12;

    /// <summary>What the browser talks to: the app's own proxy, so Janus stays on loopback and the page on one origin.</summary>
    public string? BrowserAddress => options.CurrentValue.IsConfigured ? JanusProxy.Url() : null;

    private string? _serverToken;

    public async Task<VideoRoom?> OpenRoomAsync(long sessionId)
    {
        if (!options.CurrentValue.IsConfigured)
        {
            return null;
        }
        try
        {
            // Random, so one session's room id says nothing about another's (Janus takes ids up to 2^53).
            var room = 1 + (long)(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) % ((1UL << 53) - 1));
            var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            await VideoRoomRequestAsync(new JsonObject
            {
                ["request"] = "create", ["room"] = room, ["description"] = $"Intervisie {sessionId}",
                ["secret"] = secret, ["pin"] = VideoRoom.PinFor(secret), ["is_private"] = true, ["publishers"] = MaxPublishers,
                ["record"] = false, ["lock_record"] = true, ["bitrate"] = 450_000, ["videocodec"] = "vp8", ["permanent"] = false,
                // Who is speaking: Janus reads the audio level each sender reports and tells the room.
                ["audiolevel_event"] = true, ["audio_active_packets"] = 50, ["audio_level_average"] = 45,
            });
            return new VideoRoom(room, secret);
        }
        catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException or JsonException)
        {
            logger.LogWarning(e, "Janus: could not create the room of coaching session {SessionId}; the session runs without video", sessionId);
            return null;
        }
    }

    public async Task CloseRoomAsync(CoachingSession session)
    {
        if (!options.CurrentValue.IsConfigured || session.VideoRoom is null)
        {
            return;
        }
        try
        {
            await VideoRoomRequestAsync(new JsonObject { ["request"] = "destroy", ["room"] = session.VideoRoom, ["secret"] = session.VideoRoomSecret ?? "" });
        }
        catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException or JsonException)
        {
            logger.LogWarning(e, "Janus: could not destroy room {Room}", session.VideoRoom);
        }
        foreach (var token in await TakeTokensAsync(session.Id, holder: null))
        {
            await RemoveTokenAsync(token);
        }
    }

    /// <summary>
    /// A token that lets one participant into Janus for this session, removed when it ends or when
    /// the holder ("user:12", "gast:3") is removed from it.
    /// </summary>
    public async Task<string?> ParticipantTokenAsync(long sessionId, string holder)
    {
        if (!options.CurrentValue.IsConfigured)
        {
            return null;
        }
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        try
        {
            await AdminRequestAsync("add_token", new JsonObject { ["token"] = token, ["plugins"] = new JsonArray(Plugin) });
            await using var connection = await database.OpenAsync();
            await connection.ExecuteAsync(
                "INSERT INTO coaching_video_tokens (token, session_id, holder, created_at) VALUES (@token, @sessionId, @holder, @now)",
                new { token, sessionId, holder, now = clock.GetUtcNow() });
            return token;
        }
        catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException or JsonException)
        {
            logger.LogWarning(e, "Janus: could not add a participant token for session {SessionId}", sessionId);
            return null;
        }
    }

    /// <summary>The session and holder a token was handed out for, or null for a token the app does not know.</summary>
    public async Task<(long SessionId, string Holder)?> TokenHolderAsync(string token)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(
            "SELECT session_id, holder FROM coaching_video_tokens WHERE token = @token", new { token });
        return row is null ? null : (row.SessionId, row.Holder);
    }

    private sealed class TokenRow
    {
        public long SessionId { get; init; }
        public string Holder { get; init; } = "";
    }

    /// <summary>The feed ids of the people publishing in a room now, asked by the app itself.</summary>
    public async Task<IReadOnlySet<long>> PublisherIdsAsync(long room)
    {
        var reply = await VideoRoomRequestAsync(new JsonObject { ["request"] = "listparticipants", ["room"] = room });
        return (reply["participants"]?.AsArray() ?? []).OfType<JsonObject>()
            .Where(p => p["publisher"]?.GetValue<bool>() == true)
            .Select(p => p["id"]!.GetValue<long>()).ToHashSet();
    }

    public async Task<IReadOnlyList<string>> ListTokensAsync()
    {
        var reply = await AdminRequestAsync("list_tokens", new JsonObject());
        return reply["data"]?["tokens"]?.AsArray().Select(t => t?["token"]?.GetValue<string>() ?? "").ToList() ?? [];
    }

    public async Task<bool> RoomExistsAsync(long room)
    {
        var reply = await VideoRoomRequestAsync(new JsonObject { ["request"] = "exists", ["room"] = room });
        return reply["exists"]?.GetValue<bool>() == true;
    }

    public async Task<JsonObject> RoomSettingsAsync(long room)
    {
        var reply = await VideoRoomRequestAsync(new JsonObject { ["request"] = "list" }); // private rooms too, with the admin key
        return reply["list"]?.AsArray().OfType<JsonObject>().FirstOrDefault(r => r["room"]?.GetValue<long>() == room)
            ?? throw new JanusException($"room {room} not listed");
    }

    /// <summary>Janus then refuses the holder's next request, so their video stops.</summary>
    public async Task RemoveHolderAsync(long sessionId, string holder)
    {
        foreach (var token in await TakeTokensAsync(sessionId, holder))
        {
            await RemoveTokenAsync(token);
        }
    }

    /// <summary>The session's tokens (of one holder, or all), no longer kept once taken.</summary>
    private async Task<IReadOnlyList<string>> TakeTokensAsync(long sessionId, string? holder)
    {
        var which = holder is null ? "session_id = @sessionId" : "session_id = @sessionId AND holder = @holder";
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>(
            $"DELETE FROM coaching_video_tokens WHERE {which} RETURNING token", new { sessionId, holder })).AsList();
    }

    private async Task RemoveTokenAsync(string token)
    {
        try
        {
            await AdminRequestAsync("remove_token", new JsonObject { ["token"] = token });
        }
        catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException or JsonException)
        {
            logger.LogWarning(e, "Janus: could not remove a participant token");
        }
    }

    /// <summary>One synchronous VideoRoom request: a short-lived Janus session and handle, then both gone.</summary>
    private async Task<JsonObject> VideoRoomRequestAsync(JsonObject body)
    {
        // Janus's VideoRoom admin_key (janus-config.sh sets it to the admin secret): only the app may
        // create rooms or see private ones, so a participant's token cannot make a recorded room.
        body["admin_key"] = options.CurrentValue.AdminSecret;
        var token = await ServerTokenAsync();
        var api = options.CurrentValue.ApiUrl!.TrimEnd('/');
        var session = (await PostAsync(api, new JsonObject { ["janus"] = "create", ["token"] = token }))["data"]!["id"]!.GetValue<long>();
        try
        {
            var handle = (await PostAsync($"{api}/{session}", new JsonObject { ["janus"] = "attach", ["plugin"] = Plugin, ["token"] = token }))["data"]!["id"]!.GetValue<long>();
            var reply = await PostAsync($"{api}/{session}/{handle}", new JsonObject { ["janus"] = "message", ["body"] = body, ["token"] = token });
            var data = reply["plugindata"]?["data"] as JsonObject ?? throw new JanusException("no plugin data in the reply");
            if (data["error"] is not null)
            {
                throw new JanusException(data["error"]!.GetValue<string>());
            }
            return data;
        }
        finally
        {
            await PostAsync($"{api}/{session}", new JsonObject { ["janus"] = "destroy", ["token"] = token });
        }
    }

    /// <summary>The app's own token for its API calls (token_auth applies to every request).</summary>
    private async Task<string> ServerTokenAsync()
    {
        if (_serverToken is null)
        {
            var token = "app-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
            await AdminRequestAsync("add_token", new JsonObject { ["token"] = token, ["plugins"] = new JsonArray(Plugin) });
            _serverToken = token;
        }
        return _serverToken;
    }

    private Task<JsonObject> AdminRequestAsync(string request, JsonObject body) => JanusApi.AdminAsync(http, options.CurrentValue, request, body);

    private Task<JsonObject> PostAsync(string url, JsonObject body) => JanusApi.PostAsync(http, url, body);
}
