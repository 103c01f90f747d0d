using System.Text;
using System.Text.Json.Nodes;
using GesprekTool.PhoneCalls;
using static GesprekTool.PhoneCalls.PhoneLineRequestCheck;

namespace GesprekTool.Tests.PhoneCalls;

public sealed class PhoneLineRequestCheckTests
{
    private const string Household = "sip:+31612345678@sip.test";

    private static readonly SipOptions Sip = new()
    {
        Domain = "sip.test", Proxy = "sip:trunk.test:5060", User = "org", Secret = "geheim-van-de-organisatie",
        DisplayName = "Gezinswerk", CallerNumber = "+31715000000",
    };

    private static (Checked? Request, Refusal Refusal) Check(string json) => Read(Encoding.UTF8.GetBytes(json), Household, Sip);

    private static JsonObject BodyOf(Checked request) => JsonNode.Parse(request.Body)!["body"]!.AsObject();

    [Fact]
    public void Register_gets_the_organisations_account_put_in_by_the_app()
    {
        var (request, _) = Check("""{"janus":"message","token":"t","transaction":"x","body":{"request":"register"}}""");
        var body = BodyOf(request!);
        Assert.Equal("guest", body["type"]!.GetValue<string>());
        Assert.Equal("sip:org@sip.test", body["username"]!.GetValue<string>());
        Assert.Equal("sip:trunk.test:5060", body["outbound_proxy"]!.GetValue<string>());
        Assert.Equal("t", request!.Token);
    }

    [Fact]
    public void A_call_goes_to_the_households_number_with_the_secret_added_by_the_app()
    {
        foreach (var json in new[]
                 {
                     """{"janus":"message","token":"t","body":{"request":"call"},"jsep":{"type":"offer","sdp":"v=0"}}""",
                     $$$"""{"janus":"message","token":"t","body":{"request":"call","uri":"{{{Household}}}"},"jsep":{"type":"offer","sdp":"v=0"}}""",
                 })
        {
            var (request, refusal) = Check(json);
            Assert.Equal(Refusal.None, refusal);
            var body = BodyOf(request!);
            Assert.Equal(Household, body["uri"]!.GetValue<string>());
            Assert.Equal("geheim-van-de-organisatie", body["secret"]!.GetValue<string>());
            Assert.Equal("\"Gezinswerk\" <sip:+31715000000@sip.test>", body["headers"]!["P-Asserted-Identity"]!.GetValue<string>());
            Assert.Equal("offer", JsonNode.Parse(request!.Body)!["jsep"]!["type"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("""{"janus":"message","body":{"request":"call","uri":"sip:+31687654321@sip.test"}}""")]
    [InlineData("""{"janus":"message","body":{"request":"call","uri":"sip:+31612345678@elders.test"}}""")]
    [InlineData("""{"janus":"message","body":{"request":"call","headers":{"X-Record":"yes"}}}""")]
    [InlineData("""{"janus":"message","body":{"request":"call","secret":"mine"}}""")]
    [InlineData("""{"janus":"message","body":{"request":"register","proxy":"sip:evil.test"}}""")]
    [InlineData("""{"janus":"message","body":{"request":"register","type":"helper"}}""")]
    [InlineData("""{"janus":"message","body":{"request":"recording","action":"start","audio":true}}""")]
    [InlineData("""{"janus":"message","body":{"request":"transfer","uri":"sip:+31687654321@sip.test"}}""")]
    [InlineData("""{"janus":"message","body":{"request":"accept"}}""")]
    [InlineData("""{"janus":"message","body":{"request":"message","content":"hoi"}}""")]
    [InlineData("""{"janus":"message","body":{"request":"hangup","record":true}}""")]
    [InlineData("""{"janus":"message","body":{"request":"dtmf_info","digit":"12"}}""")]
    [InlineData("""{"janus":"message","body":{"request":"dtmf_info","digit":"A"}}""")]
    [InlineData("""{"janus":"message","body":{"request":"dtmf_info","digit":"5","duration":100000}}""")]
    [InlineData("""{"janus":"attach","plugin":"janus.plugin.videoroom"}""")]
    [InlineData("""{"janus":"info"}""")]
    [InlineData("""{"janus":"claim"}""")]
    public void Anything_but_what_the_softphone_needs_is_refused(string json) =>
        Assert.Equal(Refusal.NotAllowed, Check(json).Refusal);

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"janus":"message","janus":"create"}""")]
    public void What_is_not_one_JSON_object_with_unique_keys_is_malformed(string json) =>
        Assert.Equal(Refusal.Malformed, Check(json).Refusal);

    [Fact]
    public void Keys_of_the_phone_menu_pass_as_SIP_INFO()
    {
        var (request, _) = Check("""{"janus":"message","body":{"request":"dtmf_info","digit":"#"}}""");
        Assert.Equal("#", BodyOf(request!)["digit"]!.GetValue<string>());
        Assert.Equal(Refusal.None, Check("""{"janus":"trickle","candidate":{"completed":true}}""").Refusal);
        Assert.Equal(Refusal.None, Check("""{"janus":"attach","plugin":"janus.plugin.sip"}""").Refusal);
    }
}
