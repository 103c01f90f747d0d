namespace GesprekTool.Coaching;

/// <summary>What one participant sees of a step's contributions: their own always, the others' only
/// once the chair revealed the step, and names only where the method shows them.</summary>
public sealed record VisibleContribution(long Id, string Text, string? Author, bool IsOwn, bool Revealed);

public static class ContributionVisibility
{
    public static IReadOnlyList<VisibleContribution> For(long viewerId, bool showNames, IEnumerable<CoachingContribution> contributions) =>
        contributions
            .Where(c => c.UserId == viewerId || c.RevealedAt is not null)
            // Without names, the order of typing could still tell who wrote what: sort by text instead.
            .OrderBy(c => c.UserId == viewerId ? 0 : 1)
            .ThenBy(c => showNames ? c.CreatedAt.UtcTicks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) : c.Text, StringComparer.Ordinal)
            .Select(c => new VisibleContribution(c.Id, c.Text,
                c.UserId == viewerId ? "U" : showNames ? c.DisplayName : null,
                c.UserId == viewerId, c.RevealedAt is not null))
            .ToList();
}
