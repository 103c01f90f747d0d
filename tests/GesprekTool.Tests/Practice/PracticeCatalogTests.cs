using GesprekTool.Practice;
using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Practice;

[Collection(PostgresCollection.Name)]
public sealed class PracticeCatalogTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Fact]
    public async Task The_app_starts_with_six_persona_cards_written_against_the_script_and_the_MITI_rubric()
    {
        var (app, _) = await StartAsync();
        var catalog = app.Services.GetRequiredService<PracticeCatalog>();
        var script = app.Services.GetRequiredService<QuestionnaireCatalog>().Current("jes-gesprekstoel");

        Assert.True(catalog.Personas.Count >= 6);
        Assert.All(catalog.Personas.SelectMany(p => p.Statements), s => Assert.NotNull(script.FindQuestion(s.QuestionKey)));
        Assert.Contains(catalog.Personas, p => p.Interpreter);
        Assert.Contains(catalog.Personas, p => p.Language != "nl");
        Assert.NotNull(catalog.Rubric("miti"));
    }
}
