using GesprekTool.Accounts;
using GesprekTool.Accounts.Passkeys;
using GesprekTool.Accounts.SingleSignOn;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Accounts;

[Collection(PostgresCollection.Name)]
public sealed class UserListTests(PostgresServer postgres)
{
    [Theory, OnBothDatabases]
    public async Task The_user_list_says_who_signs_in_through_the_IdP_and_how_many_passkeys_each_has(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var services = new ServiceCollection().AddLogging().AddSingleton(database).AddGesprekToolCore()
            .AddSingleton<SsoIdentities>().BuildServiceProvider();
        var world = new TestWorld(services);
        var anna = await world.UserAsync("anna", Roles.Worker);
        var bram = await world.UserAsync("bram", Roles.Worker);
        var identities = services.GetRequiredService<SsoIdentities>();
        await identities.LinkAsync(anna.Id, "https://idp.test", "anna-sub", null);
        await identities.LinkAsync(bram.Id, "https://idp.test", null, "bram@org.test"); // not signed in yet
        var passkeys = services.GetRequiredService<PasskeyStore>();
        await passkeys.AddAsync(anna.Id, "cred-1", [1, 2, 3], 0, "laptop kantoor");
        await passkeys.AddAsync(anna.Id, "cred-2", [4, 5, 6], 0, "telefoon");

        var list = (await services.GetRequiredService<UserStore>().ListAsync()).ToDictionary(u => u.UserName);

        Assert.True(list["anna"].SignsInThroughIdp);
        Assert.Equal(2, list["anna"].PasskeyCount);
        Assert.False(list["bram"].SignsInThroughIdp);
        Assert.Equal(0, list["bram"].PasskeyCount);
    }

    [Theory, OnBothDatabases]
    public async Task A_passkey_challenge_is_taken_once_and_only_for_its_purpose_and_person(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateMigratedAsync(engine, postgres);
        var services = new ServiceCollection().AddLogging().AddSingleton(database).AddGesprekToolCore().BuildServiceProvider();
        var passkeys = services.GetRequiredService<PasskeyStore>();
        var anna = await new TestWorld(services).UserAsync("anna", Roles.Worker);

        var signIn = await passkeys.SaveChallengeAsync("signin", null, "{\"a\":1}");
        var register = await passkeys.SaveChallengeAsync("register", anna.Id, "{\"b\":2}");

        Assert.Null(await passkeys.TakeChallengeAsync(register, "register", anna.Id + 1));
        Assert.Null(await passkeys.TakeChallengeAsync(signIn, "second", null));
        Assert.Equal("{\"a\":1}", await passkeys.TakeChallengeAsync(signIn, "signin", null));
        Assert.Null(await passkeys.TakeChallengeAsync(signIn, "signin", null));
        Assert.Equal("{\"b\":2}", await passkeys.TakeChallengeAsync(register, "register", anna.Id));
    }
}
