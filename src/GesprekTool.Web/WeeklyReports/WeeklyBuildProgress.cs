using GesprekTool.Live;

namespace GesprekTool.WeeklyReports;

/// <summary>One document of a week being built, as the coordinator sees it while they wait.</summary>
public sealed record DocumentProgress(string Title, bool Printed);

/// <summary>
/// The week that this instance is building now, document by document, for the weekly overview's
/// live page (every coordinator who has it open sees the same progress). It holds titles only, no
/// figures. Each step tells the pages through <see cref="LiveChanges.WeeklyReports"/>.
/// </summary>
public sealed class WeeklyBuildProgress(LiveChanges changes)
{
    private readonly Lock _lock = new();
    private ReportWeek? _week;
    private List<DocumentProgress> _documents = [];

    /// <summary>The week being built, or null when nothing is being built here.</summary>
    public ReportWeek? Week { get { lock (_lock) { return _week; } } }

    public IReadOnlyList<DocumentProgress> Documents { get { lock (_lock) { return _documents.ToList(); } } }

    /// <summary>Takes the building for a week; false when another week is being built here already.</summary>
    public bool TryStart(ReportWeek week)
    {
        lock (_lock)
        {
            if (_week is not null)
            {
                return false;
            }
            (_week, _documents) = (week, []);
        }
        _ = changes.PublishAsync(LiveChanges.WeeklyReports);
        return true;
    }

    public Task RenderedAsync(IEnumerable<string> titles)
    {
        lock (_lock)
        {
            _documents = titles.Select(title => new DocumentProgress(title, false)).ToList();
        }
        return changes.PublishAsync(LiveChanges.WeeklyReports);
    }

    public Task PrintedAsync(int index)
    {
        lock (_lock)
        {
            if (index < _documents.Count)
            {
                _documents[index] = _documents[index] with { Printed = true };
            }
        }
        return changes.PublishAsync(LiveChanges.WeeklyReports);
    }

    public Task FinishedAsync()
    {
        lock (_lock)
        {
            (_week, _documents) = (null, []);
        }
        return changes.PublishAsync(LiveChanges.WeeklyReports);
    }
}
