using GesprekTool.Calls;

namespace GesprekTool.Tests.Calls;

public sealed class GuestTextsTests
{
    [Theory]
    [InlineData("pl", "ar", "tr-TR", "pl")]
    [InlineData(null, "ar", "tr-TR", "ar")]
    [InlineData(null, "nl", "en-GB,en;q=0.9", "en")]
    [InlineData(null, "ti", "de-DE, tr;q=0.8", "ti")] // the demo households speak Tigrinya
    [InlineData(null, "so", "de-DE, tr;q=0.8", "tr")] // no Somali page yet: the phone's language
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
            Assert.All(new[] { "{0}", "{1}", "{2}", "{3}" }, slot => Assert.Contains(slot, texts.Invitation)); // link, worker, organisation, planned time
            Assert.All(new[] { "{0}", "{1}" }, slot => Assert.Contains(slot, texts.PlannedAt)); // day, time
            Assert.Equal(3, texts.StepsAndroid.Split('|').Length);
            Assert.Equal(3, texts.StepsIphone.Split('|').Length);
            Assert.Equal(3, texts.StepsComputer.Split('|').Length);
            Assert.Equal(texts.Code == "ar", texts.RightToLeft);
        }
        Assert.Equal(["nl", "en", "ar", "tr", "pl", "uk", "ti"], GuestTexts.All.Select(t => t.Code));
    }

    [Fact]
    public void The_invitation_names_the_worker_and_the_organisation()
    {
        var text = GuestTexts.Find("nl")!.InvitationWith("https://voorbeeld.nl/j/abc", "Sanne", "JES Rijnland");

        Assert.Equal("Hallo! U krijgt dit bericht van Sanne, uw hulpverlener bij JES Rijnland. Ik wil u graag spreken in een videogesprek. " +
            "Open deze link op uw telefoon: https://voorbeeld.nl/j/abc — U hoeft niets te installeren. Het gesprek wordt niet opgenomen.", text);
        Assert.Equal("Sanne", GesprekTool.Calls.JoinLinks.FirstNameOf(" Sanne de Vries (demo)"));
    }

    [Fact]
    public void A_planned_time_is_named_in_the_readers_language_on_the_gregorian_calendar()
    {
        var at = new DateTimeOffset(2026, 11, 24, 13, 30, 0, TimeSpan.Zero); // 14:30 in Amsterdam

        Assert.Contains("Ik wil u graag spreken in een videogesprek. Het gesprek is op dinsdag 24 november om 14:30 uur. Open deze link",
            GuestTexts.Dutch.InvitationWith("https://x/j/a", "Sanne", "JES Rijnland", at));
        Assert.Contains("الثلاثاء 24 نوفمبر الساعة 14:30", GuestTexts.Find("ar")!.InvitationWith("u", "Sanne", "JES", at));
        Assert.Contains("вівторок 24 листопада о 14:30", GuestTexts.Find("uk")!.InvitationWith("u", "Sanne", "JES", at));
        Assert.Contains("24 Kasım Salı, saat 14:30", GuestTexts.Find("tr")!.InvitationWith("u", "Sanne", "JES", at));
        Assert.DoesNotContain("{3}", GuestTexts.Find("ti")!.InvitationWith("u", "Sanne", "JES"));
    }

    [Theory]
    [InlineData("2026-11-22T14:00", null)] // an hour from now
    [InlineData("", null)]
    [InlineData("2026-11-22T12:55", null)] // five minutes ago: typed as "now"
    [InlineData("2026-11-22T12:00", "al voorbij")]
    [InlineData("2026-11-23T14:00", "De link werkt tot")] // beyond the link's 24 hours
    [InlineData("14:00", "niet te lezen")]
    [InlineData("2026-03-29T02:30", "bestaat niet")] // the hour the clocks skip
    public void A_planned_time_must_fall_while_the_link_works(string text, string? error)
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero); // 13:00 in Amsterdam
        var lifetime = text.StartsWith("2026-03", StringComparison.Ordinal) ? TimeSpan.FromDays(200) : TimeSpan.FromHours(24);
        var nowForSpring = text.StartsWith("2026-03", StringComparison.Ordinal) ? new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero) : now;

        var (at, message) = PlannedTime.Parse(text, nowForSpring, lifetime);

        if (error is null)
        {
            Assert.Null(message);
            Assert.Equal(text == "", at is null);
        }
        else
        {
            Assert.Null(at);
            Assert.Contains(error, message);
        }
    }

    [Fact]
    public void The_expired_link_message_is_the_one_households_are_told() =>
        Assert.Equal("Deze link werkt niet meer. Vraag uw hulpverlener om een nieuwe link.", GuestTexts.Dutch.LinkInvalid);
}
