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
        await world.UserAsync("beheer", Roles.Admin);
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var first = await SignedInClient.CreateAsync(app, "sanne");
        await Task.Delay(50);
        var second = await SignedInClient.CreateAsync(app, "sanne");
        var admin = await SignedInClient.CreateAsync(app, "beheer");
        var oldest = (await app.Services.GetRequiredService<SessionStore>().ListActiveAsync(worker.Id)).MinBy(s => s.CreatedAt)!;

        var response = await SignedInClient.PostFormAsync(admin, UserPage.Url(worker.Id), $"sessie-{oldest.Id}", new());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync(Caseload.Url())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(Caseload.Url())).StatusCode);
    }
}
