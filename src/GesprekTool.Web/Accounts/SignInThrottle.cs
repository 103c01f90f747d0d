using System.Collections.Concurrent;

namespace GesprekTool.Accounts;

/// <summary>
/// In-memory counters that slow down password guessing where the account lockout cannot: failures
/// per client address (many names tried from one place), and failures per unknown user name, so an
/// unknown name "locks" exactly like a real one and the lockout message reveals no account.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IConfiguration configuration)
{
    private static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _byAddress = new();
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset? LockedUntil)> _unknownNames = new();

    private int PerAddressPerMinute => configuration.GetValue("Accounts:FailedSignInsPerAddressPerMinute", 10);
    private int MaxFailures => configuration.GetValue("Accounts:MaxFailedSignIns", 5);
    private TimeSpan LockoutDuration => TimeSpan.FromMinutes(configuration.GetValue("Accounts:LockoutMinutes", 15));

    public bool AddressMayTry(string address)
    {
        if (!_byAddress.TryGetValue(address, out var failures))
        {
            return true;
        }
        lock (failures)
        {
            Forget(failures);
            return failures.Count < PerAddressPerMinute;
        }
    }

    public void AddressFailed(string address)
    {
        var failures = _byAddress.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Forget(failures);
            failures.Enqueue(clock.GetUtcNow());
        }
        Bound(_byAddress.Count > 10_000, () => _byAddress.Clear());
    }

    /// <summary>Counts a failure for a name that has no account; true when that name now reads as locked.</summary>
    public bool UnknownNameFailed(string userName)
    {
        var now = clock.GetUtcNow();
        var (failures, lockedUntil) = _unknownNames.AddOrUpdate(Key(userName),
            _ => (1, MaxFailures <= 1 ? now + LockoutDuration : null),
            (_, current) =>
            {
                var count = (current.LockedUntil is { } until && until <= now ? 0 : current.Failures) + 1;
                return (count, count >= MaxFailures ? current.LockedUntil is { } still && still > now ? still : now + LockoutDuration : null);
            });
        Bound(_unknownNames.Count > 10_000, () => _unknownNames.Clear());
        return failures >= MaxFailures && lockedUntil > now;
    }

    public bool UnknownNameIsLocked(string userName) =>
        _unknownNames.TryGetValue(Key(userName), out var entry) && entry.LockedUntil > clock.GetUtcNow();

    private static string Key(string userName) => userName.Trim().ToLowerInvariant();

    private void Forget(Queue<DateTimeOffset> failures)
    {
        var since = clock.GetUtcNow() - AddressWindow;
        while (failures.Count > 0 && failures.Peek() < since)
        {
            failures.Dequeue();
        }
    }

    // Under a spray from very many addresses or names, memory stays bounded; the account lockout still holds.
    private static void Bound(bool tooMany, Action clear)
    {
        if (tooMany)
        {
            clear();
        }
    }
}
