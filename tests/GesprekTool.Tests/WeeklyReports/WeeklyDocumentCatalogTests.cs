using GesprekTool.WeeklyReports;

namespace GesprekTool.Tests.WeeklyReports;

public sealed class WeeklyDocumentCatalogTests
{
    [Theory]
    [InlineData("De Regenboog", "de-regenboog")]
    [InlineData("Sint-Jozefschool (Leiden)", "sint-jozefschool-leiden")]
    [InlineData("Basisschool Het Spoor — Oegstgeest", "basisschool-het-spoor-oegstgeest")]
    [InlineData("École Française", "ecole-francaise")]
    [InlineData("مدرسة", "school")]
    public void A_school_document_is_named_after_the_school_in_plain_letters(string school, string fileName) =>
        Assert.Equal(fileName, WeeklyDocumentCatalog.FileNameOf(school));
}
