using GesprekTool.Calls;

namespace GesprekTool.Tests.Calls;

public sealed class GuestTextsTests
{
    [Theory]
    [InlineData("pl", "ar", "tr-TR", "pl")]
    [InlineData(null, "ar", "tr-TR", "ar")]
    [InlineData(null, "nl", "en-GB,en;q=0.9", "en")]
    [InlineData(null, "ti", "de-DE, tr;q=0.8", "tr")]
    [InlineData("xx", null, "fr-FR", "nl")]
    public void The_guest_choice_comes_first_then_the_home_language_then_the_phone(string? chosen, string? home, string accept, string expected) =>
        Assert.Equal(expected, GuestTexts.Choose(chosen, home, accept).Code);

    [Fact]
    public void Every_language_has_every_text_and_only_arabic_is_right_to_left()
    {
        foreach (var texts in GuestTexts.All)
        {
            var values = typeof(GuestTexts).GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => (string)p.GetValue(texts)!);
            Assert.All(values, value => Assert.False(string.IsNullOrWhiteSpace(value)));
            Assert.All(new[] { "{0}", "{1}", "{2}" }, slot => Assert.Contains(slot, texts.Invitation)); // link, worker, organisation
            Assert.Equal(texts.Code == "ar", texts.RightToLeft);
        }
        Assert.Equal(["nl", "en", "ar", "tr", "pl"], GuestTexts.All.Select(t => t.Code));
    }

    [Fact]
    public void The_invitation_names_the_worker_and_the_organisation()
    {
        var text = GuestTexts.Find("nl")!.InvitationWith("https://voorbeeld.nl/j/abc", "Sanne", "JES Rijnland");

        Assert.Equal("Hallo! U krijgt dit bericht van Sanne, uw hulpverlener bij JES Rijnland. Ik wil u graag spreken in een videogesprek. " +
            "Open deze link op uw telefoon: https://voorbeeld.nl/j/abc — U hoeft niets te installeren. Het gesprek wordt niet opgenomen.", text);
        Assert.Equal("Sanne", GesprekTool.Calls.CallEndpoints.FirstNameOf(" Sanne de Vries (demo)"));
    }

    [Fact]
    public void The_expired_link_message_is_the_one_households_are_told() =>
        Assert.Equal("Deze link werkt niet meer. Vraag uw hulpverlener om een nieuwe link.", GuestTexts.Dutch.LinkInvalid);
}
