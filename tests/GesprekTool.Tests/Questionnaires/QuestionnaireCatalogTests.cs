using GesprekTool.Data;
using GesprekTool.Questionnaires;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace GesprekTool.Tests.Questionnaires;

[Collection(PostgresCollection.Name)]
public sealed class QuestionnaireCatalogTests(PostgresServer postgres)
{
    private static readonly string Original = File.ReadAllText(ShippedQuestionnaire.Path);

    private static async Task<QuestionnaireCatalog> LoadAsync(Database database, string folder)
    {
        var catalog = new QuestionnaireCatalog(database, TimeProvider.System, NullLogger<QuestionnaireCatalog>.Instance);
        await catalog.LoadAsync(folder);
        return catalog;
    }

    private static string FolderWith(params (string Name, string Text)[] files)
    {
        var folder = RepositoryPaths.NewTempDirectory("questionnaires");
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }
        return folder;
    }

    [Theory, OnBothDatabases]
    public async Task A_new_version_becomes_current_and_the_old_one_stays_readable_after_its_file_is_gone(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        await LoadAsync(database, FolderWith(("v1.yaml", Original)));
        var version2 = Original.Replace("version: 1", "version: 2").Replace("Hoeveel volwassenen wonen er in huis?", "Hoeveel volwassenen wonen er thuis?");

        var catalog = await LoadAsync(database, FolderWith(("v2.yaml", version2)));

        Assert.Equal(2, catalog.Current("jes-gesprekstoel").Version);
        Assert.Equal("Hoeveel volwassenen wonen er in huis?", catalog.Find("jes-gesprekstoel", 1)!.FindQuestion("gezin-volwassenen")!.Text.Dutch);
    }

    [Theory, OnBothDatabases]
    public async Task Changing_a_used_version_without_a_new_number_is_refused_at_start_up(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        await LoadAsync(database, FolderWith(("v1.yaml", Original)));
        var edited = Original.Replace("Hoeveel volwassenen wonen er in huis?", "Hoeveel volwassenen?");

        var error = await Assert.ThrowsAsync<QuestionnaireFormatException>(() => LoadAsync(database, FolderWith(("v1.yaml", edited))));

        Assert.Contains("new version number", error.Reason);
        Assert.Equal(Original.ReplaceLineEndings("\n").Split('\n').ToList().IndexOf("version: 1") + 1, error.Line);
    }

    [Theory, OnBothDatabases]
    public async Task Changing_only_the_reports_section_or_comments_of_a_used_version_is_accepted(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var withoutReports = string.Join('\n', Original.ReplaceLineEndings("\n").Split('\n').Where(line => !line.StartsWith("  ") || !IsReportLine(line)))
            .Replace("reports:\n", "");
        await LoadAsync(database, FolderWith(("v1.yaml", withoutReports)));
        var edited = Original.Replace("counts: [geen, te-weinig]", "counts: [geen]") + "\n# een opmerking\n";

        var catalog = await LoadAsync(database, FolderWith(("v1.yaml", edited)));

        Assert.Equal(["geen"], catalog.Current("jes-gesprekstoel").Reports!.DeviceGap.Counts);
        var afterFileIsGone = await LoadAsync(database, FolderWith(("other.yaml", Original.Replace("id: jes-gesprekstoel", "id: ander"))));
        Assert.Equal(["geen"], afterFileIsGone.Find("jes-gesprekstoel", 1)!.Reports!.DeviceGap.Counts);
    }

    [Theory, OnBothDatabases]
    public async Task Adding_or_correcting_a_translation_of_a_used_version_is_accepted_because_the_dutch_text_is_the_question(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var withoutPolish = string.Join('\n', Original.ReplaceLineEndings("\n").Split('\n').Where(line => !line.TrimStart().StartsWith("pl: ", StringComparison.Ordinal)));
        await LoadAsync(database, FolderWith(("v1.yaml", withoutPolish)));

        var catalog = await LoadAsync(database, FolderWith(("v1.yaml", Original.Replace("Ile osób dorosłych mieszka w domu?", "Ile dorosłych osób mieszka w domu?"))));

        Assert.Equal("Ile dorosłych osób mieszka w domu?", catalog.Current("jes-gesprekstoel").FindQuestion("gezin-volwassenen")!.Text.In("pl"));
        var afterFileIsGone = await LoadAsync(database, FolderWith(("other.yaml", Original.Replace("id: jes-gesprekstoel", "id: ander"))));
        Assert.Equal("Ile dorosłych osób mieszka w domu?", afterFileIsGone.Find("jes-gesprekstoel", 1)!.FindQuestion("gezin-volwassenen")!.Text.In("pl"));
    }

    [Fact]
    public void The_shipped_script_asks_every_question_in_dutch_english_arabic_turkish_and_polish()
    {
        var script = QuestionnaireLoader.Parse("jes-gesprekstoel.v1.yaml", Original);
        var texts = script.Sections.SelectMany(s => s.Questions).SelectMany(q => q.Options.Select(o => o.Text).Prepend(q.Text))
            .Concat(script.Sections.Select(s => s.Title));

        Assert.All(texts, text => Assert.All(new[] { "nl", "en", "ar", "tr", "pl" }, language => Assert.False(string.IsNullOrWhiteSpace(text.In(language)))));
    }

    private static bool IsReportLine(string line) =>
        ReportRules.EntryNames.Any(name => line.TrimStart().StartsWith(name + ":", StringComparison.Ordinal));

    [Fact]
    public async Task Two_files_with_the_same_version_are_refused()
    {
        var database = await TestDatabases.CreateMigratedAsync(DatabaseEngine.Sqlite, postgres);

        var error = await Assert.ThrowsAsync<QuestionnaireFormatException>(() =>
            LoadAsync(database, FolderWith(("a.yaml", Original), ("b.yaml", Original + "\n# kopie\n"))));

        Assert.Contains("also defined by another file", error.Reason);
    }
}
