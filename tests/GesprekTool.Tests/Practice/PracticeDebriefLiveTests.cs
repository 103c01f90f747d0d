using System.Net;
using Bunit;
using GesprekTool.Practice;
using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Practice;

/// <summary>The debrief follows the practice: taps, ratings and the others' notes arrive without reloading.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PracticeDebriefLiveTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Fact]
    public async Task A_trainer_watching_the_debrief_of_a_running_practice_sees_each_tap_and_a_saved_note_arrive()
    {
        var (app, world) = await StartAsync();
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var youssef = await world.UserAsync("youssef", Roles.Worker);
        var emre = await world.UserAsync("emre", Roles.Worker);
        var store = app.Services.GetRequiredService<PracticeStore>();
        var id = await world.PracticeAsync(trainer, sanne, youssef, emre);
        await store.StartAsync(id);

        await using var people = new LivePeople(app.Services);
        var debrief = (await people.PersonAsync(trainer)).Render<PracticeDebriefLive>(p => p.Add(c => c.PracticeId, id));
        var observer = (await people.PersonAsync(emre)).Render<PracticeLive>(p => p.Add(c => c.PracticeId, id));
        debrief.WaitForAssertion(() => Assert.Contains("Niemand heeft gescoord in deze oefening.", debrief.Markup));
        Assert.Contains("de cijfers zijn voorlopig", debrief.Find(".practice-state").TextContent);

        observer.WaitForState(() => observer.FindAll("button.tally").Count > 0);
        var tally = observer.Find("button.tally .tally-count").GetAttribute("data-tally");
        await observer.Find("button.tally").ClickAsync(new());
        debrief.WaitForAssertion(() => Assert.Contains("Gescoord door emre", debrief.Markup));
        Assert.Equal("1", debrief.Find($"td[data-tally='{tally}']").TextContent);
        Assert.Single(debrief.FindAll("ol.timeline .taps li"));

        // The conductor saves a note on the static page: the trainer's open debrief shows it, the conductor's own does not repeat it.
        var conductor = (await people.PersonAsync(sanne)).Render<PracticeDebriefLive>(p => p.Add(c => c.PracticeId, id));
        var client = await SignedInClient.CreateAsync(app, "sanne");
        Assert.Equal(HttpStatusCode.Redirect, (await SignedInClient.PostFormAsync(client, PracticeDebriefPage.Url(id), "notitie", new() { ["notitie"] = "Meer doorvragen bij geld." })).StatusCode);
        debrief.WaitForAssertion(() => Assert.Contains("Meer doorvragen bij geld.", debrief.Find("article.note").TextContent));
        conductor.WaitForAssertion(() => Assert.Contains("Nog geen notities van de anderen.", conductor.Markup));
        Assert.DoesNotContain("Meer doorvragen bij geld.", conductor.Markup);

        // Ending it: the figures are no longer called provisional.
        await store.EndAsync(id);
        await app.Services.GetRequiredService<GesprekTool.Live.LiveChanges>().PublishAsync(GesprekTool.Live.LiveChanges.Practice(id));
        debrief.WaitForAssertion(() => Assert.Contains("Afgerond.", debrief.Find(".practice-state").TextContent));
    }

    [Fact]
    public async Task A_debrief_whose_session_ended_elsewhere_shows_nothing_more_of_the_practice()
    {
        var (app, world) = await StartAsync();
        var trainer = await world.UserAsync("ido", Roles.Trainer);
        var sanne = await world.UserAsync("sanne", Roles.Worker);
        var youssef = await world.UserAsync("youssef", Roles.Worker);
        var store = app.Services.GetRequiredService<PracticeStore>();
        var id = await world.PracticeAsync(trainer, sanne, youssef, null);

        await using var people = new LivePeople(app.Services);
        var debrief = (await people.PersonAsync(trainer)).Render<PracticeDebriefLive>(p => p.Add(c => c.PracticeId, id));
        debrief.WaitForAssertion(() => Assert.Contains("Gespreksvaardigheden", debrief.Markup));

        await app.Services.GetRequiredService<GesprekTool.Accounts.Sessions>().EndAllAsync(trainer.Id, "signed-out");
        await app.Services.GetRequiredService<GesprekTool.Live.LiveChanges>().PublishAsync(GesprekTool.Live.LiveChanges.Practice(id));

        debrief.WaitForAssertion(() => Assert.Contains("U bent afgemeld.", debrief.Markup));
        Assert.DoesNotContain("Gespreksvaardigheden", debrief.Markup);
    }
}
