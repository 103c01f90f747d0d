namespace GesprekTool.Calls;

/// <summary>
/// Every two seconds, brings this instance's rooms in line with the database, for what another
/// instance changed: a call ended or a link revoked there (a page post may reach any instance), or
/// the room claimed by another instance, whose participants must not be split from these.
/// With one instance this finds nothing to do.
/// </summary>
public sealed class CallRoomWatch(CallRooms rooms, CallRoomHosts hosts, CallRoomNotifier notifier, TimeProvider clock, ILogger<CallRoomWatch> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, clock, stoppingToken);
            try
            {
                await CheckAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not compare the call rooms with the database; trying again");
            }
        }
    }

    public async Task CheckAsync()
    {
        var held = rooms.CallIds;
        if (held.Count == 0)
        {
            return;
        }
        foreach (var state in await hosts.StatesAsync(held))
        {
            if (state.EndedAt is not null)
            {
                await notifier.CloseRoomAsync(state.CallId);
            }
            else if (state.Host is not null && state.Host != hosts.Me)
            {
                logger.LogInformation("Call {CallId} is now held by {Host}: sending its participants there", state.CallId, state.Host);
                await notifier.HandOverAsync(state.CallId);
            }
        }
        foreach (var (callId, linkId) in await hosts.RevokedLinksAsync(held))
        {
            await notifier.RemoveLinkAsync(callId, linkId);
        }
    }
}
