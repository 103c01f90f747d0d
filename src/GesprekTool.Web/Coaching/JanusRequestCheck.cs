using System.Text.Json;

namespace GesprekTool.Coaching;

/// <summary>What the proxy makes of one request from a participant's browser.</summary>
public sealed record JanusRequest(string Verb, string? Token, IReadOnlyList<long> Rooms, IReadOnlyList<long> Feeds);

/// <summary>
/// The rule for what a participant's browser may send to Janus, as an allow list: only the
/// messages the coaching page needs (create a session, attach the VideoRoom plugin, join, publish,
/// subscribe, trickle, keep alive, leave). Anything that is not one JSON object with unique keys is
/// refused, and so is every other verb (server info, claim) and every other VideoRoom request
/// (exists, listparticipants, create, destroy, recording). Which room and which feeds a request
/// names is returned, so the proxy can hold them against the room the token was given for.
/// </summary>
public static class JanusRequestCheck
{
    private static readonly HashSet<string> Verbs = ["create", "attach", "message", "trickle", "keepalive", "detach", "destroy", "hangup"];

    // What coaching-video.js sends, and "leave"/"unpublish" for a clean hang-up.
    private static readonly HashSet<string> VideoRoomRequests = ["join", "configure", "publish", "unpublish", "subscribe", "unsubscribe", "update", "start", "pause", "switch", "leave"];

    // Fields of a VideoRoom request that would record, forward or administer; refused whatever their value.
    private static readonly HashSet<string> RefusedFields = ["record", "filename", "rec_dir", "recording", "enable_recording", "secret", "admin_key", "new_secret", "permanent"];

    /// <summary>What the proxy answers to a request it does not forward.</summary>
    public enum Refusal { None, Malformed, NotAllowed }

    /// <summary>The request, or why it must not reach Janus: not one JSON object with unique keys (400), or not on the allow list (403).</summary>
    public static (JanusRequest? Request, Refusal Refusal) Read(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return (null, Refusal.Malformed);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !KeysAreUnique(root))
            {
                return (null, Refusal.Malformed);
            }
            if (String(root, "janus") is not { } verb || !Verbs.Contains(verb))
            {
                return (null, Refusal.NotAllowed);
            }
            if (verb == "attach" && String(root, "plugin") != CoachingVideo.Plugin)
            {
                return (null, Refusal.NotAllowed);
            }
            var rooms = new List<long>();
            var feeds = new List<long>();
            if (verb == "message" && !ReadMessage(root, rooms, feeds))
            {
                return (null, Refusal.NotAllowed);
            }
            return (new JanusRequest(verb, String(root, "token"), rooms, feeds), Refusal.None);
        }
    }

    private static bool ReadMessage(JsonElement root, List<long> rooms, List<long> feeds)
    {
        if (!root.TryGetProperty("body", out var message) || message.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        if (String(message, "request") is not { } request || !VideoRoomRequests.Contains(request))
        {
            return false;
        }
        if (message.EnumerateObject().Any(field => RefusedFields.Contains(field.Name)))
        {
            return false;
        }
        return Collect(message, rooms, feeds);
    }

    /// <summary>Every "room" and every "feed" anywhere in the message (streams lists included); false when one is not a number.</summary>
    private static bool Collect(JsonElement element, List<long> rooms, List<long> feeds)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var field in element.EnumerateObject())
                {
                    if (field.Name is "room" or "feed")
                    {
                        if (field.Value.ValueKind != JsonValueKind.Number || !field.Value.TryGetInt64(out var id))
                        {
                            return false; // string ids are off in our janus.jcfg; anything else is not ours
                        }
                        (field.Name == "room" ? rooms : feeds).Add(id);
                    }
                    else if (!Collect(field.Value, rooms, feeds))
                    {
                        return false;
                    }
                }
                return true;
            case JsonValueKind.Array:
                return element.EnumerateArray().All(item => Collect(item, rooms, feeds));
            default:
                return true;
        }
    }

    internal static bool KeysAreUnique(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() == element.EnumerateObject().Count()
            && element.EnumerateObject().All(f => KeysAreUnique(f.Value)),
        JsonValueKind.Array => element.EnumerateArray().All(KeysAreUnique),
        _ => true,
    };

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
