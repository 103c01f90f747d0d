using GesprekTool.Coaching;

namespace GesprekTool.Tests.Coaching;

public sealed class PrivacyCheckTests
{
    [Theory]
    [InlineData("Ik sprak mevrouw Jansen over de huur.", "mevrouw Jansen", "naam")]
    [InlineData("Haar zoon Ahmed wil niet naar school.", "zoon Ahmed", "naam")]
    [InlineData("Het gaat om Fatima El Amrani en haar kinderen.", "Fatima El Amrani", "naam")]
    [InlineData("Ze woont op de Haarlemmerstraat 12 sinds kort.", "Haarlemmerstraat 12", "adres")]
    [InlineData("Postcode 2312 AB, bovenwoning.", "2312 AB", "postcode")]
    [InlineData("Bel haar op 06-12345678 na drieën.", "06-12345678", "telefoonnummer")]
    [InlineData("Of op 071 5123456.", "071 5123456", "telefoonnummer")]
    [InlineData("De jongste is van 12-03-2015.", "12-03-2015", "datum")]
    [InlineData("Hij is geboren op 3 maart 2015.", "geboren op 3 maart 2015", "datum")]
    [InlineData("Mail: ouder@example.nl", "ouder@example.nl", "e-mailadres")]
    public void Text_that_could_identify_a_family_is_flagged_with_the_reason(string text, string flagged, string why)
    {
        var flags = PrivacyCheck.Flags(text);

        Assert.Contains(flags, f => f.Text == flagged && f.Why.Contains(why));
    }

    [Theory]
    [InlineData("Een moeder van drie kinderen schaamt zich over geldzorgen. Ze zegt dat het goed gaat.")]
    [InlineData("De vader werkt in ploegen en ziet de kinderen weinig. School belt vaak.")]
    [InlineData("Ik vroeg naar de vraag achter de vraag en bleef 15 minuten stil bij de cijfers.")]
    public void An_anonymous_case_is_not_flagged(string text) => Assert.Empty(PrivacyCheck.Flags(text));
}
