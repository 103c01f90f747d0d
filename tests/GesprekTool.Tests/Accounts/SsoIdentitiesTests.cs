using GesprekTool.Accounts;
using GesprekTool.Accounts.SingleSignOn;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Accounts;

[Collection(PostgresCollection.Name)]
public sealed class SsoIdentitiesTests(PostgresServer postgres)
{
    private static SsoPerson Person(string subject, string email, bool verified, string issuer = "https://idp.test") =>
        new(issuer, subject, email, verified, null, [], [], null);

    [Theory, OnBothDatabases]
    public async Task An_e_mail_link_is_claimed_once_by_a_verified_address_and_then_only_the_subject_counts(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var services = new ServiceCollection().AddLogging().AddSingleton(database).AddGesprekToolCore()
            .AddSingleton<SsoIdentities>().BuildServiceProvider();
        var anna = await new TestWorld(services).UserAsync("anna", Roles.Worker);
        var identities = services.GetRequiredService<SsoIdentities>();
        await identities.LinkAsync(anna.Id, "https://idp.test", null, "Anna@Org.test");

        Assert.Null(await identities.FindForSignInAsync(Person("mallory", "anna@org.test", verified: false)));
        Assert.Null(await identities.FindForSignInAsync(Person("mallory", "anna@org.test", verified: true, issuer: "https://other-idp.test")));
        Assert.Equal(anna.Id, (await identities.FindForSignInAsync(Person("anna-sub", "ANNA@org.test", verified: true)))!.UserId);
        // Claimed: another account at the IdP with the same address later gets nothing; Anna's subject still works.
        Assert.Null(await identities.FindForSignInAsync(Person("someone-else", "anna@org.test", verified: true)));
        Assert.Equal(anna.Id, (await identities.FindForSignInAsync(Person("anna-sub", "anna.new@org.test", verified: true)))!.UserId);
    }
}
