using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace GesprekTool.Coaching;

/// <summary>
/// One request to Janus's HTTP API (or its admin API, with the admin secret), for the coaching video
/// and the phone line alike: a fresh transaction id, and Janus's "error" reply turned into a
/// <see cref="JanusException"/> with Janus's reason.
/// </summary>
public static class JanusApi
{
    public static async Task<JsonObject> PostAsync(HttpClient http, string url, JsonObject body)
    {
        body["transaction"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        using var response = await http.PostAsJsonAsync(url, body);
        response.EnsureSuccessStatusCode();
        var reply = await response.Content.ReadFromJsonAsync<JsonObject>() ?? throw new JanusException("empty reply");
        return reply["janus"]?.GetValue<string>() is "success" or "ack" ? reply
            : throw new JanusException(reply["error"]?["reason"]?.GetValue<string>() ?? reply.ToJsonString());
    }

    public static Task<JsonObject> AdminAsync(HttpClient http, JanusOptions options, string request, JsonObject body)
    {
        body["janus"] = request;
        body["admin_secret"] = options.AdminSecret;
        return PostAsync(http, options.AdminUrl!, body);
    }
}

public sealed class JanusException(string message) : Exception(message);
