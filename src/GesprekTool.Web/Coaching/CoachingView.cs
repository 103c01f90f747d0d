using GesprekTool.Accounts;

namespace GesprekTool.Coaching;

/// <summary>
/// What one person may see of a coaching session right now, and what they may do: loaded from the
/// database for that person (a participant, the session's trainer, or a guest trainer who only
/// watches). The live components render it and check every click against a fresh copy.
/// </summary>
public sealed class CoachingView
{
    public required CoachingSession Session { get; init; }
    public required CoachingMethod Method { get; init; }
    /// <summary>0 for a guest trainer, who has no account.</summary>
    public required long UserId { get; init; }
    public IReadOnlyList<CoachingParticipant> Participants { get; init; } = [];
    public IReadOnlyList<CoachingContribution> Contributions { get; init; } = [];
    public IReadOnlyList<CoachingPoll> Polls { get; init; } = [];
    public IReadOnlyDictionary<long, IReadOnlyList<string>> PollAnswers { get; init; } = new Dictionary<long, IReadOnlyList<string>>();
    public IReadOnlySet<long> Answered { get; init; } = new HashSet<long>();
    public IReadOnlyList<CoachingGuest> Guests { get; init; } = [];
    public bool Evaluated { get; init; }
    public IReadOnlyList<(int Score, string Sentence)> Evaluations { get; init; } = [];

    public CoachingStep? Step => Method.StepAt(Session.CurrentStep);

    /// <summary>The person's role in the session, or null for the trainer and guests, who lead or watch.</summary>
    public string? MyRole => Participants.FirstOrDefault(p => p.UserId == UserId && UserId != 0)?.Role;

    /// <summary>Only the trainer who planned the session invites and admits guest trainers.</summary>
    public bool IsTrainer => UserId != 0 && Session.TrainerId == UserId;

    /// <summary>The trainer who planned it and the chair move the session on, reveal and open polls.</summary>
    public bool MayLead => IsTrainer || MyRole == CoachingRoles.Chair;

    /// <summary>Participants take part (contribute, answer, raise a hand); the trainer leads and guests watch.</summary>
    public bool TakesPart => MyRole is not null;

    public IReadOnlyList<VisibleContribution> ContributionsOf(CoachingStep step) =>
        ContributionVisibility.For(UserId, Method.ShowNames, Contributions.Where(c => c.StepKey == step.Key));

    /// <summary>How many contributions the person may still add to a step (0 for whoever does not take part).</summary>
    public int RemainingFor(CoachingStep step) => !TakesPart ? 0
        : step.PerParticipant - Contributions.Count(c => c.StepKey == step.Key && c.UserId == UserId);
}

/// <summary>Loads <see cref="CoachingView"/>s: for a signed-in person (only sessions they may see) or for an admitted guest trainer.</summary>
public sealed class CoachingViews(CoachingStore sessions, CoachingGuestStore guests, CoachingMethodCatalog methods)
{
    /// <summary>Null when the person may not see the session (not invited, or it does not exist).</summary>
    public async Task<CoachingView?> ForAsync(CurrentUser user, long sessionId)
    {
        var session = await sessions.FindForAsync(user, sessionId);
        return session is null ? null : await LoadAsync(session, user.Id);
    }

    /// <summary>A guest trainer sees the steps, what was revealed and the polls' results; nothing of their own.</summary>
    public async Task<CoachingView?> ForGuestAsync(long sessionId)
    {
        var session = await sessions.FindAsync(sessionId);
        return session is null ? null : await LoadAsync(session, userId: 0);
    }

    private async Task<CoachingView?> LoadAsync(CoachingSession session, long userId)
    {
        if (methods.Find(session.MethodKey) is not { } method)
        {
            return null;
        }
        var polls = await sessions.PollsAsync(session.Id);
        var counted = await sessions.PollAnswersAsync(session.Id);
        // A poll nobody answered yet has no counts: an empty list, so the page can show "no answers".
        var answers = polls.ToDictionary(poll => poll.Id, poll => counted.GetValueOrDefault(poll.Id) ?? []);
        var answered = userId != 0 ? await sessions.PollsAnsweredByAsync(session.Id, userId) : new HashSet<long>();
        var isTrainer = userId != 0 && session.TrainerId == userId;
        var participants = await sessions.ParticipantsAsync(session.Id);
        var isChair = participants.Any(p => p.UserId == userId && userId != 0 && p.Role == CoachingRoles.Chair);
        return new CoachingView
        {
            Session = session,
            Method = method,
            UserId = userId,
            Participants = participants,
            Contributions = await sessions.ContributionsAsync(session.Id),
            Polls = polls,
            PollAnswers = answers,
            Answered = answered,
            Guests = isTrainer ? await guests.ListAsync(session.Id) : [],
            Evaluated = userId != 0 && session.HasEnded && await sessions.HasEvaluatedAsync(session.Id, userId),
            Evaluations = session.HasEnded && (isTrainer || isChair) ? await sessions.EvaluationsAsync(session.Id) : [],
        };
    }
}
