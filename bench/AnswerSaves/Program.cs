using GesprekTool;
// Answer-save benchmark: saves per second and latency percentiles for 1, 16 and 64 concurrent
// writers, on SQLite and PostgreSQL, through the app's real save path (validation, the
// conversation lock, the answer row and the audit row). Each writer is one worker filling in
// their own conversation, as in real use. Run by bench/answer-saves.sh, which starts PostgreSQL.
using System.Diagnostics;
using GesprekTool.Accounts;
using GesprekTool.Audit;
using GesprekTool.Conversations;
using GesprekTool.Data;
using GesprekTool.Households;
using GesprekTool.Questionnaires;
using GesprekTool.Schools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

var postgres = Environment.GetEnvironmentVariable("BENCH_POSTGRES"); // admin connection string, or empty
var questionnaires = args.Length > 0 ? args[0] : "questionnaires";
var savesPerRun = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SAVES"), out var n) ? n : 3000;
const int repeats = 3;
int[] writerCounts = (Environment.GetEnvironmentVariable("BENCH_WRITER_COUNTS") ?? "1,16,64").Split(',')
    .Select(count => int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

Console.WriteLine($"answer saves: {savesPerRun} saves per run, {repeats} runs per cell, median [min-max] of runs; latency from the moment the writer asks (right after its previous answer), queueing included");
Console.WriteLine("engine    writers  saves/s               p50 ms   p99 ms   p99.9 ms   max ms   mean ms");
var throughput = new Dictionary<(DatabaseEngine, int), double>();
foreach (var engine in new[] { DatabaseEngine.Sqlite, DatabaseEngine.Postgres })
{
    if (engine == DatabaseEngine.Postgres && string.IsNullOrEmpty(postgres))
    {
        Console.WriteLine("postgres  (skipped: BENCH_POSTGRES not set)");
        continue;
    }
    foreach (var writers in writerCounts)
    {
        var runs = new List<(double PerSecond, double P50, double P99, double P999, double Max, double Mean)>();
        for (var run = 0; run < repeats; run++)
        {
            runs.Add(await RunAsync(engine, writers));
        }
        var rates = runs.Select(r => r.PerSecond).Order().ToList();
        throughput[(engine, writers)] = rates[repeats / 2];
        Console.WriteLine($"{engine,-9} {writers,7}  {rates[repeats / 2],7:F0} [{rates[0]:F0}-{rates[^1]:F0}]   " +
            $"{Median(r => r.P50),6:F2}   {Median(r => r.P99),6:F2}   {Median(r => r.P999),8:F2}   {Median(r => r.Max),6:F1}   {Median(r => r.Mean),7:F2}");
        double Median(Func<(double PerSecond, double P50, double P99, double P999, double Max, double Mean), double> figure) =>
            runs.Select(figure).Order().ElementAt(repeats / 2);
    }
}
foreach (var writers in writerCounts.Where(w => throughput.ContainsKey((DatabaseEngine.Postgres, w))))
{
    Console.WriteLine($"ratio postgres/sqlite saves/s at {writers} writers: {throughput[(DatabaseEngine.Postgres, writers)] / throughput[(DatabaseEngine.Sqlite, writers)]:F2}");
}

async Task<(double PerSecond, double P50, double P99, double P999, double Max, double Mean)> RunAsync(DatabaseEngine engine, int writers)
{
    var (services, folder) = await FreshAppAsync(engine);
    var saving = services.GetRequiredService<AnswerSaving>();
    var questionnaire = services.GetRequiredService<QuestionnaireCatalog>().Current("jes-gesprekstoel");
    var keys = questionnaire.Questions.Where(q => q.Type is AnswerType.Number or AnswerType.Scale or AnswerType.Text).ToList();
    var schoolIds = await saving.SchoolIdsAsync();
    var owners = new List<(CurrentUser User, Conversation Conversation)>();
    for (var w = 0; w < writers; w++)
    {
        owners.Add(await NewConversationAsync(services, w));
    }
    var perWriter = savesPerRun / writers;
    var latencies = new double[perWriter * writers];
    var clock = Stopwatch.StartNew();
    var everyoneAsks = Stopwatch.GetTimestamp(); // every writer asks for its first save now
    await Task.WhenAll(owners.Select((owner, w) => Task.Run(async () =>
    {
        // Each writer asks for its next save the moment the previous one is answered, and the
        // latency runs from that moment to the answer: like a request Kestrel hands to the thread
        // pool, the save is queued there first, and the writer's own continuation waits for a thread
        // too. So no wait, for a thread (SQLite's synchronous driver holds threads while it waits for
        // the file lock), a lock or the app's write queue, falls between two measurements. With no
        // pause between saves, the mean is writers ÷ saves per second (Little's law).
        // A writer whose task starts late (no thread free) has been waiting since the start.
        var asked = everyoneAsks;
        for (var i = 0; i < perWriter; i++)
        {
            var question = keys[i % keys.Count];
            var value = question.Type == AnswerType.Text ? $"antwoord {i}" : (1 + i % 9).ToString();
            var answered = await Task.Run(async () =>
            {
                await saving.SaveAsync(owner.Conversation, owner.User, question.Key, [value], i + 1, schoolIds);
                return Stopwatch.GetTimestamp();
            });
            latencies[w * perWriter + i] = Stopwatch.GetElapsedTime(asked, answered).TotalMilliseconds;
            asked = answered;
        }
    })));
    var seconds = clock.Elapsed.TotalSeconds;
    Array.Sort(latencies);
    Npgsql.NpgsqlConnection.ClearAllPools(); // each run has its own database, so its own pool
    if (folder is not null)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
    return (latencies.Length / seconds, latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.99)],
        latencies[(int)(latencies.Length * 0.999)], latencies[^1], latencies.Average());
}

