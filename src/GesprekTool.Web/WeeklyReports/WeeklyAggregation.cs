using GesprekTool.Conversations;
using GesprekTool.Questionnaires;

namespace GesprekTool.WeeklyReports;

/// <summary>
/// Turns a week's conversations into the figures of the weekly documents. Plain calculations, no
/// database, so every rule (counting, suppression of small schools, no free text) is easy to test.
/// </summary>
public static class WeeklyAggregation
{
    public const string OtherSchoolsName = "Overige scholen";
    public const string AllSchoolsName = "Alle scholen";
    private static readonly string[] BandOrder = ["in-balans", "onder-druk", "zorgelijk"];

    public static WeekFigures Aggregate(
        ReportWeek week, IReadOnlyList<ReportConversation> eightWeeks, IReadOnlyList<ReportCallback> callbacks,
        IReadOnlyList<SchoolName> schools, int threshold, Questionnaire questionnaire)
    {
        var bands = questionnaire.Scoring?.Bands ?? [];
        var thisWeek = eightWeeks.Where(c => week.Contains(c.HeldOn)).ToList();
        var households = thisWeek.GroupBy(c => c.HouseholdId).ToList();
        var newHouseholds = households.Count(h => h.Any(c => c.IsFirstContact));
        var (named, other, merged, leftOut) = SchoolGroups(thisWeek, schools, threshold, questionnaire);
        return new WeekFigures(
            week, threshold, thisWeek.Count, households.Count, newHouseholds, households.Count - newHouseholds,
            BandTallies(thisWeek, bands),
            week.WithPrevious(8).Select(w => TrendWeek(w, eightWeeks.Where(c => w.Contains(c.HeldOn)).ToList(), bands, threshold)).ToList(),
            Top(thisWeek, ScoreScale.Draaglast),
            Top(thisWeek, ScoreScale.Draagkracht),
            Needs(thisWeek),
            thisWeek.Count(c => c.CallbackWanted),
            callbacks.Count(c => !c.Done && week.Contains(c.DueOn)),
            callbacks.Count(c => !c.Done && c.DueOn < week.Monday),
            SchoolFiguresOf(null, AllSchoolsName, thisWeek.Where(c => c.SchoolIds.Count > 0).ToList(), questionnaire),
            named, other, merged, leftOut,
            // Colleagues only, and only what the worker marked shareable in a conversation that was not confidential.
            thisWeek.Where(c => !c.IsConfidential).SelectMany(c => c.Quotes)
                .Select(q => q with { Text = Text.TextRules.Clean(q.Text, multiLine: true) }).ToList());
    }

    /// <summary>
    /// Schools with at least <paramref name="threshold"/> households this week are shown by name; the
    /// others are merged into "Overige scholen". Complementary suppression: whatever is not shown
    /// must not be recoverable by subtracting the shown rows from "Alle scholen". So while the
    /// households left over are more than none but fewer than the threshold, the smallest named
    /// school joins "Overige scholen" too; if even all schools together stay below the threshold,
    /// nothing is shown per school. Each named school also gets how many households the rest of the
    /// schools have, so its own document compares with "all schools" only when that rest is safe.
    /// </summary>
    private static (IReadOnlyList<SchoolFigures> Named, SchoolFigures? Other, int Merged, int LeftOut) SchoolGroups(
        IReadOnlyList<ReportConversation> conversations, IReadOnlyList<SchoolName> schools, int threshold, Questionnaire questionnaire)
    {
        var bySchool = schools
            .Select(s => (School: s, Conversations: conversations.Where(c => c.SchoolIds.Contains(s.Id)).ToList()))
            .Where(s => s.Conversations.Count > 0)
            .ToList();
        var named = bySchool.Where(s => HouseholdsIn(s.Conversations) >= threshold)
            .OrderBy(s => HouseholdsIn(s.Conversations)).ThenBy(s => s.School.Name, StringComparer.Ordinal).ToList();
        var merged = bySchool.Except(named).ToList();
        while (true)
        {
            var mergedConversations = merged.SelectMany(s => s.Conversations).Distinct().ToList();
            var leftOver = conversations.Where(c => c.SchoolIds.Count > 0 && !named.Any(n => n.Conversations.Contains(c))).ToList();
            var safe = HouseholdsIn(mergedConversations) >= threshold || HouseholdsIn(leftOver) == 0;
            if (safe || named.Count == 0)
            {
                var other = HouseholdsIn(mergedConversations) >= threshold ? SchoolFiguresOf(null, OtherSchoolsName, mergedConversations, questionnaire) : null;
                var shown = named
                    .Select(s => SchoolFiguresOf(s.School.Id, s.School.Name, s.Conversations, questionnaire) with
                    {
                        RestHouseholds = HouseholdsIn(conversations.Where(c => c.SchoolIds.Count > 0 && !s.Conversations.Contains(c))),
                    })
                    .OrderBy(s => s.Name, StringComparer.Create(DutchDate.Culture, true)).ToList();
                return other is null ? (shown, null, 0, merged.Count) : (shown, other, merged.Count, 0);
            }
            merged.Add(named[0]);
            named.RemoveAt(0);
        }
    }

