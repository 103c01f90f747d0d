using System.Text;
using GesprekTool.Coaching;

namespace GesprekTool.Tests.Coaching;

public sealed class JanusRequestCheckTests
{
    private static (JanusRequest? Request, JanusRequestCheck.Refusal Refusal) Read(string json) => JanusRequestCheck.Read(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"body\":{},\"body\":{}}")]
    [InlineData("{\"janus\":\"message\",\"body\":{\"request\":\"join\",\"room\":1,\"room\":2}}")]
    [InlineData("nonsense")]
    [InlineData("")]
    [InlineData("null")]
    public void Anything_but_one_json_object_with_unique_keys_is_malformed(string json)
    {
        Assert.Equal(JanusRequestCheck.Refusal.Malformed, Read(json).Refusal);
    }

    [Theory]
    [InlineData("{\"janus\":\"info\"}")]
    [InlineData("{\"janus\":\"claim\",\"token\":\"t\"}")]
    [InlineData("{\"janus\":\"attach\",\"plugin\":\"janus.plugin.sip\",\"token\":\"t\"}")]
    [InlineData("{\"janus\":\"message\",\"token\":\"t\",\"body\":{\"request\":\"exists\",\"room\":5}}")]
    [InlineData("{\"janus\":\"message\",\"token\":\"t\",\"body\":{\"request\":\"listparticipants\",\"room\":5}}")]
    [InlineData("{\"janus\":\"message\",\"token\":\"t\",\"body\":{\"request\":\"configure\",\"record\":true}}")]
    [InlineData("{\"janus\":\"message\",\"token\":\"t\",\"body\":{\"request\":\"join\",\"room\":\"5\"}}")]
    [InlineData("{\"janus\":\"message\",\"token\":\"t\",\"body\":[]}")]
    public void Verbs_and_videoroom_requests_the_page_does_not_need_are_not_allowed(string json)
    {
        Assert.Equal(JanusRequestCheck.Refusal.NotAllowed, Read(json).Refusal);
    }

    [Fact]
    public void Every_room_and_feed_a_message_names_is_read_out_streams_included()
    {
        var (request, refusal) = Read("{\"janus\":\"message\",\"token\":\"abc\",\"body\":{\"request\":\"join\",\"ptype\":\"subscriber\",\"room\":7,\"streams\":[{\"feed\":11},{\"feed\":12,\"mid\":\"1\"}]}}");

        Assert.Equal(JanusRequestCheck.Refusal.None, refusal);
        Assert.Equal("abc", request!.Token);
        Assert.Equal([7L], request.Rooms);
        Assert.Equal([11L, 12L], request.Feeds);
    }
}
