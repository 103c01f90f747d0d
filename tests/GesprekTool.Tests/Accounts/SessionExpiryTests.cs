using System.Net;
using GesprekTool.Accounts;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Accounts;

/// <summary>Sessions end after two idle hours and at the latest twelve hours after sign-in.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SessionExpiryTests(PostgresServer postgres) : AppTestBase(postgres)
{
    private readonly AdjustableClock _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_session_left_alone_for_more_than_two_hours_has_ended()
    {
        var (app, client) = await SignedInWorkerAsync();

        _clock.Advance(TimeSpan.FromMinutes(119));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Caseload.Url())).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(119)); // in use a moment ago: the idle time started again
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Caseload.Url())).StatusCode);

        _clock.Advance(TimeSpan.FromMinutes(121));
        await Task.Delay(Sessions.CheckCacheTime);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Caseload.Url())).StatusCode);
        _ = app;
    }

    [Fact]
    public async Task A_session_in_constant_use_still_ends_twelve_hours_after_sign_in()
    {
        var (_, client) = await SignedInWorkerAsync();

        for (var hour = 0; hour < 11; hour++)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Caseload.Url())).StatusCode);
        }
        _clock.Advance(TimeSpan.FromMinutes(61));
        await Task.Delay(Sessions.CheckCacheTime);

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Caseload.Url())).StatusCode);
    }

    private async Task<(GesprekToolFactory, HttpClient)> SignedInWorkerAsync()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("sanne", Roles.Worker);
        var withClock = app.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));
        var client = SignedInClient.Anonymous(withClock);
        Assert.Equal(HttpStatusCode.Redirect, (await SignedInClient.SignInAsync(client, "sanne", TestWorld.Password)).StatusCode);
        return (app, client);
    }
}

/// <summary>A clock the test moves forward.</summary>
public sealed class AdjustableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
