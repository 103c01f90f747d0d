using System.Net;
using GesprekTool.Accounts;
using GesprekTool.Tests.TestInfrastructure;
using GesprekTool.WeeklyReports.Sending;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.WeeklyReports.Sending;

/// <summary>The recipients page posted to as a careless user and as an attacker would: nonsense gets Dutch errors and changes nothing.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RecipientsPageTests(PostgresServer postgres) : AppTestBase(postgres)
{
    private static readonly string Url = RecipientsPage.Url();

    private static async Task<IReadOnlyList<string>> ErrorsAsync(HttpResponseMessage response) =>
        (await SignedInClient.ParseAsync(response)).QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).Where(e => e.Length > 0).ToList();

    [Fact]
    public async Task Nonsense_in_every_field_gets_a_Dutch_reason_and_adds_nobody()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("coco", Roles.Coordinator);
        var client = await SignedInClient.CreateAsync(app, "coco");

        var refused = await SignedInClient.PostFormAsync(client, Url, "ontvanger-toevoegen", new()
        {
            ["Input.Destination"] = "school-99999", ["Input.Name"] = "Intern begeleider", ["Input.Address"] = "ib@school.test",
        });
        Assert.Contains("Kies uit de lijst wie dit adres krijgt.", await ErrorsAsync(refused));

        refused = await SignedInClient.PostFormAsync(client, Url, "ontvanger-toevoegen", new()
        {
            ["Input.Destination"] = "gemeente", ["Input.Name"] = "", ["Input.Address"] = "a@b.nl, c@d.nl\r\nBcc: x@y.z",
        });
        var errors = await ErrorsAsync(refused);
        Assert.Contains("Vul een naam of functie in, zoals Intern begeleider.", errors);
        Assert.Contains("Dit is geen e-mailadres (zoals naam@school.nl).", errors);

        refused = await SignedInClient.PostFormAsync(client, Url, "automatisch", new() { ["Auto.On"] = "true", ["Auto.Hour"] = "3" });
        Assert.Contains("Kies een uur uit de lijst.", await ErrorsAsync(refused));
        refused = await SignedInClient.PostFormAsync(client, Url, "automatisch", new() { ["Auto.On"] = "true", ["Auto.Hour"] = "negen" });
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);

        Assert.Empty(await app.Services.GetRequiredService<RecipientStore>().ActiveAsync());
        Assert.False((await app.Services.GetRequiredService<WeeklyMailSettings>().GetAsync()).AutoSend);
    }

    [Fact]
    public async Task A_worker_or_trainer_posting_to_the_page_changes_nothing()
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("coco", Roles.Coordinator);
        await world.UserAsync("sanne", Roles.Worker);
        await world.UserAsync("ido", Roles.Trainer);
        var coordinator = await SignedInClient.CreateAsync(app, "coco");
        var token = await SignedInClient.AntiforgeryTokenAsync(coordinator, Url);

        foreach (var name in new[] { "sanne", "ido" })
        {
            var client = await SignedInClient.CreateAsync(app, name);
            var response = await client.PostAsync(Url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "ontvanger-toevoegen", ["__RequestVerificationToken"] = token,
                ["Input.Destination"] = "gemeente", ["Input.Name"] = "Aanvaller", ["Input.Address"] = "lek@aanvaller.test",
            }));
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Empty(await app.Services.GetRequiredService<RecipientStore>().ActiveAsync());
    }
}
