namespace GesprekTool.PhoneCalls;

/// <summary>One dialling attempt from a conversation: moments and an outcome, never what was said.</summary>
public sealed class PhoneCall
{
    public long Id { get; init; }
    public long ConversationId { get; init; }
    public long HouseholdId { get; init; }
    public long WorkerId { get; init; }
    public string DialledNumber { get; init; } = "";

    /// <summary>The Janus token of this attempt; taken back from Janus when it ends.</summary>
    public string JanusToken { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? RingingAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? Outcome { get; init; }

    /// <summary>For an interpreter's leg: the household's call the interpreter was added to; null for a call to the household.</summary>
    public long? InterpreterForCallId { get; init; }

    public bool IsInterpreterLeg => InterpreterForCallId is not null;

    public bool IsOver => EndedAt is not null;

    /// <summary>How long the worker and the family talked: from answer to end.</summary>
    public TimeSpan? Duration => AnsweredAt is { } answered && EndedAt is { } ended && ended > answered ? ended - answered : null;

    public bool Reached => AnsweredAt is not null;
}

/// <summary>How an attempt ended, from what the page saw: the SIP status and who ended it.</summary>
public static class PhoneCallOutcome
{
    public const string HungUp = "opgehangen";
    public const string HouseholdHungUp = "gezin-hing-op";
    public const string Busy = "bezet";
    public const string NoAnswer = "geen-antwoord";
    public const string Declined = "geweigerd";
    public const string Cancelled = "afgebroken";
    public const string UnknownNumber = "nummer-onbekend";
    public const string NetworkTrouble = "netwerkprobleem";
    public const string Failed = "mislukt";

    public static readonly IReadOnlyDictionary<string, string> Dutch = new Dictionary<string, string>
    {
        [HungUp] = "Opgehangen",
        [HouseholdHungUp] = "Opgehangen door het gezin",
        [Busy] = "In gesprek (bezet)",
        [NoAnswer] = "Geen antwoord",
        [Declined] = "Geweigerd",
        [Cancelled] = "Afgebroken voor opnemen",
        [UnknownNumber] = "Nummer bestaat niet of is onbereikbaar",
        [NetworkTrouble] = "Verbinding verbroken",
        [Failed] = "Mislukt",
    };

    /// <summary>How an attempt ended, in Dutch: an interpreter's leg speaks of the interpreter, not the family.</summary>
    public static string? Text(PhoneCall call) => call.Outcome switch
    {
        null => null,
        HouseholdHungUp when call.IsInterpreterLeg => "Opgehangen door de tolk",
        { } outcome => Dutch.GetValueOrDefault(outcome, outcome),
    };

    /// <summary>Who or what ended the attempt, as the page reports it.</summary>
    public enum EndedBy { Worker, Household, RingTimeout, Network }

    /// <param name="answered">Whether the family picked up (the app's own record, not the page's word).</param>
    /// <param name="sipCode">The SIP status Janus passed on with the hang-up, if any.</param>
    public static string From(bool answered, int? sipCode, EndedBy by)
    {
        if (by == EndedBy.Network)
        {
            return NetworkTrouble;
        }
        if (answered)
        {
            return by == EndedBy.Worker ? HungUp : HouseholdHungUp;
        }
        if (by == EndedBy.RingTimeout)
        {
            return NoAnswer;
        }
        if (by == EndedBy.Worker)
        {
            return Cancelled;
        }
        return sipCode switch
        {
            486 or 600 => Busy,
            603 or 403 => Declined,
            408 or 480 or 487 => NoAnswer,
            404 or 484 or 604 or 410 => UnknownNumber,
            _ => Failed,
        };
    }
}
