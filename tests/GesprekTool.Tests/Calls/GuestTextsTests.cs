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
            Assert.Contains("{0}", texts.Invitation);
            Assert.Equal(texts.Code == "ar", texts.RightToLeft);
        }
        Assert.Equal(["nl", "en", "ar", "tr", "pl"], GuestTexts.All.Select(t => t.Code));
    }

    [Fact]
    public void The_expired_link_message_is_the_one_households_are_told() =>
        Assert.Equal("Deze link werkt niet meer. Vraag uw hulpverlener om een nieuwe link.", GuestTexts.Dutch.LinkInvalid);
}
