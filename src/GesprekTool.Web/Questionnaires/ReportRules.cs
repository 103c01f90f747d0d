namespace GesprekTool.Questionnaires;

/// <summary>
/// Which answers the weekly documents for schools and the municipality read, named in the
/// questionnaire file (its <c>reports</c> section) so a new version of the script can move or
/// rename a question without a code change.
/// </summary>
public sealed record ReportRules(
    ReportShare HomeworkHelp,
    ReportShare NoWifi,
    ReportShare DeviceGap,
    ReportTally SchoolContact,
    ReportTally Needs)
{
    /// <summary>The names of the entries in the file, in the order the documents show them.</summary>
    public static readonly string[] EntryNames = ["homeworkHelp", "noWifi", "deviceGap", "schoolContact", "needs"];
}

/// <summary>"X of Y": how many of those who answered <see cref="QuestionKey"/> gave one of <see cref="Counts"/>.</summary>
public sealed record ReportShare(string QuestionKey, IReadOnlyList<string> Counts);

/// <summary>How often each option of <see cref="QuestionKey"/> was given, except those in <see cref="LeaveOut"/>
/// (such as "niets": not a need).</summary>
public sealed record ReportTally(string QuestionKey, IReadOnlyList<string> LeaveOut);
