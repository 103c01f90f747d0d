using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GesprekTool.Coaching;
using Microsoft.Extensions.Options;

namespace GesprekTool.PhoneCalls;

/// <summary>
/// The app's side of Janus for phone calls: a Janus token per dialling attempt, allowed the SIP
/// plugin only, added through Janus's admin API when the worker presses "Bellen" and taken back when
/// the attempt ends, so a token cannot be used for a second call.
/// </summary>
public sealed class PhoneLine(HttpClient http, IOptionsMonitor<JanusOptions> janus, IOptionsMonitor<SipOptions> sip, ILogger<PhoneLine> logger)
{
    /// <summary>Both Janus and the organisation's SIP account are configured.</summary>
    public bool IsAvailable => janus.CurrentValue.IsConfigured && sip.CurrentValue.IsConfigured;

    public async Task<string?> OpenTokenAsync()
    {
        var token = "tel-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        try
        {
            await AdminAsync("add_token", new JsonObject { ["token"] = token, ["plugins"] = new JsonArray(PhoneLineRequestCheck.Plugin) });
            return token;
        }
        catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException or System.Text.Json.JsonException)
        {
            logger.LogWarning(e, "Janus: could not add a phone-call token");
            return null;
        }
    }

    /// <summary>Janus refuses the token's next request; a call still running on it hangs up when its Janus session goes.</summary>
    public async Task CloseTokenAsync(string token)
    {
        try
        {
            await AdminAsync("remove_token", new JsonObject { ["token"] = token });
        }
        catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException or System.Text.Json.JsonException)
        {
            logger.LogWarning(e, "Janus: could not remove a phone-call token");
        }
    }

    private Task AdminAsync(string request, JsonObject body) => JanusApi.AdminAsync(http, janus.CurrentValue, request, body);
}
