using System.Net;
using GesprekTool.Accounts;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Security;

/// <summary>
/// Every page and endpoint the app serves has a written access decision here. A new route
/// without a row fails this test, so nobody adds one without deciding who may use it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class EndpointAccessTests(PostgresServer postgres) : AppTestBase(postgres)
{
    private const string Anonymous = "anonymous";
    private const string SignedIn = "signed-in";
    private const string Households = Roles.WithHouseholds;
    private const string Reports = Roles.Coordinator + "," + Roles.Admin;
    private const string Tips = Roles.Coordinator + "," + Roles.Trainer + "," + Roles.Admin;
    private const string Admin = Roles.Admin;
    private const string Coaching = Roles.Worker + "," + Roles.Trainer;

    /// <summary>Route pattern → who may use it (roles, or anonymous / any fully signed-in user).</summary>
    public static readonly Dictionary<string, string> Expected = new()
    {
        ["/"] = SignedIn,
        ["/aanmelden"] = Anonymous,
        ["/afmelden"] = "authenticated (any stage)",
        ["/aanmelden/code"] = "stage second_factor",
        ["/aanmelden/sso"] = Anonymous + " (starts the sign-in at the organisation's IdP, when single sign-on is on)",
        ["/aanmelden/sso/klaar"] = Anonymous + " (only with the IdP's answer in the short-lived sso cookie)",
        ["/aanmelden/sso/backchannel-logout"] = Anonymous + " (only a logout token signed by the IdP, for this client)",
        ["/aanmelden/sso/geen-toegang"] = Anonymous,
        ["/aanmelden/passkey/opties"] = Anonymous + " (a challenge, kept once for five minutes)",
        ["/aanmelden/passkey"] = Anonymous + " (only a passkey's signature over a fresh challenge, with user verification; throttled per address)",
        ["/aanmelden/code/passkey/opties"] = "stage second_factor",
        ["/aanmelden/code/passkey"] = "stage second_factor (only the user's own passkeys; failures count toward the lockout)",
        ["/account/passkeys/opties"] = "stage enrolment,full",
        ["/account/passkeys"] = "stage enrolment,full (adds a passkey to the signed-in user only)",
        ["/account"] = SignedIn,
        ["/account/tweestapsverificatie"] = "stage enrolment,full",
        ["/niet-gevonden"] = Anonymous,
        ["/fout"] = Anonymous,
        ["/geen-toegang"] = Anonymous,
        ["/gezinnen"] = Households,
        ["/gezinnen/nieuw"] = Households,
        ["/gezinnen/{Id:long}"] = Households,
        ["/gezinnen/{Id:long}/bewerken"] = Households,
        ["/gezinnen/{HouseholdId:long}/gesprek-starten"] = Households,
        ["/gesprekken/{Id:long}"] = Households,
        ["/gesprekken/{Id:long}/afronden"] = Households,
        ["/gesprekken/{Id:long}/geschiedenis"] = Households,
        ["/gesprekken/{id:long}/antwoorden"] = Households,
        ["/gesprekken/{id:long}/deel-verlaten"] = Households + " (paradata; only the worker holding an open conversation is recorded)",
        ["/mijn-gesprekken"] = Roles.Worker + " (own figures beside the team's; no user id in the address)",
        ["/team-gesprekken"] = Roles.Trainer + " (team figures; one worker's only while an admin has switched per-worker figures on)",
        ["/beheer/cijfers-per-medewerker"] = Roles.Admin,
        ["/gesprekken/{Id:long}/video"] = Households,
        ["/gesprekken/{Id:long}/bellen"] = Households + " (the household's number is shown: a logged read)",
        ["/gesprekken/{id:long}/bellen/starten"] = Households + " (a call to the conversation's household only, never to a number the page names)",
        ["/gesprekken/{id:long}/bellen/{callId:long}/toestand"] = Households + " (only the worker who dialled)",
        ["/gesprekken/{id:long}/bellen/{callId:long}/tolk"] = Households + " (only the worker who dialled, once the family answered; the number is the admin's interpreter service)",
        ["/beheer/telefonie"] = Admin + " (the line's settings without the secret, and counts of outcomes)",
        ["/bellen/janus/{**rest}"] = Households + " (only the worker's own attempt that has not ended; the app puts in account and number)",
        ["/gesprekken/{Id:long}/video/wachtkamer"] = Households + " (the waiting room frame inside the call page; only the call's own worker)",
        ["/j/{token}"] = Anonymous,
        ["/hubs/gesprek"] = Anonymous + " (hub checks the sign-in or join token itself)",
        ["/hubs/gesprek/negotiate"] = Anonymous + " (hub checks the sign-in or join token itself)",
        ["/weekoverzicht"] = Reports,
        ["/weekoverzicht/documenten/{id:long}"] = Reports,
        ["/weekoverzicht/{year:int}/{week:int}/voorbeeld/{kind}"] = Reports,
        ["/weekoverzicht/{year:int}/{week:int}/voorbeeld/school/{schoolId:long}"] = Reports,
        ["/weekoverzicht/tips"] = Tips,
        ["/weekoverzicht/ontvangers"] = Reports,
        ["/weekoverzicht/{Year:int}/{WeekNumber:int}/versturen"] = Reports,
        ["/beheer/gebruikers"] = Admin,
        ["/beheer/gebruikers/{Id:long}"] = Admin,
        ["/beheer/scholen"] = Admin,
        ["/beheer/auditlog"] = Admin,
        ["/beheer/auditlog/export.csv"] = Admin,
        ["/intervisie"] = Coaching,
        ["/intervisie/plannen"] = Roles.Trainer,
        ["/intervisie/{Id:long}"] = Coaching + " (and only the session's trainer and invitees: CoachingStore.FindForAsync)",
        ["/intervisie/{id:long}/videotoken"] = Coaching + " (and only invitees of a running session)",
        ["/intervisie/janus/{**rest}"] = Coaching + " (Janus itself refuses anyone without a participant token)",
        ["/intervisie/gast/{Token}"] = Anonymous + " (a guest trainer's link, bound to the first device; the session's trainer admits them)",
        ["/intervisie/gast/{token}/videotoken"] = Anonymous + " (only an admitted guest on the device that opened the link)",
        ["/intervisie/gast/{token}/janus/{**rest}"] = Anonymous + " (only an admitted guest on the device that opened the link)",
        ["/oefenen"] = Coaching + " (lists only the sessions the user is in or planned)",
        ["/oefenen/{Id:long}"] = Coaching + " (and only its conductor, parent, observer and planner: PracticeStore.FindForAsync)",
        ["/oefenen/{Id:long}/nabespreking"] = Coaching + " (and only its conductor, parent, observer and planner: PracticeStore.FindForAsync)",
        ["/oefenen/{id:long}/meedoen"] = Coaching + " (and only the parent and observer of a running practice: PracticeStore.FindForAsync)",
        ["/health"] = Anonymous + " (says only \"ok\" when the database answers: for nginx and rolling updates)",
    };

    [Fact]
    public async Task Every_endpoint_has_the_access_decision_written_in_the_table()
    {
        var (app, _) = await StartAsync();
        var actual = await DecisionsAsync(app.Services);

        var undecided = actual.Keys.Except(Expected.Keys).Order().ToList();
        Assert.True(undecided.Count == 0, "Routes without an access decision in EndpointAccessTests.Expected: " + string.Join(", ", undecided));
        var gone = Expected.Keys.Except(actual.Keys).Order().ToList();
        Assert.True(gone.Count == 0, "Routes in the table that the app no longer serves: " + string.Join(", ", gone));
        foreach (var (route, decision) in actual)
        {
            Assert.True(Expected[route].StartsWith(decision, StringComparison.Ordinal),
                $"{route}: expected '{Expected[route]}', the app says '{decision}'");
        }
    }

    [Fact]
    public async Task A_trainer_can_neither_open_nor_post_household_pages()
    {
        var (app, world) = await StartAsync();
        var worker = await world.UserAsync("wendy", Roles.Worker);
        var household = await world.HouseholdAsync(worker, "Gezin W.");
        var conversation = await world.ConversationAsync(worker, household);
        await world.UserAsync("tom", Roles.Trainer);
        var trainer = await SignedInClient.CreateAsync(app, "tom");
        var token = await SignedInClient.AntiforgeryTokenAsync(trainer, "/weekoverzicht/tips");

        foreach (var url in new[] { "/gezinnen", "/gezinnen/nieuw", $"/gezinnen/{household}", $"/gesprekken/{conversation.Id}" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await trainer.GetAsync(url)).StatusCode);
        }
        var post = await trainer.PostAsync("/gezinnen/nieuw", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "gezin", ["__RequestVerificationToken"] = token,
            ["Input.DisplayName"] = "Gezin van de trainer", ["Input.ContactChannel"] = "sms", ["Input.HomeLanguage"] = "nl",
            ["Input.Status"] = "bekend",
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/geen-toegang", post.Headers.Location?.PathAndQuery);
        var households = await app.Services.GetRequiredService<GesprekTool.Households.HouseholdStore>()
            .ListAsync(new CurrentUser(0, "coordinator", "", new HashSet<string> { Roles.Coordinator }), null, false);
        Assert.DoesNotContain(households, h => h.DisplayName == "Gezin van de trainer");
    }

    /// <summary>The app's own view: route → anonymous, any signed-in user, or the roles it requires.</summary>
    private static async Task<Dictionary<string, string>> DecisionsAsync(IServiceProvider services)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var decisions = new Dictionary<string, string>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (route.StartsWith("/_", StringComparison.Ordinal))
            {
                continue; // framework internals (none expected, but never a family's data)
            }
            decisions[route] = await DecisionOfAsync(endpoint, policies);
        }
        return decisions;
    }

    private static async Task<string> DecisionOfAsync(Endpoint endpoint, IAuthorizationPolicyProvider policies)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Anonymous;
        }
        var policy = await AuthorizationPolicy.CombineAsync(policies,
            endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
            ?? await policies.GetFallbackPolicyAsync();
        var roles = policy!.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).ToList();
        if (roles.Count > 0)
        {
            return string.Join(",", roles);
        }
        var stages = policy.Requirements.OfType<ClaimsAuthorizationRequirement>().SelectMany(r => r.AllowedValues ?? []).ToList();
        return stages.Count == 0 ? "authenticated (any stage)"
            : stages is [SessionStages.Full] ? SignedIn
            : "stage " + string.Join(",", stages);
    }
}
