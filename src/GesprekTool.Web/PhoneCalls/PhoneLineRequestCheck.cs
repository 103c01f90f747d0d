using System.Text.Json;
using System.Text.Json.Nodes;

namespace GesprekTool.PhoneCalls;

/// <summary>
/// What a worker's browser may send to Janus's SIP plugin, as an allow list, and what the app puts
/// in instead. The browser asks to register and to call, but the account, the secret and the number
/// are the app's: "register" and "call" may carry nothing but their name (or, for "call", the very
/// URI of this call's household), and the app fills in the rest. Recording, transfers, accepting
/// incoming calls and every other SIP request are refused, whatever their fields.
/// </summary>
public static class PhoneLineRequestCheck
{
    public const string Plugin = "janus.plugin.sip";

    private static readonly HashSet<string> Verbs = ["create", "attach", "message", "trickle", "keepalive", "detach", "destroy", "hangup"];

    /// <summary>The checked request: its Janus verb, the token it carries, and the body to forward.</summary>
    public sealed record Checked(string Verb, string? Token, byte[] Body);

    public enum Refusal { None, Malformed, NotAllowed }

    /// <summary>The keys the DTMF keypad has.</summary>
    private const string Digits = "0123456789*#";

    public static (Checked? Request, Refusal Refusal) Read(byte[] body, string allowedUri, SipOptions sip)
    {
        JsonObject root;
        try
        {
            using (var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 }))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object || !Coaching.JanusRequestCheck.KeysAreUnique(document.RootElement))
                {
                    return (null, Refusal.Malformed);
                }
            }
            root = JsonNode.Parse(body)!.AsObject();
        }
        catch (JsonException)
        {
            return (null, Refusal.Malformed);
        }
        if (Text(root, "janus") is not { } verb || !Verbs.Contains(verb))
        {
            return (null, Refusal.NotAllowed);
        }
        if (verb == "attach" && Text(root, "plugin") != Plugin)
        {
            return (null, Refusal.NotAllowed);
        }
        if (verb == "message")
        {
            if (root["body"] is not JsonObject message || Rewrite(message, allowedUri, sip) is not { } replaced)
            {
                return (null, Refusal.NotAllowed);
            }
            root["body"] = replaced;
        }
        return (new Checked(verb, Text(root, "token"), JsonSerializer.SerializeToUtf8Bytes(root)), Refusal.None);
    }

    /// <summary>The SIP plugin request the app sends in place of the browser's, or null when it is not allowed.</summary>
    private static JsonObject? Rewrite(JsonObject message, string allowedUri, SipOptions sip)
    {
        var fields = message.Select(f => f.Key).ToHashSet();
        switch (Text(message, "request"))
        {
            case "register" when fields.SetEquals(["request"]):
                // "guest": no REGISTER at the trunk. Each call authenticates with the organisation's
                // account instead, so calls to the organisation's number never ring in a worker's browser.
                return new JsonObject
                {
                    ["request"] = "register", ["type"] = "guest", ["username"] = $"sip:{sip.User}@{sip.Domain}",
                    // Every request goes through the trunk's proxy, not wherever DNS for the domain points.
                    ["display_name"] = sip.DisplayName, ["proxy"] = sip.Proxy, ["outbound_proxy"] = sip.Proxy,
                };
            case "call" when fields.IsSubsetOf(["request", "uri"]) && (!fields.Contains("uri") || Text(message, "uri") == allowedUri):
                var call = new JsonObject
                {
                    ["request"] = "call", ["uri"] = allowedUri,
                    ["authuser"] = string.IsNullOrWhiteSpace(sip.AuthUser) ? sip.User : sip.AuthUser, ["secret"] = sip.Secret,
                };
                if (!string.IsNullOrWhiteSpace(sip.CallerNumber))
                {
                    call["headers"] = new JsonObject { ["P-Asserted-Identity"] = $"\"{sip.DisplayName}\" <sip:{sip.CallerNumber}@{sip.Domain}>" };
                }
                return call;
            case "hangup" when fields.SetEquals(["request"]):
                return new JsonObject { ["request"] = "hangup" };
            case "dtmf_info" when fields.IsSubsetOf(["request", "digit", "duration"])
                                  && Text(message, "digit") is { Length: 1 } digit && Digits.Contains(digit[0])
                                  && (!fields.Contains("duration") || message["duration"] is JsonValue d && d.TryGetValue<int>(out var ms) && ms is >= 40 and <= 2000):
                return new JsonObject { ["request"] = "dtmf_info", ["digit"] = digit, ["duration"] = message["duration"]?.GetValue<int>() ?? 160 };
            default:
                return null;
        }
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
