using GesprekTool.Data;
using Npgsql;

namespace GesprekTool.Live;

/// <summary>
/// With several instances on one PostgreSQL database: every change is sent with <c>NOTIFY</c> and
/// every instance <c>LISTEN</c>s on one dedicated connection, so a chair's click on instance A reaches
/// the circuits on instance B within milliseconds, without a table polled on a timer. The message
/// names the topic and the sending process (which ignores its own). After the connection drops, it
/// reconnects and tells every followed topic once, for what it may have missed. With SQLite there is
/// only one instance and nothing to relay.
/// </summary>
public sealed class PostgresChangeRelay(Database database, LiveChanges changes, ILogger<PostgresChangeRelay> logger)
    : BackgroundService
{
    public const string Channel = "gesprektool_changes";

    /// <summary>This process among the listeners: its own messages come back to it and are skipped.</summary>
    private readonly string _origin = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Engine != DatabaseEngine.Postgres)
        {
            return;
        }
        changes.Relay = SendAsync;
        var retry = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Lost the change channel to the other instances; listening again in {Retry}", retry);
                await Task.Delay(retry, stoppingToken);
                retry = TimeSpan.FromSeconds(Math.Min(retry.TotalSeconds * 2, 30));
                continue;
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, message) => _ = ReceiveAsync(message.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }
        // Whatever changed while this instance was not listening.
        foreach (var topic in changes.FollowedTopics)
        {
            await changes.NotifyHereAsync(topic);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    private Task ReceiveAsync(string payload)
    {
        var split = payload.IndexOf(' ', StringComparison.Ordinal);
        if (split <= 0 || payload[..split] == _origin)
        {
            return Task.CompletedTask; // our own change: already told here
        }
        return changes.NotifyHereAsync(payload[(split + 1)..]);
    }

    private async Task SendAsync(string topic)
    {
        await using var connection = await database.OpenAsync();
        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", (NpgsqlConnection)connection);
        notify.Parameters.AddWithValue("channel", Channel);
        notify.Parameters.AddWithValue("payload", $"{_origin} {topic}");
        await notify.ExecuteNonQueryAsync();
    }
}
