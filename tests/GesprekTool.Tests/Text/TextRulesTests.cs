using GesprekTool.Text;

namespace GesprekTool.Tests.Text;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Gezin A.", true)]
    [InlineData("Fam. Öztürk-Yılmaz", true)]
    [InlineData("عائلة أحمد", true)]
    [InlineData("Gezin\u0007", false)]
    [InlineData("Gezin\u001b[2J", false)]
    [InlineData("\u202Egezin", false)]
    [InlineData("a\u2067b", false)]
    [InlineData("\uFEFFGezin", false)]
    [InlineData("twee\nregels", false)]
    public void A_name_is_one_line_without_control_or_direction_characters(string name, bool clean) =>
        Assert.Equal(clean, TextRules.IsClean(name, multiLine: false));

    [Fact]
    public void Free_text_may_have_line_breaks_and_tabs() =>
        Assert.True(TextRules.IsClean("regel een\r\nregel\ttwee", multiLine: true));

    [Fact]
    public void The_form_attribute_says_why_in_Dutch()
    {
        var attribute = new SafeTextAttribute();
        Assert.False(attribute.IsValid("Gezin\u202E"));
        Assert.Contains("onzichtbare stuurtekens", attribute.ErrorMessage);
        Assert.True(attribute.IsValid(null));
    }

    [Fact]
    public void Text_stored_before_the_rules_is_cleaned_on_its_way_out() =>
        Assert.Equal("regel een\nregel twee", TextRules.Clean("regel\u0007 een\nregel\u202E twee", multiLine: true));
}
