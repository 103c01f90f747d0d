namespace GesprekTool.Coaching;

/// <summary>
/// A way of running a peer-coaching session (intervisie), loaded from a file in
/// questionnaires/methods/: its steps in order, each with a time box and what participants do.
/// </summary>
public sealed record CoachingMethod(string Key, string Title, string Description, bool ShowNames, IReadOnlyList<CoachingStep> Steps)
{
    public int TotalMinutes => Steps.Sum(s => s.Minutes);

    public CoachingStep? StepAt(int index) => index >= 0 && index < Steps.Count ? Steps[index] : null;
}

/// <summary>One step: a title, a time box, the chair's instruction, what participants do, and what
/// (if anything) each participant types in it.</summary>
public sealed record CoachingStep(
    string Key, string Title, int Minutes, string Instruction, string ParticipantsDo,
    ContributionKind Contribution, int PerParticipant, bool CaseBringerListens);

/// <summary>What participants type during a step; the chair reveals it to everyone at once.</summary>
public enum ContributionKind { None, Case, Question, Advice, Agreement }
