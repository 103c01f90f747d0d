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
    public void When_small_schools_stay_small_together_the_smallest_named_school_joins_them()
    {
        // 5 + 1 + 1: leaving the two out would let "Alle scholen 7" minus "De Regenboog 5" show them.
        var conversations = Enumerable.Range(1, 5).Select(h => Conversation(h, [Regenboog.Id]))
            .Append(Conversation(11, [Klimop.Id])).Append(Conversation(21, [Vlinder.Id])).ToList();
        var figures = Aggregate(conversations);
        Assert.Empty(figures.Schools);
        Assert.Equal(7, figures.OtherSchools!.Households);
        Assert.Equal(3, figures.SchoolsMerged);
        Assert.Equal(0, figures.SchoolsLeftOut);
    }

    [Fact]
    public void Week_46_two_schools_of_six_and_three_households_elsewhere_cannot_be_recovered_by_subtraction()
    {
        var conversations = Enumerable.Range(1, 6).Select(h => Conversation(h, [Regenboog.Id]))
            .Concat(Enumerable.Range(11, 6).Select(h => Conversation(h, [Klimop.Id])))
            .Concat(Enumerable.Range(21, 3).Select(h => Conversation(h, [Vlinder.Id], homework: h == 21 ? "nee" : "ja")))
            .ToList();
        var figures = Aggregate(conversations);

        Assert.Equal(15, figures.AllSchools.Households);
        var shown = figures.Schools.Append(figures.OtherSchools!).ToList();
        Assert.Equal(0, figures.AllSchools.Households - shown.Sum(s => s.Households));
        Assert.Equal(9, figures.OtherSchools!.Households);
        Assert.Single(figures.Schools);
    }

    [Fact]
    public void Fewer_households_with_school_children_than_the_threshold_show_no_school_figures()
    {
        var conversations = Enumerable.Range(1, 4).Select(h => Conversation(h, [Regenboog.Id]))
            .Concat(Enumerable.Range(11, 6).Select(h => Conversation(h, []))).ToList();
        var figures = Aggregate(conversations);
        Assert.False(figures.TooFewToBreakDown);
        Assert.True(figures.TooFewForSchools);
    }

    [Fact]
    public void A_school_document_compares_with_all_schools_only_when_the_other_schools_are_a_safe_group()
    {
        var conversations = Enumerable.Range(1, 6).Select(h => Conversation(h, [Regenboog.Id]))
            .Concat(Enumerable.Range(11, 5).Select(h => Conversation(h, [Klimop.Id]))).ToList();
        var figures = Aggregate(conversations);
        Assert.All(figures.Schools, s => Assert.True(s.MayCompareWithAll(5)));

        var withTwoMore = Enumerable.Range(1, 6).Select(h => Conversation(h, [Regenboog.Id]))
            .Concat(Enumerable.Range(11, 2).Select(h => Conversation(h, [Klimop.Id, Regenboog.Id]))).ToList();
        var regenboog = Assert.Single(Aggregate(withTwoMore).Schools);
        Assert.True(regenboog.MayCompareWithAll(5)); // the two also go to De Regenboog: nothing outside it

        var oneElsewhere = Enumerable.Range(1, 6).Select(h => Conversation(h, [Regenboog.Id]))
            .Concat(Enumerable.Range(11, 6).Select(h => Conversation(h, [Klimop.Id])))
            .Append(Conversation(31, [Vlinder.Id, Klimop.Id])).ToList();
        Assert.All(Aggregate(oneElsewhere).Schools, s => Assert.True(s.RestHouseholds is 0 or >= 5 || !s.MayCompareWithAll(5)));
    }

    [Fact]
    public void A_trend_week_with_fewer_households_than_the_threshold_shows_its_total_without_bands()
    {
        var lastWeek = Week.Monday.AddDays(-5);
        var conversations = Enumerable.Range(1, 3).Select(h => Conversation(h, heldOn: lastWeek))
            .Concat(Enumerable.Range(11, 6).Select(h => Conversation(h))).ToList();
        var figures = Aggregate(conversations);
        Assert.True(figures.Trend[^2].Suppressed);
        Assert.Empty(figures.Trend[^2].Bands);
        Assert.Equal(3, figures.Trend[^2].Conversations);
        Assert.False(figures.Trend[^1].Suppressed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void In_random_weeks_the_total_minus_the_shown_school_rows_is_never_a_small_group(int seed)
    {
        var random = new Random(seed);
        var schools = Enumerable.Range(1, 12).Select(i => new SchoolName(i, $"School {i:00}")).ToList();
        for (var week = 0; week < 200; week++)
        {
            var conversations = Enumerable.Range(1, random.Next(0, 60))
                .Select(h => Conversation(h, random.Next(10) == 0 ? [] : [schools[Skewed(random, schools.Count)].Id], homework: random.Next(3) == 0 ? "nee" : "ja"))
                .ToList();
            var figures = WeeklyAggregation.Aggregate(Week, conversations, [], schools, threshold: 5, Script);

            var shownSchools = figures.Schools.Select(s => s.SchoolId!.Value).ToHashSet();
            var withSchool = conversations.Where(c => c.SchoolIds.Count > 0).ToList();
            var notInNamed = withSchool.Where(c => !c.SchoolIds.Any(shownSchools.Contains)).ToList();
            var hidden = figures.OtherSchools is null ? notInNamed : [];
            var hiddenHouseholds = hidden.Select(c => c.HouseholdId).Distinct().Count();
            Assert.True(hiddenHouseholds == 0 || hiddenHouseholds >= 5 || figures.TooFewForSchools,
                $"seed {seed}, week {week}: {hiddenHouseholds} households recoverable by subtraction");
            Assert.All(figures.Schools.Append(figures.OtherSchools).OfType<SchoolFigures>(), s => Assert.True(s.Households >= 5));
            Assert.All(figures.Schools, s => Assert.True(s.MayCompareWithAll(5) || s.RestHouseholds is > 0 and < 5));
        }
    }

    /// <summary>Some schools much bigger than others, as in a real city.</summary>
    private static int Skewed(Random random, int count) => Math.Min(count - 1, (int)(count * Math.Pow(random.NextDouble(), 2.5)));

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
