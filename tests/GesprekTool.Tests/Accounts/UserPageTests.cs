using Bunit;
using System.Net;
using GesprekTool.Accounts;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Accounts;

/// <summary>The admin's page for one user: roles, on/off, password, sessions.</summary>
[Collection(PostgresCollection.Name)]
public sealed class UserPageTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Fact]
    public async Task The_only_admin_cannot_remove_their_own_admin_role()
    {
        var (app, world) = await StartAsync();
        var admin = await world.UserAsync("beheer", Roles.Admin);
        var client = await SignedInClient.CreateAsync(app, "beheer");

        var response = await SignedInClient.PostFormAsync(client, UserPage.Url(admin.Id), "rollen", new(),
            [new("rol", Roles.Worker)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await SignedInClient.ParseAsync(response);
        Assert.Contains("eigen beheerdersrol", page.QuerySelector(".field-error")?.TextContent);
        Assert.Contains(Roles.Admin, await app.Services.GetRequiredService<UserStore>().RolesOfAsync(admin.Id));
    }

    [Fact]
    public async Task An_admin_deactivates_a_worker_who_is_signed_out_at_once_and_cannot_sign_in()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("beheer", Roles.Admin);
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var workersPhone = await SignedInClient.CreateAsync(app, "sanne");
        var admin = await SignedInClient.CreateAsync(app, "beheer");

        var sessions = await SignedInClient.GetDocumentAsync(admin, UserPage.Url(worker.Id));
        Assert.Single(sessions.QuerySelectorAll("table.list tbody tr"));
        var response = await SignedInClient.PostFormAsync(admin, UserPage.Url(worker.Id), "actief", new());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await workersPhone.GetAsync(Caseload.Url())).StatusCode);
        var again = await SignedInClient.SignInAsync(SignedInClient.Anonymous(app), "sanne", TestWorld.Password);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task An_admin_ends_one_session_of_a_user_and_the_other_device_stays_signed_in()
    {
        var (app, world) = await StartAsync();
        var beheer = await world.UserAsync("beheer", Roles.Admin);
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var first = await SignedInClient.CreateAsync(app, "sanne");
        await Task.Delay(50);
        var second = await SignedInClient.CreateAsync(app, "sanne");

        await using var people = new LivePeople(app.Services);
        var sessions = (await people.PersonAsync(beheer)).Render<ActiveSessions>(p => p.Add(c => c.UserId, worker.Id));
        sessions.WaitForState(() => sessions.FindAll("tbody tr").Count == 2);

        // Newest first: the oldest session (the first phone) is the last row.
        await sessions.FindAll("tbody tr button")[^1].ClickAsync(new());

        sessions.WaitForAssertion(() => Assert.Contains("De sessie is beëindigd.", sessions.Markup));
        sessions.WaitForState(() => sessions.FindAll("tbody tr").Count == 1);
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync(Caseload.Url())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(Caseload.Url())).StatusCode);

        // A sign-in elsewhere shows up on the admin's open page by itself.
        await SignedInClient.CreateAsync(app, "sanne");
        sessions.WaitForState(() => sessions.FindAll("tbody tr").Count == 2);
    }

    [Fact]
    public async Task Only_an_admin_ends_sessions_from_the_live_list_even_when_the_page_was_opened_before_the_role_went()
    {
        var (app, world) = await StartAsync();
        var beheer = await world.UserAsync("beheer", Roles.Admin);
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var phone = await SignedInClient.CreateAsync(app, "sanne");
        await using var people = new LivePeople(app.Services);
        var sessions = (await people.PersonAsync(beheer)).Render<ActiveSessions>(p => p.Add(c => c.UserId, worker.Id));
        sessions.WaitForState(() => sessions.FindAll("tbody tr").Count == 1);

        await app.Services.GetRequiredService<UserStore>().SetRolesAsync(beheer.Id, [Roles.Worker]);
        await sessions.Find("button.danger").ClickAsync(new());

        sessions.WaitForAssertion(() => Assert.Contains("mag dit niet meer", sessions.Markup));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync(Caseload.Url())).StatusCode);
    }

    [Fact]
    public async Task A_user_another_admin_adds_appears_on_the_open_user_list()
    {
        var (app, world) = await StartAsync();
        var beheer = await world.UserAsync("beheer", Roles.Admin);
        await using var people = new LivePeople(app.Services);
        var list = (await people.PersonAsync(beheer)).Render<UserList>();
        list.WaitForState(() => list.FindAll("tbody tr").Count == 1);

        await app.Services.GetRequiredService<UserStore>().CreateAsync("nieuw", "Nieuwe Collega", SignInService.Hash(TestWorld.Password), [Roles.Worker]);
        await app.Services.GetRequiredService<GesprekTool.Live.LiveChanges>().PublishAsync(GesprekTool.Live.LiveChanges.Users);

        list.WaitForAssertion(() => Assert.Contains("Nieuwe Collega", list.Markup));
    }
}