async Task<(IServiceProvider Services, string? Folder)> FreshAppAsync(DatabaseEngine engine)
{
    string connectionString;
    string? folder = null;
    if (engine == DatabaseEngine.Sqlite)
    {
        folder = Path.Combine(Path.GetTempPath(), $"gesprektool-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        connectionString = $"Data Source={Path.Combine(folder, "bench.db")};Pooling=true;Default Timeout=60";
    }
    else
    {
        var name = $"bench_{Guid.NewGuid():N}";
        await using (var admin = new Npgsql.NpgsqlConnection(postgres))
        {
            await admin.OpenAsync();
            await new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
        }
        // BENCH_PG_POOL: bench/answer-saves.sh passes the app's own pool size (Database.PostgresPoolSize),
        // and 100 (Npgsql's default) for a baseline from before the app set one.
        connectionString = new Npgsql.NpgsqlConnectionStringBuilder(postgres)
        {
            Database = name, MaxPoolSize = int.Parse(Environment.GetEnvironmentVariable("BENCH_PG_POOL") ?? "100", System.Globalization.CultureInfo.InvariantCulture),
        }.ToString();
    }
    var database = new Database(engine, connectionString);
    await new Migrator(database, NullLogger<Migrator>.Instance).MigrateAsync();
    var services = new ServiceCollection().AddLogging().AddSingleton(database).AddGesprekToolCore().BuildServiceProvider();
    await services.GetRequiredService<QuestionnaireCatalog>().LoadAsync(questionnaires);
    return (services, folder);
}

async Task<(CurrentUser, Conversation)> NewConversationAsync(IServiceProvider services, int index)
{
    var userId = await services.GetRequiredService<UserStore>().CreateAsync($"werker{index}", $"Werker {index}", "x", [Roles.Worker]);
    var user = new CurrentUser(userId, $"werker{index}", $"Werker {index}", new HashSet<string> { Roles.Worker });
    var household = await services.GetRequiredService<HouseholdStore>().CreateAsync(
        new HouseholdInput($"Gezin {index}", "telefoon", null, "nl", HouseholdStatus.Known, userId, null));
    var conversations = services.GetRequiredService<ConversationStore>();
    var id = await conversations.StartAsync(user, household, "jes-gesprekstoel", 1, "video", DateOnly.FromDateTime(DateTime.Today), true);
    return (user, (await conversations.FindAsync(user, id))!);
}
