using GesprekTool.Audit;
using System.Globalization;
using GesprekTool.Accounts;
using GesprekTool.Coaching;
using GesprekTool.Conversations;
using Dapper;
using GesprekTool.Data;
using GesprekTool.Households;
using GesprekTool.Practice;
using GesprekTool.Quality;
using GesprekTool.Questionnaires;
using GesprekTool.Schools;
using GesprekTool.WeeklyReports;

namespace GesprekTool.Demo;

/// <summary>
/// Fictional users, schools and households for trying the app. Created only when
/// <c>Demo:Enabled</c> is true (the README's run command sets it) and only into an empty database.
/// Every page shows a banner while demo mode is on.
/// </summary>
public sealed class DemoData(
    UserStore users, HouseholdStore households, SchoolStore schools, ConversationStore conversations, AnswerSaving saving,
    CoachingStore coaching, PracticeStore practice, PracticeCatalog practiceCards, QuestionnaireCatalog questionnaires,
    WeeklyReports.Sending.RecipientStore recipients, Database database, TimeProvider clock, ILogger<DemoData> logger)
{
    public const string Password = "demo-wachtwoord";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string[] Roles)> Users =
    [
        ("gezinswerker", "Sanne de Vries (demo)", [Roles.Worker]),
        ("gezinswerker2", "Youssef Amrani (demo)", [Roles.Worker]),
        ("gezinswerker3", "Emre Yilmaz (demo)", [Roles.Worker]),
        ("gezinswerker4", "Petra Bos (demo)", [Roles.Worker]),
        ("coordinator", "Nicole Jansen (demo)", [Roles.Coordinator, Roles.Worker]),
        ("trainer", "Ido Bakker (demo)", [Roles.Trainer]),
        ("beheerder", "Beheer (demo)", [Roles.Admin]),
    ];

    public async Task SeedIfEmptyAsync()
    {
        if (await users.AnyAsync())
        {
            return;
        }
        logger.LogWarning("Demo mode: creating fictional demo users and households (password '{Password}')", Password);
        var hash = SignInService.Hash(Password);
        var ids = new Dictionary<string, long>();
        foreach (var (userName, displayName, roles) in Users)
        {
            ids[userName] = await users.CreateAsync(userName, displayName, hash, roles);
        }
        var schoolIds = new List<long>();
        foreach (var school in new[] { "De Regenboog (demo)", "Het Kompas (demo)", "De Vlinder (demo)", "Sint Jozefschool (demo)" })
        {
            schoolIds.Add(await schools.AddAsync(school));
        }
        // Fictitious numbers: in demo mode no phone line is configured, so nobody is ever dialled.
        var phone = 0;
        HouseholdInput Household(string name, string channel, string language, string status, string worker) =>
            new(name, channel, null, language, status, ids[worker], "Fictief demogezin.", $"+316123456{++phone:00}");
        await households.CreateAsync(Household("Gezin A. (demo)", "whatsapp", "ar", HouseholdStatus.Known, "gezinswerker"));
        await households.CreateAsync(Household("Gezin B. (demo)", "telefoon", "nl", HouseholdStatus.Known, "gezinswerker"));
        await households.CreateAsync(Household("Gezin C. (demo)", "sms", "tr", HouseholdStatus.WaitingList, "gezinswerker"));
        await households.CreateAsync(Household("Gezin D. (demo)", "email", "pl", HouseholdStatus.Known, "gezinswerker2"));
        await households.CreateAsync(Household("Gezin E. (demo)", "whatsapp", "ti", HouseholdStatus.WaitingList, "gezinswerker2"));
        // Three workers hold the finished conversations: team figures need conversations by at least three.
        await SeedFinishedConversationsAsync([.. new[] { "coordinator", "gezinswerker3", "gezinswerker4" }.Select(name => AsWorker(name, ids[name]))], schoolIds);
        await SeedCoachingSessionAsync(ids);
        await SeedPracticeSessionAsync(ids);
        await SeedRecipientsAsync(ids["coordinator"], schoolIds);
    }

    /// <summary>Who gets the weekly documents: fictional addresses (.example never exists); in demo mode messages become files in data/mail.</summary>
    private async Task SeedRecipientsAsync(long coordinator, IReadOnlyList<long> schoolIds)
    {
        await recipients.AddAsync(WeeklyReports.WeeklyDocument.Municipality, null, "Afdeling Jeugd (demo)", "jeugd@gemeente.example", coordinator);
        for (var i = 0; i < schoolIds.Count; i++)
        {
            await recipients.AddAsync(WeeklyReports.WeeklyDocument.School, schoolIds[i], "Intern begeleider (demo)", $"ib@school{i + 1}.example", coordinator);
        }
        await recipients.AddAsync(WeeklyReports.WeeklyDocument.Newsletter, null, "Alle collega's (demo)", "collegas@gezinswerk.example", coordinator);
    }

    /// <summary>A practice the trainer planned: Sanne conducts, Youssef plays the mother with money worries, Emre observes.</summary>
    private async Task SeedPracticeSessionAsync(Dictionary<string, long> ids)
    {
        if (practiceCards.Persona("moeder-geldzorgen") is not { } persona || practiceCards.Rubric("miti") is not { } rubric)
        {
            return;
        }
        var trainer = (await users.FindAsync(ids["trainer"]))!;
        await practice.PlanAsync(
            new PracticePlan(persona, PracticeLevel.Intermediate, rubric, questionnaires.Current(persona.QuestionnaireId).Version,
                ids["gezinswerker"], ids["gezinswerker2"], ids["gezinswerker3"]),
            new CurrentUser(trainer.Id, trainer.UserName, trainer.DisplayName, new HashSet<string> { Roles.Trainer }));
    }

    /// <summary>An incidentmethode session tomorrow afternoon with four demo workers; Sanne chairs.</summary>
    private async Task SeedCoachingSessionAsync(Dictionary<string, long> ids)
    {
        var trainer = (await users.FindAsync(ids["trainer"]))!;
        var tomorrow = DutchDate.Today(clock).AddDays(1).ToDateTime(new TimeOnly(14, 0));
        var startsAt = new DateTimeOffset(tomorrow, DutchDate.Amsterdam.GetUtcOffset(tomorrow)).ToUniversalTime();
        await coaching.PlanAsync("Intervisie: doorvragen over geld (demo)", "incidentmethode", startsAt,
            new CurrentUser(trainer.Id, trainer.UserName, trainer.DisplayName, new HashSet<string> { Roles.Trainer }),
            [(ids["gezinswerker"], CoachingRoles.Chair), (ids["gezinswerker2"], CoachingRoles.Timekeeper),
             (ids["gezinswerker3"], CoachingRoles.Participant), (ids["gezinswerker4"], CoachingRoles.Participant)]);
    }

    /// <summary>
    /// Finished conversations with fictional households over the last three weeks, so the weekly
    /// overview has something to show: two schools large enough to be named, two that are merged.
    /// </summary>
    private async Task SeedFinishedConversationsAsync(IReadOnlyList<CurrentUser> workers, IReadOnlyList<long> schoolIds)
    {
        var latest = WeeklySchedule.LatestDueWeek(clock.GetUtcNow());
        int[] schoolOfHousehold = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 3];
        var n = 0;
        foreach (var week in latest.WithPrevious(3))
        {
            for (var i = 0; i < schoolOfHousehold.Length; i++, n++)
            {
                var worker = workers[n % workers.Count];
                var household = await households.CreateAsync(new HouseholdInput(
                    $"Demogezin {n + 1}", "telefoon", null, "nl", HouseholdStatus.Known, worker.Id, "Fictief demogezin."));
                var heldOn = week.Monday.AddDays(i % 5);
                var id = await conversations.StartAsync(worker, household, "jes-gesprekstoel", 1, Modes[n % Modes.Length], heldOn, true);
                var conversation = (await conversations.FindAsync(worker, id))!;
                foreach (var (key, value) in DemoAnswers(n, schoolIds[schoolOfHousehold[i]]))
                {
                    await saving.SaveAsync(conversation, worker, key, [value], 1);
                }
                await conversations.SetStatusAsync(id, ConversationStatus.Finished,
                    new AuditEvent(worker, "conversation.finished", "conversation", id, "demodata"));
                await BackdateAsync(id, heldOn, n);
            }
        }
    }

    private static CurrentUser AsWorker(string userName, long id)
    {
        var (_, displayName, roles) = Users.First(u => u.UserName == userName);
        return new CurrentUser(id, userName, displayName, roles.ToHashSet());
    }

    private static readonly string[] Modes = ["video", "video", "telefoon", "video", "persoonlijk"];

    /// <summary>
    /// The demo conversation was held on its day, not now: its finish moment moves there, with the
    /// paradata a worker would have left going through the sections, so the team figures have
    /// weeks and section times to show.
    /// </summary>
    private async Task BackdateAsync(long conversationId, DateOnly heldOn, int n)
    {
        var at = new DateTimeOffset(heldOn.ToDateTime(new TimeOnly(10 + n % 6, 0)), DutchDate.Amsterdam.GetUtcOffset(heldOn.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
        var moments = new List<ConversationEvent>();
        (string Section, int Minutes)[] visits = [("gezin", 4 + n % 3), ("school", 6 + n % 5), ("persoonlijk", 5 + n % 7), ("cijfers", 2 + n % 2), ("verdieping", 7 + n % 6), ("afronding", 3)];
        foreach (var (section, minutes) in visits)
        {
            moments.Add(new ConversationEvent(ConversationEventKinds.SectionOpened, section, at));
            at = at.AddMinutes(minutes).AddSeconds(n * 7 % 50);
            moments.Add(new ConversationEvent(ConversationEventKinds.SectionLeft, section, at));
        }
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE conversations SET finished_at = @at WHERE id = @conversationId", new { at, conversationId });
        foreach (var moment in moments)
        {
            await connection.ExecuteAsync(
                "INSERT INTO conversation_events (conversation_id, kind, section_key, at) VALUES (@conversationId, @Kind, @SectionKey, @At)",
                new { conversationId, moment.Kind, moment.SectionKey, moment.At });
        }
    }

    private static Dictionary<string, string> DemoAnswers(int n, long schoolId) => new()
    {
        ["gezin-kinderen"] = (1 + n % 3).ToString(CultureInfo.InvariantCulture), ["gezin-schoolgaand"] = "ja",
        ["school-contact"] = (n % 4) switch { 0 => "goed", 1 => "redelijk", 2 => "weinig", _ => "goed" },
        ["school-huiswerk-thuis"] = n % 5 == 0 ? "nee" : "ja", ["school-huiswerk-helpen"] = (n % 4) switch { 0 => "nee", 1 => "soms", _ => "ja" },
        ["school-wifi"] = n % 6 == 0 ? "nee" : "ja", ["school-apparaat"] = (n % 5) switch { 0 => "geen", 1 => "te-weinig", _ => "genoeg" },
        ["school-naam"] = schoolId.ToString(CultureInfo.InvariantCulture),
        // Some households do not want to talk about money: that shows as "wil niet" on the team page.
        ["persoonlijk-geld"] = (n % 7) switch { 0 => AnswerValues.Declined, _ => (n % 3) switch { 0 => "nee", 1 => "meestal", _ => "ja" } },
        ["persoonlijk-voor-anderen"] = n % 2 == 0 ? "ja" : "nee",
        ["cijfer-ouder"] = (3 + n % 7).ToString(CultureInfo.InvariantCulture), ["cijfer-kinderen"] = (4 + n % 6).ToString(CultureInfo.InvariantCulture),
        ["verdieping-steun-mensen"] = n % 4 == 0 ? "nee" : "ja", ["verdieping-gaat-goed"] = "ja",
        ["verdieping-behoefte"] = (n % 3) switch { 0 => "laptop", 1 => "huiswerkhulp", _ => "geld" },
    };
}
