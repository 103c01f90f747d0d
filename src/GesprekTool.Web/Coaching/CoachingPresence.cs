using System.Collections.Concurrent;
using GesprekTool.Live;

namespace GesprekTool.Coaching;

/// <summary>
/// Who has a coaching session's live page open now, counted per open page (someone with two tabs is
/// there until both close). Kept in memory: with several instances each knows its own circuits, and
/// nginx keeps a session's pages together by its route key (deploy/nginx), so the list is whole.
/// </summary>
public sealed class CoachingPresence(LiveChanges changes)
{
    private readonly LiveChanges _changes = changes;

    private readonly ConcurrentDictionary<(long Session, long User), int> _open = new();

    public IReadOnlySet<long> In(long sessionId) =>
        _open.Where(pair => pair.Key.Session == sessionId && pair.Value > 0).Select(pair => pair.Key.User).ToHashSet();

    /// <summary>Marks the person present until the result is disposed; the others' pages are told both times.</summary>
    public async Task<IAsyncDisposable> EnterAsync(long sessionId, long userId)
    {
        _open.AddOrUpdate((sessionId, userId), 1, (_, count) => count + 1);
        await _changes.PublishAsync(LiveChanges.Coaching(sessionId));
        return new Leave(this, sessionId, userId);
    }

    private sealed class Leave(CoachingPresence presence, long sessionId, long userId) : IAsyncDisposable
    {
        private int _left;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _left, 1) == 1)
            {
                return;
            }
            presence._open.AddOrUpdate((sessionId, userId), 0, (_, count) => Math.Max(0, count - 1));
            await presence._changes.PublishAsync(LiveChanges.Coaching(sessionId));
        }
    }
}
