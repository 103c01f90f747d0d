namespace GesprekTool.Quality;

/// <summary>One moment in a conversation's paradata.</summary>
public sealed record ConversationEvent(string Kind, string? SectionKey, DateTimeOffset At);

/// <summary>The kinds of moments stored (codes as in the database).</summary>
public static class ConversationEventKinds
{
    public const string SectionOpened = "deel-open";
    public const string SectionLeft = "deel-dicht";
    public const string CallDropped = "verbinding-weg";
    public const string CallRestored = "verbinding-terug";
    // A phone call from the conversation (issue 22): dialled, answered by the family, ended.
    public const string PhoneDialled = "bellen-start";
    public const string PhoneAnswered = "bellen-opgenomen";
    public const string PhoneEnded = "bellen-einde";
    // A telephone interpreter added to that call: dialled, answered, ended.
    public const string InterpreterDialled = "tolk-start";
    public const string InterpreterAnswered = "tolk-opgenomen";
    public const string InterpreterEnded = "tolk-einde";
}

/// <summary>
/// Time spent per section of the script, from when the worker opened it until they left it or
/// opened another. A stretch longer than <see cref="IdleCap"/> counts as that much: a tab left open
/// over lunch is not conversation time.
/// </summary>
public static class SectionTimes
{
    public static readonly TimeSpan IdleCap = TimeSpan.FromMinutes(20);

    /// <param name="events">In any order; only section moments count.</param>
    /// <param name="end">When the conversation was finished (closes a section still open), if it was.</param>
    public static IReadOnlyDictionary<string, TimeSpan> From(IEnumerable<ConversationEvent> events, DateTimeOffset? end)
    {
        var times = new Dictionary<string, TimeSpan>();
        (string Key, DateTimeOffset Since)? open = null;
        void Close(DateTimeOffset at)
        {
            if (open is { } current && at > current.Since)
            {
                var spent = at - current.Since;
                times[current.Key] = times.GetValueOrDefault(current.Key) + (spent > IdleCap ? IdleCap : spent);
            }
            open = null;
        }
        foreach (var moment in events.Where(e => e.SectionKey is not null).OrderBy(e => e.At))
        {
            if (moment.Kind == ConversationEventKinds.SectionOpened)
            {
                Close(moment.At);
                open = (moment.SectionKey!, moment.At);
            }
            else if (moment.Kind == ConversationEventKinds.SectionLeft && open?.Key == moment.SectionKey)
            {
                Close(moment.At);
            }
        }
        if (end is { } finished)
        {
            Close(finished);
        }
        return times;
    }

    /// <summary>How often the call dropped, and whether it came back after the last drop.</summary>
    public static (int Drops, bool RestoredAfterLast) CallDrops(IEnumerable<ConversationEvent> events)
    {
        var calls = events.Where(e => e.Kind is ConversationEventKinds.CallDropped or ConversationEventKinds.CallRestored).OrderBy(e => e.At).ToList();
        var drops = calls.Count(e => e.Kind == ConversationEventKinds.CallDropped);
        return (drops, drops == 0 || calls[^1].Kind == ConversationEventKinds.CallRestored);
    }
}
