using GesprekTool.Questionnaires;

namespace GesprekTool.WeeklyReports;

/// <summary>One finished, real (not practice) conversation as the weekly figures see it.</summary>
public sealed record ReportConversation(
    long ConversationId,
    long HouseholdId,
    DateOnly HeldOn,
    bool IsFirstContact,
    bool IsConfidential,
    ConversationScore Score,
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyList<long> SchoolIds,
    IReadOnlyList<ReportAction> Actions,
    bool CallbackWanted,
    IReadOnlyList<ShareableQuote> Quotes);

/// <summary>A follow-up action: a concrete need ("laptop", "huiswerkmaatje") and whether it is done.</summary>
public sealed record ReportAction(string Kind, string Status);

/// <summary>A callback a household asked for, and whether a later conversation took place.</summary>
public sealed record ReportCallback(long HouseholdId, DateOnly DueOn, bool Done);

/// <summary>A free-text answer the worker marked as shareable with colleagues (never for outside documents).</summary>
public sealed record ShareableQuote(string QuestionKey, string Text);

public sealed record SchoolName(long Id, string Name);
