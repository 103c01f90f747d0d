using GesprekTool.PhoneCalls;

namespace GesprekTool.Tests.PhoneCalls;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("06-12345678", "+31612345678", "06 1234 5678")]
    [InlineData("06 1234 5678", "+31612345678", "06 1234 5678")]
    [InlineData("+31 6 12345678", "+31612345678", "06 1234 5678")]
    [InlineData("0031612345678", "+31612345678", "06 1234 5678")]
    [InlineData("+31 (0)71 512 3456", "+31715123456", "071 512 3456")]
    [InlineData("071-5123456", "+31715123456", "071 512 3456")]
    [InlineData("020 123 4567", "+31201234567", "020 123 4567")]
    [InlineData("0475 123456", "+31475123456", "0475 123 456")]
    [InlineData("088 123 4567", "+31881234567", "088 123 4567")]
    [InlineData("+32 470 12 34 56", "+32470123456", "+32470123456")]
    public void Numbers_typed_every_way_workers_see_them_become_one_form(string typed, string e164, string shown)
    {
        var (number, error) = PhoneNumber.Parse(typed);
        Assert.Null(error);
        Assert.Equal(e164, number!.E164);
        Assert.Equal(shown, number.Display);
    }

    [Theory]
    [InlineData("0900-1234567", "Betaalnummers")]
    [InlineData("0800 1234", "Betaalnummers")]
    [InlineData("071 512 34", "tien cijfers")]
    [InlineData("0800 123 4567", "Betaalnummers")]
    [InlineData("06-6123 4567", "pieper")]
    [InlineData("06 1234 567", "tien cijfers")]
    [InlineData("612345678", "Begin het nummer met 0")]
    [InlineData("06 1234 5678; DROP TABLE", "bijvoorbeeld 06 1234 5678")]
    [InlineData("sip:+31612345678@evil.test", "bijvoorbeeld 06 1234 5678")]
    [InlineData("+0 123 456 789", "buitenlandse nummer klopt niet")]
    [InlineData("   ", "Vul een telefoonnummer in")]
    public void A_number_that_is_not_a_familys_gets_a_Dutch_reason(string typed, string reason)
    {
        var (number, error) = PhoneNumber.Parse(typed);
        Assert.Null(number);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Dutch_numbers_are_dialled_as_the_trunk_wants_them()
    {
        var number = PhoneNumber.Parse("06 1234 5678").Number!;
        Assert.Equal("+31612345678", number.ForDialling(national: false));
        Assert.Equal("0612345678", number.ForDialling(national: true));
        Assert.Equal("+32470123456", PhoneNumber.Parse("+32470123456").Number!.ForDialling(national: true));
    }

    [Fact]
    public void Numbers_abroad_are_dialled_only_when_the_organisation_allows_it()
    {
        var abroad = PhoneNumber.Parse("+32 470 12 34 56").Number!;
        Assert.Contains("buitenland", DiallingRules.Refusal(abroad, internationalAllowed: false));
        Assert.Null(DiallingRules.Refusal(abroad, internationalAllowed: true));
        Assert.Null(DiallingRules.Refusal(PhoneNumber.Parse("0612345678").Number!, internationalAllowed: false));
    }
}
