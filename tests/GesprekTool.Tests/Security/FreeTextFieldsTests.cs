using System.Net;
using GesprekTool.Practice;
using GesprekTool.Quality;
using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Security;

/// <summary>Every free-text field refuses control and bidi characters with the same Dutch message, and stores nothing of it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FreeTextFieldsTests(PostgresServer postgres) : AppTestBase(postgres)
{
    private const string Reversed = "ok\u202eevil\u0007";

    [Fact]
    public async Task The_works_council_reference_with_bidi_and_control_characters_is_refused_and_nothing_switches_on()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("beheer", Roles.Admin);
        var admin = await SignedInClient.CreateAsync(app, "beheer");

        var response = await SignedInClient.PostFormAsync(admin, PerWorkerFiguresPage.Url(), "instelling",
            new() { ["aan"] = "ja", ["bevestigd"] = "ja", ["instemming"] = Reversed });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("onzichtbare stuurtekens", await response.Content.ReadAsStringAsync());
        Assert.False(await app.Services.GetRequiredService<PerWorkerFigures>().AreOnAsync());
    }

    [Fact]
    public async Task A_practice_debrief_note_with_bidi_and_control_characters_is_refused_and_the_earlier_note_stays()
    {
        var (app, world) = await StartAsync();
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var youssef = await world.UserAsync("youssef", Roles.Worker);
        var store = app.Services.GetRequiredService<PracticeStore>();
        var id = await world.PracticeAsync(trainer, sanne, youssef, null);
        await store.StartAsync(id);
        Assert.True(await store.EndAsync(id));
        var client = await SignedInClient.CreateAsync(app, "sanne");
        Assert.Equal(HttpStatusCode.Redirect, (await SignedInClient.PostFormAsync(client, PracticeDebriefPage.Url(id), "notitie", new() { ["notitie"] = "Eerst doorvragen." })).StatusCode);

        var refused = await SignedInClient.PostFormAsync(client, PracticeDebriefPage.Url(id), "notitie", new() { ["notitie"] = Reversed });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("onzichtbare stuurtekens", await refused.Content.ReadAsStringAsync());
        var page = await client.GetStringAsync(PracticeDebriefPage.Url(id));
        Assert.Contains("Eerst doorvragen.", page);
        Assert.DoesNotContain("evil", page);
    }
}
