using System.Text.Json;
using GesprekTool.Calls;

namespace GesprekTool.Tests.Calls;

public sealed class TurnCredentialsTests
{
    [Fact]
    public void Credentials_follow_the_turn_rest_scheme_that_coturn_checks()
    {
        // Expected password computed independently:
        // echo -n "1700003600:g42" | openssl dgst -sha1 -hmac "coturn-shared-secret" -binary | base64
        var (userName, password) = TurnCredentials.Mint("coturn-shared-secret", "g42", DateTimeOffset.FromUnixTimeSeconds(1_700_003_600));
        Assert.Equal("1700003600:g42", userName);
        Assert.Equal("GjaFS3j3Dalh3LL4H5tVoStHQ7U=", password);
    }

    [Fact]
    public void Each_participant_gets_credentials_that_expire_after_the_configured_time()
    {
        var options = new CallOptions { TurnUrls = ["turn:127.0.0.1:3478"], TurnSecret = "s", TurnCredentialMinutes = 90 };
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var json = JsonSerializer.SerializeToElement(IceConfiguration.For(options, "w7", now));
        var turn = json.GetProperty("iceServers")[0];
        Assert.Equal($"{now.AddMinutes(90).ToUnixTimeSeconds()}:w7", turn.GetProperty("username").GetString());
        Assert.Equal(TurnCredentials.Mint("s", "w7", now.AddMinutes(90)).Password, turn.GetProperty("credential").GetString());
        Assert.Equal("all", json.GetProperty("iceTransportPolicy").GetString());
    }

    [Fact]
    public void Without_a_secret_no_turn_server_is_offered()
    {
        var options = new CallOptions { StunUrls = ["stun:127.0.0.1:3478"], TurnUrls = ["turn:127.0.0.1:3478"], TurnSecret = null };
        var json = JsonSerializer.SerializeToElement(IceConfiguration.For(options, "w7", DateTimeOffset.UnixEpoch));
        var servers = json.GetProperty("iceServers");
        Assert.Equal(1, servers.GetArrayLength());
        Assert.False(servers[0].TryGetProperty("credential", out _));
    }
}
