using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;
using GesprekTool.WeeklyReports;

namespace GesprekTool.Tests.WeeklyReports;

public sealed class WeeklyAggregationTests
{
    private static readonly Questionnaire Script = ShippedQuestionnaire.Script;
    private static readonly ReportWeek Week = new(2026, 47);
    private static readonly DateOnly Tuesday = Week.Monday.AddDays(1);
    private static readonly SchoolName Regenboog = new(1, "De Regenboog");
    private static readonly SchoolName Klimop = new(2, "De Klimop");
    private static readonly SchoolName Vlinder = new(3, "De Vlinder");
    private long _nextId;

    private ReportConversation Conversation(long household, long[]? schools = null, DateOnly? heldOn = null, bool first = true,
        bool confidential = false, string homework = "ja", ShareableQuote[]? quotes = null, ReportAction[]? actions = null, bool callback = false)
    {
        var answers = new Dictionary<string, string>
        {
            ["gezin-kinderen"] = "2", ["gezin-schoolgaand"] = "ja", ["school-huiswerk-helpen"] = homework, ["school-wifi"] = "ja",
            ["school-apparaat"] = "genoeg", ["school-contact"] = "goed", ["persoonlijk-geld"] = "nee",
        };
        return new ReportConversation(++_nextId, household, heldOn ?? Tuesday, first, confidential, Scoring.Score(Script, answers),
            answers, schools ?? [], actions ?? [], callback, quotes ?? []);
    }

    private static WeekFigures Aggregate(IReadOnlyList<ReportConversation> conversations, IReadOnlyList<ReportCallback>? callbacks = null) =>
        WeeklyAggregation.Aggregate(Week, conversations, callbacks ?? [], [Regenboog, Klimop, Vlinder], threshold: 5, Script);

    [Fact]
    public void Conversations_households_and_new_versus_repeat_contacts_are_counted_for_the_week_only()
    {
        var figures = Aggregate([
            Conversation(1), Conversation(1, first: false), Conversation(2, first: false), Conversation(3),
            Conversation(4, heldOn: Week.Monday.AddDays(-1)), // Sunday of the week before
        ]);
        Assert.Equal(4, figures.Conversations);
        Assert.Equal(3, figures.Households);
        Assert.Equal(2, figures.NewHouseholds);
        Assert.Equal(1, figures.RepeatHouseholds);
        Assert.Equal(1, figures.Trend[^2].Conversations);
        Assert.Equal(8, figures.Trend.Count);
    }

    [Fact]
    public void A_school_below_the_threshold_is_merged_into_other_schools_and_not_named()
    {
        var conversations = Enumerable.Range(1, 6).Select(h => Conversation(h, [Regenboog.Id]))
            .Concat(Enumerable.Range(11, 3).Select(h => Conversation(h, [Klimop.Id])))
            .Concat(Enumerable.Range(21, 2).Select(h => Conversation(h, [Vlinder.Id])))
            .ToList();
        var figures = Aggregate(conversations);
        Assert.Equal(["De Regenboog"], figures.Schools.Select(s => s.Name));
        Assert.Equal(WeeklyAggregation.OtherSchoolsName, figures.OtherSchools!.Name);
        Assert.Equal(5, figures.OtherSchools.Households);
        Assert.Equal(2, figures.SchoolsMerged);
    }

    [Fact]
    public void Small_schools_that_stay_small_together_are_left_out()
    {
        var conversations = Enumerable.Range(1, 5).Select(h => Conversation(h, [Regenboog.Id]))
            .Append(Conversation(11, [Klimop.Id])).Append(Conversation(21, [Vlinder.Id])).ToList();
        var figures = Aggregate(conversations);
        Assert.Null(figures.OtherSchools);
        Assert.Equal(2, figures.SchoolsLeftOut);
        Assert.Single(figures.Schools);
    }

    [Fact]
    public void The_homework_share_counts_parents_who_answered()
    {
        var conversations = new[] { "ja", "ja", "ja", "soms", "nee" }.Select((answer, i) => Conversation(i + 1, [Regenboog.Id], homework: answer)).ToList();
        var school = Assert.Single(Aggregate(conversations).Schools);
        Assert.Equal(new Share(3, 5), school.HomeworkHelp);
        Assert.Equal(60, school.HomeworkHelp.Percent);
        Assert.Equal("3 van 5 (60%)", school.HomeworkHelp.Dutch);
    }

    [Fact]
    public void Bands_include_conversations_with_too_little_data()
    {
        var figures = Aggregate([Conversation(1), Conversation(2)]);
        // Seven answers, one short of the minimum of eight scored questions: no band for either.
        Assert.Equal(2, figures.Bands.Single(b => b.Label == "Onvoldoende gegevens").Count);
        Assert.True(figures.TooFewToBreakDown);
    }

    [Fact]
    public void Quotes_come_only_from_conversations_that_were_not_confidential()
    {
        var figures = Aggregate([
            Conversation(1, quotes: [new ShareableQuote("verdieping-wat-goed", "De buren helpen ons")]),
            Conversation(2, confidential: true, quotes: [new ShareableQuote("verdieping-wat-goed", "Geheim verhaal")]),
        ]);
        Assert.Equal(["De buren helpen ons"], figures.Quotes.Select(q => q.Text));
    }

    [Fact]
    public void Needs_are_counted_by_kind_open_and_done_and_callbacks_by_due_date()
    {
        var figures = Aggregate(
            [Conversation(1, actions: [new ReportAction("laptop", "open"), new ReportAction("laptop", "gedaan")], callback: true), Conversation(2, callback: true)],
            [new ReportCallback(1, Tuesday, false), new ReportCallback(2, Week.Monday.AddDays(-3), false), new ReportCallback(3, Tuesday, true)]);
        var laptop = Assert.Single(figures.Needs);
        Assert.Equal(("Laptop of computer", 1, 1), (laptop.Label, laptop.Open, laptop.Done));
        Assert.Equal(2, figures.CallbacksRequested);
        Assert.Equal(1, figures.CallbacksDue);
        Assert.Equal(1, figures.CallbacksOverdue);
    }
}