    /// <summary>One week of the trend; a week with too few households shows its total only, no bands.</summary>
    private static WeekBands TrendWeek(ReportWeek week, IReadOnlyList<ReportConversation> conversations, IReadOnlyList<Band> bands, int threshold) =>
        HouseholdsIn(conversations) >= threshold || conversations.Count == 0
            ? new WeekBands(week, conversations.Count, BandTallies(conversations, bands))
            : new WeekBands(week, conversations.Count, [], Suppressed: true);

    /// <summary>The school figures of some conversations; which answers count is named in the questionnaire
    /// file's <c>reports</c> section (a version without one gives empty figures, not a guess).</summary>
    public static SchoolFigures SchoolFiguresOf(long? schoolId, string name, IReadOnlyList<ReportConversation> conversations, Questionnaire questionnaire)
    {
        var rules = questionnaire.Reports;
        return new SchoolFigures(
            schoolId,
            name,
            HouseholdsIn(conversations),
            conversations.Count,
            rules is null ? new Share(0, 0) : ShareOf(conversations, rules.HomeworkHelp),
            rules is null ? new Share(0, 0) : ShareOf(conversations, rules.NoWifi),
            rules is null ? new Share(0, 0) : ShareOf(conversations, rules.DeviceGap),
            rules is null ? [] : Tallies(conversations, questionnaire, rules.SchoolContact),
            rules is null ? [] : Tallies(conversations, questionnaire, rules.Needs));
    }

    private static int HouseholdsIn(IEnumerable<ReportConversation> conversations) => conversations.Select(c => c.HouseholdId).Distinct().Count();

    private static Share ShareOf(IReadOnlyList<ReportConversation> conversations, ReportShare rule)
    {
        var answered = conversations.Where(c => c.Answers.ContainsKey(rule.QuestionKey)).ToList();
        return new Share(answered.Count(c => rule.Counts.Contains(c.Answers[rule.QuestionKey])), answered.Count);
    }

    /// <summary>How often each option of a choice question was given, labelled with the option's Dutch text from the file.</summary>
    private static List<Tally> Tallies(IReadOnlyList<ReportConversation> conversations, Questionnaire questionnaire, ReportTally rule) =>
        (questionnaire.FindQuestion(rule.QuestionKey)?.Options ?? []).Where(o => !rule.LeaveOut.Contains(o.Value))
            .Select(o => new Tally(o.Text.Dutch, conversations.Count(c =>
                c.Answers.TryGetValue(rule.QuestionKey, out var value) && AnswerValues.Split(value).Contains(o.Value))))
            .Where(t => t.Count > 0)
            .OrderByDescending(t => t.Count)
            .ToList();

    private static List<Tally> BandTallies(IReadOnlyList<ReportConversation> conversations, IReadOnlyList<Band> bands) =>
        bands.OrderBy(b => Array.IndexOf(BandOrder, b.Key))
            .Select(b => new Tally(b.Label, conversations.Count(c => c.Score.Band?.Key == b.Key)))
            .Append(new Tally(ConversationScore.InsufficientDataLabel, conversations.Count(c => c.Score.Band is null)))
            .ToList();

    private static List<Tally> Top(IReadOnlyList<ReportConversation> conversations, ScoreScale scale) =>
        conversations.SelectMany(c => c.Score.Items.Where(i => i.Scale == scale).Select(i => i.Label).Distinct())
            .GroupBy(label => label)
            .Select(g => new Tally(g.Key, g.Count()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Label, StringComparer.Ordinal)
            .Take(5)
            .ToList();

    private static List<NeedTally> Needs(IReadOnlyList<ReportConversation> conversations) =>
        conversations.SelectMany(c => c.Actions)
            .GroupBy(a => a.Kind)
            .Select(g => new NeedTally(g.Key, FollowUpKinds.Dutch.GetValueOrDefault(g.Key, g.Key),
                g.Count(a => a.Status != FollowUpStatuses.Done), g.Count(a => a.Status == FollowUpStatuses.Done)))
            .OrderByDescending(n => n.Open + n.Done)
            .ToList();
}
