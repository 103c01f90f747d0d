using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using GesprekTool.WeeklyReports.Sending;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.WeeklyReports.Sending;

/// <summary>
/// The app as a real process, killed (SIGKILL) while the relay has a message and the app has not
/// heard back: after the restart nobody gets a second copy, the rest is sent, and the one in doubt
/// is shown as such.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WeeklyMailCrashTests(PostgresServer postgres) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _running = [];
    private GesprekToolFactory _console = default!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync();
        // The in-process app only prepares the database and the week, as the builder would.
        _console = new GesprekToolFactory(DatabaseEngine.Postgres, _connectionString, RepositoryPaths.NewTempDirectory("console"));
        _ = _console.Services;
    }

    public async Task DisposeAsync()
    {
        foreach (var running in Enumerable.Reverse(_running))
        {
            await running.DisposeAsync();
        }
        await _console.DisposeAsync();
    }

    private Dictionary<string, string> Settings(SmtpServer relay) => new(relay.Settings.Select(s => KeyValuePair.Create(s.Key, s.Value!)))
    {
        ["Database:Engine"] = "postgres",
        ["ConnectionStrings:GesprekTool"] = _connectionString,
        ["Questionnaires:Directory"] = RepositoryPaths.Questionnaires,
        ["DataProtection:KeyEncryptionKey"] = GesprekToolFactory.TestKek,
        ["Demo:Enabled"] = "false",
        ["Calls:PublicBaseUrl"] = "https://127.0.0.1",
        ["WeeklyReports:JobEnabled"] = "false",
        ["WeeklyReports:Sending:PollSeconds"] = "0.2",
        ["AllowedHosts"] = "127.0.0.1;localhost",
    };

    [Fact]
    public async Task Killed_while_the_relay_has_a_message_the_app_resumes_and_nobody_gets_a_second_copy()
    {
        var relay = await SmtpServer.StartAsync();
        _running.Add(relay);
        var world = new WeeklyMailWorld(_console.Services);
        var addresses = await world.WeekWithRecipientsAsync(schools: 4);
        relay.Hold();
        var app = await AppProcess.StartAsync("a", Settings(relay));
        _running.Add(app);
        await app.WaitUntilReadyAsync();

        await _console.Services.GetRequiredService<WeeklyMailStore>().QueueWeekAsync(WeeklyMailWorld.Week, null);
        await WeeklyMailWorld.UntilAsync(() => Task.FromResult(relay.IsHoldingOne), async () => $"{await world.DescribeAsync()}\n{app.Log}");
        await app.KillAsync();
        relay.Release();
        var inDoubt = Assert.Single(relay.Received()).Recipients.Single();

        var restarted = await AppProcess.StartAsync("a", Settings(relay), app.Port);
        _running.Add(restarted);
        await restarted.WaitUntilReadyAsync();
        await WeeklyMailWorld.UntilAsync(async () => (await world.MessagesAsync()).All(m => !MessageStatus.IsOpen(m.Status)),
            async () => $"{await world.DescribeAsync()}\n{restarted.Log}");

        Assert.Equal(addresses.Order(), relay.Received().SelectMany(r => r.Recipients).Order());
        var messages = await world.MessagesAsync();
        var uncertain = Assert.Single(messages, m => m.Status == MessageStatus.Uncertain);
        Assert.Equal(inDoubt, uncertain.Address);
        Assert.All(messages.Where(m => m.Id != uncertain.Id), m => Assert.Equal(MessageStatus.Sent, m.Status));
    }
}
