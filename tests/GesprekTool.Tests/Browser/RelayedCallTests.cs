using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace GesprekTool.Tests.Browser;

/// <summary>
/// Households behind carrier NAT need a relay: with only relay candidates allowed, the call still
/// carries video both ways, through a coturn started for this test with a shared secret, using the
/// short-lived credentials the app mints.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RelayedCallTests(ChromiumBrowser chromium, PostgresServer postgres) : CallTestBase(chromium, postgres)
{
    private TurnServer _turn = default!;

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Calls:TurnUrls:0"] = _turn.Url,
        ["Calls:TurnSecret"] = _turn.Secret,
        ["Calls:IceTransportPolicy"] = "relay",
    };

    public override async Task InitializeAsync()
    {
        _turn = await TurnServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _turn.DisposeAsync();
    }

    [Fact]
    public async Task Video_decodes_on_both_sides_when_every_packet_goes_through_the_turn_relay()
    {
        await StartCallAsync();
        var link = await CreateLinkAsync("Link voor het gezin maken");
        var household = await OpenAsGuestAsync(link, "nl-NL");
        await Room.GetByRole(AriaRole.Button, new() { Name = "Binnenlaten" }).ClickAsync();

        await CallPages.ExpectLiveVideoAsync(Page, peers: 1);
        await CallPages.ExpectLiveVideoAsync(household, peers: 1);
        Assert.All(await CallPages.CandidateTypesAsync(Page), type => Assert.Equal("relay", type));
        Assert.All(await CallPages.CandidateTypesAsync(household), type => Assert.Equal("relay", type));
        Assert.NotEmpty(await CallPages.CandidateTypesAsync(Page));
        Assert.True(_turn.AllocationsLogged >= 2, $"coturn logged {_turn.AllocationsLogged} allocations");
    }
}
