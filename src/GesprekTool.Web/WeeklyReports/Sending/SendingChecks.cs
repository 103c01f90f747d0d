namespace GesprekTool.WeeklyReports.Sending;

/// <summary>
/// What the coordinator checks before "Versturen", and what an automatic sending requires: every
/// document of the week has someone to go to. Plain C#, so the rule is tested on its own.
/// </summary>
public static class SendingChecks
{
    public static IReadOnlyList<string> Problems(IReadOnlyList<MailableDocument> documents, IReadOnlyList<Recipient> recipients)
    {
        if (documents.Count == 0)
        {
            return ["De documenten van deze week zijn nog niet gemaakt."];
        }
        return documents.Where(d => !recipients.Any(r => r.Receives(d.Kind, d.SchoolId)))
            .Select(d => $"Voor \"{d.Title}\" is geen ontvanger ingesteld.").ToList();
    }

    /// <summary>
    /// The week an automatic sending is for at <paramref name="now"/>: on Monday from the chosen hour
    /// (Amsterdam), the week that just ended. Not on other days: a week the app missed on its Monday
    /// is sent by a person, who sees it first.
    /// </summary>
    public static ReportWeek? AutoSendWeek(DateTimeOffset now, int hour)
    {
        var local = TimeZoneInfo.ConvertTime(now, DutchDate.Amsterdam);
        return local.DayOfWeek == DayOfWeek.Monday && local.Hour >= hour && TimeOnly.FromDateTime(local.DateTime) >= WeeklySchedule.RunsAt
            ? WeeklySchedule.LatestDueWeek(now)
            : null;
    }

    /// <summary>Hours an organisation may choose: after the documents are made (07:00), within office hours.</summary>
    public static readonly IReadOnlyList<int> AutoSendHours = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
}
