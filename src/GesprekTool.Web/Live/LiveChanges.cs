using System.Collections.Concurrent;

namespace GesprekTool.Live;

/// <summary>
/// "Something in this topic changed" for the live pages on this instance: a coaching session
/// (<c>coaching:12</c>), a practice conversation, a call. An interactive component subscribes while
/// it is shown and loads what it may see again when told; the message carries no content, so what a
/// person sees is always decided by that component's own checks. With several instances on one
/// PostgreSQL database, <see cref="PostgresChangeRelay"/> carries each change to the other instances.
/// </summary>
public sealed class LiveChanges(ILogger<LiveChanges> logger)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<Task>>> _subscribers = new();

    /// <summary>Set when a relay to other instances runs; a change made here is sent there too.</summary>
    internal Func<string, Task>? Relay { get; set; }

    public static string Coaching(long sessionId) => $"coaching:{sessionId}";
    public static string Practice(long practiceId) => $"practice:{practiceId}";
    public static string Call(long callId) => $"call:{callId}";
    /// <summary>Where the worker is in a conversation's script (a practice page's card follows it).</summary>
    public static string Conversation(long conversationId) => $"conversation:{conversationId}";
    /// <summary>A call ended, a join link was revoked or a call's room moved to another instance.</summary>
    public const string Calls = "calls";
    public const string WeeklyReports = "weekly-reports";
    /// <summary>A weekly document was queued, sent or refused (the sending page shows progress).</summary>
    public const string WeeklyMail = "weekly-mail";
    public const string Users = "users";

    /// <summary>Calls <paramref name="onChange"/> after every change to the topic until the result is disposed.</summary>
    public IDisposable Subscribe(string topic, Func<Task> onChange)
    {
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(topic, _ => new()).TryAdd(id, onChange);
        return new Subscription(() =>
        {
            if (_subscribers.TryGetValue(topic, out var list))
            {
                list.TryRemove(id, out _);
            }
        });
    }

    /// <summary>Tells this instance's subscribers, and the other instances' through the relay.</summary>
    public async Task PublishAsync(string topic)
    {
        await NotifyHereAsync(topic);
        if (Relay is { } relay)
        {
            try
            {
                await relay(topic);
            }
            catch (Exception e)
            {
                // The change is saved; other instances' pages catch up when their relay reconnects.
                logger.LogWarning(e, "Could not pass the change of {Topic} to the other instances", topic);
            }
        }
    }

    /// <summary>Tells this instance's subscribers only: for what only this instance holds (a call's room).</summary>
    public Task PublishHereAsync(string topic) => NotifyHereAsync(topic);

    /// <summary>
    /// A change made here or reported by another instance. Each page reloads on its own: the one who
    /// clicked does not wait for everyone else's page.
    /// </summary>
    internal Task NotifyHereAsync(string topic)
    {
        if (_subscribers.TryGetValue(topic, out var list))
        {
            foreach (var onChange in list.Values)
            {
                _ = TellAsync(onChange, topic);
            }
        }
        return Task.CompletedTask;
    }

    private async Task TellAsync(Func<Task> onChange, string topic)
    {
        try
        {
            await onChange();
        }
        catch (Exception e)
        {
            // One broken page must not keep the change from the others.
            logger.LogWarning(e, "A live page could not take the change of {Topic}", topic);
        }
    }

    /// <summary>Every topic someone here follows: after the relay reconnects, each is told once (something may have changed meanwhile).</summary>
    internal IReadOnlyList<string> FollowedTopics => _subscribers.Where(pair => !pair.Value.IsEmpty).Select(pair => pair.Key).ToList();

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
