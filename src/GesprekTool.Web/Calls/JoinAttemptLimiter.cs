using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace GesprekTool.Calls;

/// <summary>
/// Slows down guessing of join links: an address that opened too many unusable links in ten minutes
/// is refused for a while. Only failures count, because many households on one mobile carrier share
/// one public address and must still get in with a good link.
/// </summary>
public sealed class JoinAttemptLimiter(IOptionsMonitor<CallOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();

    public bool MayTry(string address)
    {
        if (!_failures.TryGetValue(address, out var failures))
        {
            return true;
        }
        lock (failures)
        {
            Forget(failures);
            return failures.Count < options.CurrentValue.FailedJoinsPerTenMinutes;
        }
    }

    public void RecordFailure(string address)
    {
        var failures = _failures.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Forget(failures);
            failures.Enqueue(clock.GetUtcNow());
        }
        if (_failures.Count > 10_000)
        {
            // Bound memory under a spray from many addresses: drop those with nothing recent.
            foreach (var (key, queue) in _failures)
            {
                lock (queue)
                {
                    Forget(queue);
                    if (queue.Count == 0)
                    {
                        _failures.TryRemove(key, out _);
                    }
                }
            }
        }
    }

    private void Forget(Queue<DateTimeOffset> failures)
    {
        var since = clock.GetUtcNow() - Window;
        while (failures.Count > 0 && failures.Peek() < since)
        {
            failures.Dequeue();
        }
    }
}
