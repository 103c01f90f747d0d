using System.Net;
using GesprekTool.Accounts;
using GesprekTool.Households;
using GesprekTool.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.Security;

/// <summary>Nonsense in a form or an address gets a 4xx with a Dutch message beside the field, never a 500, and loses nothing saved.</summary>
[Collection(PostgresCollection.Name)]
public sealed class BadInputTests(PostgresServer postgres) : AppTestBase(postgres)
{
    [Theory]
    [InlineData("2026-13-45", "Vul een bestaande datum in")]
    [InlineData("gisteren", "Vul een bestaande datum in")]
    public async Task An_impossible_date_for_a_conversation_gets_a_Dutch_message_beside_the_field(string date, string message)
    {
        var (app, client, household) = await WorkerWithHouseholdAsync();

        var response = await SignedInClient.PostFormAsync(client, StartConversation.Url(household), "gesprek-starten", new()
        {
            ["Input.Mode"] = "video", ["Input.HeldOn"] = date, ["Input.ConfidentialityStated"] = "true",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await SignedInClient.ParseAsync(response);
        Assert.True(page.QuerySelector("#datum")!.ParentElement!.TextContent.Contains(message), page.Body!.InnerHtml);
        Assert.DoesNotContain("is not valid", page.Body!.TextContent);
    }

    [Theory]
    [InlineData("Input.Status", "verwijderd", "Kies een status uit de lijst.")]
    [InlineData("Input.ContactChannel", "postduif", "Kies een contactkanaal uit de lijst.")]
    [InlineData("Input.HomeLanguage", "klingon", "Kies een taal uit de lijst.")]
    [InlineData("Input.DisplayName", "Gezin \u202Eevil", "onzichtbare stuurtekens")]
    [InlineData("Input.DisplayName", "Gezin\u0007", "onzichtbare stuurtekens")]
    [InlineData("Input.Notes", "\u001b[2Jweg", "onzichtbare stuurtekens")]
    [InlineData("Input.PhoneNumber", "0900-1234567", "Betaalnummers")]
    [InlineData("Input.PhoneNumber", "sip:+31612345678@elders.test", "bijvoorbeeld 06 1234 5678")]
    [InlineData("Input.PhoneNumber", "06 1234", "tien cijfers")]
    [InlineData("Input.Email", "geen-adres", "Dit is geen e-mailadres")]
    [InlineData("Input.Email", "a@b.nl, c@d.nl", "Dit is geen e-mailadres")]
    public async Task A_tampered_or_poisoned_household_form_is_refused_and_keeps_what_was_saved(string field, string value, string message)
    {
        var (app, client, household) = await WorkerWithHouseholdAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Gezin Nieuw", ["Input.ContactChannel"] = "sms", ["Input.HomeLanguage"] = "nl",
            ["Input.Status"] = HouseholdStatus.Known, ["Input.Notes"] = "",
        };
        fields[field] = value;

        var response = await SignedInClient.PostFormAsync(client, HouseholdForm.EditUrl(household), "gezin", fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await SignedInClient.ParseAsync(response)).QuerySelector(".field-error")?.TextContent);
        var stored = await app.Services.GetRequiredService<HouseholdStore>()
            .FindAsync(new CurrentUser(0, "c", "", new HashSet<string> { Roles.Coordinator }), household);
        Assert.Equal("Gezin Bewaard", stored!.DisplayName);
    }

    [Fact]
    public async Task A_phone_number_typed_with_dashes_is_kept_in_international_form_and_shown_the_Dutch_way()
    {
        var (app, client, household) = await WorkerWithHouseholdAsync();
        var response = await SignedInClient.PostFormAsync(client, HouseholdForm.EditUrl(household), "gezin", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Gezin Bewaard", ["Input.ContactChannel"] = "telefoon", ["Input.HomeLanguage"] = "nl",
            ["Input.Status"] = HouseholdStatus.Known, ["Input.Notes"] = "", ["Input.PhoneNumber"] = "06-12345678",
        });

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.OK, $"{response.StatusCode}");
        var stored = await app.Services.GetRequiredService<HouseholdStore>()
            .FindAsync(new CurrentUser(0, "c", "", new HashSet<string> { Roles.Coordinator }), household);
        Assert.Equal("+31612345678", stored!.PhoneNumber);
        var detail = await SignedInClient.ParseAsync(await client.GetAsync(HouseholdDetail.Url(household)));
        Assert.Contains("06 1234 5678", detail.Body!.TextContent);
    }

    public static TheoryData<string, string> NonsenseAddresses => new()
    {
        { Caseload.Url() + "?eigen=banaan", "Het filter in het adres klopt niet" },
        { GesprekTool.Audit.AuditPage.Url() + "?nummer=abc", "Het nummer moet een getal zijn." },
    };

    [Theory]
    [MemberData(nameof(NonsenseAddresses))]
    public async Task Nonsense_in_an_address_gets_a_400_page_with_a_Dutch_message(string url, string message)
    {
        var (app, world) = await StartAsync();
        await world.UserAsync("beheer", Roles.Admin, Roles.Coordinator);
        var client = await SignedInClient.CreateAsync(app, "beheer");

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await SignedInClient.ParseAsync(response)).QuerySelector(".form-error")?.TextContent);
    }

    private async Task<(GesprekToolFactory, HttpClient, long)> WorkerWithHouseholdAsync()
    {
        var (app, world) = await StartAsync();
        var worker = await world.UserAsync("sanne", Roles.Worker);
        var household = await world.HouseholdAsync(worker, "Gezin Bewaard");
        return (app, await SignedInClient.CreateAsync(app, "sanne"), household);
    }
}
