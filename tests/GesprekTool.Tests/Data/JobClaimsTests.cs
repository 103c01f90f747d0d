using GesprekTool.Data;
using GesprekTool.Tests.Accounts;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Data;

[Collection(PostgresCollection.Name)]
public sealed class JobClaimsTests(PostgresServer postgres)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    [Theory, OnBothDatabases]
    public async Task Of_two_instances_claiming_the_same_week_at_once_one_gets_it(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var clock = new AdjustableClock(DateTimeOffset.UtcNow);
        var a = new JobClaims(database, new AppInstance("a"), clock);
        var b = new JobClaims(database, new AppInstance("b"), clock);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? a : b).TryClaimAsync("weekly-documents", "2026-W46", Lease)));

        Assert.Single(results, claimed => claimed);
        Assert.True(await a.TryClaimAsync("weekly-documents", "2026-W47", Lease)); // another week is another claim
    }

    [Theory, OnBothDatabases]
    public async Task A_claim_left_unfinished_past_its_lease_is_taken_over_but_a_finished_one_never(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var clock = new AdjustableClock(DateTimeOffset.UtcNow);
        var a = new JobClaims(database, new AppInstance("a"), clock);
        var b = new JobClaims(database, new AppInstance("b"), clock);
        Assert.True(await a.TryClaimAsync("weekly-documents", "2026-W46", Lease));
        Assert.True(await a.TryClaimAsync("weekly-documents", "2026-W45", Lease));
        await a.FinishAsync("weekly-documents", "2026-W45");

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(await b.TryClaimAsync("weekly-documents", "2026-W46", Lease)); // a may still be building
        clock.Advance(TimeSpan.FromMinutes(25));
        Assert.True(await b.TryClaimAsync("weekly-documents", "2026-W46", Lease)); // a died mid-run
        Assert.False(await a.TryClaimAsync("weekly-documents", "2026-W46", Lease));
        Assert.False(await b.TryClaimAsync("weekly-documents", "2026-W45", Lease)); // built: never again
    }

    [Theory, OnBothDatabases]
    public async Task A_failed_run_is_released_so_the_retry_may_run_on_any_instance(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var clock = new AdjustableClock(DateTimeOffset.UtcNow);
        var a = new JobClaims(database, new AppInstance("a"), clock);
        var b = new JobClaims(database, new AppInstance("b"), clock);
        Assert.True(await a.TryClaimAsync("weekly-documents", "2026-W46", Lease));

        await b.ReleaseAsync("weekly-documents", "2026-W46"); // not b's to release
        Assert.False(await b.TryClaimAsync("weekly-documents", "2026-W46", Lease));
        await a.ReleaseAsync("weekly-documents", "2026-W46");

        Assert.True(await b.TryClaimAsync("weekly-documents", "2026-W46", Lease));
    }
}
