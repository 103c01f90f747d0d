using GesprekTool;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Households;
using GesprekTool.Questionnaires;
using GesprekTool.Schools;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Conversations;

/// <summary>The whole conversation page rendered as a static page (bUnit) on a real (SQLite) database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ConversationPageRenderTests(PostgresServer postgres)
{
    private sealed class FixedNavigationManager : NavigationManager
    {
        public FixedNavigationManager() => Initialize("http://localhost/", "http://localhost/gesprekken/1");
    }

    [Fact]
    public async Task The_page_shows_the_section_its_answers_progress_and_the_autosave_hooks()
    {
        var database = await TestDatabases.CreateMigratedAsync(DatabaseEngine.Sqlite, postgres);
        CurrentUser? signedIn = null; // the page injects the signed-in user; known once the world is made
        var services = new ServiceCollection().AddLogging().AddSingleton(database).AddGesprekToolCore()
            .AddSingleton<NavigationManager, FixedNavigationManager>().AddSingleton(_ => signedIn!)
            .AddSingleton(new GesprekTool.Components.Shared.StaticAssets(new Microsoft.Extensions.FileProviders.NullFileProvider())).BuildServiceProvider();
        await services.GetRequiredService<QuestionnaireCatalog>().LoadAsync(RepositoryPaths.Questionnaires);
        var world = new TestWorld(services);
        var worker = signedIn = await world.UserAsync("sanne", Roles.Worker);
        var conversation = await world.ConversationAsync(worker, await world.HouseholdAsync(worker, "Gezin Render"));
        var store = services.GetRequiredService<ConversationStore>();
        await store.SaveAnswerAsync(conversation, worker, "gezin-kinderen", "2", 1);
        await store.SaveAnswerAsync(conversation, worker, "gezin-schoolgaand", "nee", 2);
        var http = new DefaultHttpContext { User = worker.ToPrincipal("test"), RequestServices = services };
        http.Request.Method = "GET";

        RenderFragment page = builder =>
        {
            builder.OpenComponent<ConversationPage>(0);
            builder.AddComponentParameter(1, nameof(ConversationPage.Id), conversation.Id);
            builder.CloseComponent();
        };
        var html = await ComponentRenderer.RenderAsync<CascadingValue<HttpContext>>(new()
        {
            ["Value"] = http,
            ["ChildContent"] = page,
        }, services);

        Assert.Equal($"Gesprek van {DutchDate.Long(conversation.HeldOn)}", html.QuerySelector("h1")?.TextContent);
        Assert.Equal("Gezin", html.QuerySelector("#deel-titel")?.TextContent);
        // 30 minus the eight school questions.
        Assert.Equal("2 van 22 vragen beantwoord", html.QuerySelector("[data-progress]")?.TextContent);
        Assert.Equal(6, html.QuerySelectorAll(".script [data-question]").Length);
        Assert.Equal("2", html.QuerySelector("input[name='a.gezin-kinderen']")?.GetAttribute("value"));
        var form = html.QuerySelector("form.script")!;
        Assert.Equal("on", form.GetAttribute("data-autosave"));
        Assert.Equal(ConversationEndpoints.AnswersUrl(conversation.Id), form.GetAttribute("data-save-url"));
        Assert.Equal("gezin", form.QuerySelector("input[name=deel]")?.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("input[name=stamp]"));
        Assert.Contains("skipped", html.QuerySelector("[data-section=school]")?.ClassName);
        var audit = await services.GetRequiredService<AuditLog>().ReadAsync("conversation", conversation.Id, 5);
        Assert.Contains(audit, e => e.Action == "conversation.viewed" && e.UserName == "sanne");
    }
}
