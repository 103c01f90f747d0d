using GesprekTool.Live;

namespace GesprekTool.Calls;

/// <summary>
/// Brings this instance's rooms in line with the database whenever a call changed somewhere
/// (<see cref="LiveChanges.Calls"/>, carried between instances by PostgreSQL NOTIFY): a call ended or
/// a link revoked on another instance (a page post may reach any instance), or the room claimed by
/// another instance, whose participants must not be split from these. No timer: with one instance,
/// or when nothing changes, it does nothing.
/// </summary>
public sealed class CallRoomWatch(CallRooms rooms, CallRoomHosts hosts, CallRoomNotifier notifier, LiveChanges changes, ILogger<CallRoomWatch> logger)
    : IHostedService
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = changes.Subscribe(LiveChanges.Calls, CheckSafelyAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task CheckSafelyAsync()
    {
        try
        {
            await CheckAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not compare the call rooms with the database; the next change tries again");
        }
    }

    // Changes asked for, and how many of them the last finished comparison covered. A burst of
    // changes (a thousand calls starting) then costs one or two comparisons, not one each: the
    // signalling benchmark found 5,000 queued comparisons keeping a core busy for minutes.
    private long _asked;
    private long _covered;

    /// <summary>Returns once a comparison that started after this call has finished.</summary>
    public async Task CheckAsync()
    {
        var asked = Interlocked.Increment(ref _asked);
        await _oneAtATime.WaitAsync();
        try
        {
            if (_covered >= asked)
            {
                return; // a comparison that began after this change already saw it
            }
            var upTo = Interlocked.Read(ref _asked);
            await CompareAsync();
            _covered = upTo;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task CompareAsync()
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
