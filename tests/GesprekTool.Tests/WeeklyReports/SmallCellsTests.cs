using GesprekTool.WeeklyReports;

namespace GesprekTool.Tests.WeeklyReports;

public sealed class SmallCellsTests
{
    [Theory]
    [InlineData(1, 6, "minder dan 5 van 6")]
    [InlineData(4, 6, "minder dan 5 van 6")]
    [InlineData(5, 6, "meer dan 4 van 6")] // one family without: not printed exactly
    [InlineData(6, 6, "meer dan 4 van 6")] // else 5 of 6 could be read off as the only value left
    [InlineData(0, 6, "0 van 6 (0%)")]
    [InlineData(5, 5, "5 van 5 (100%)")]
    [InlineData(5, 10, "5 van 10 (50%)")]
    [InlineData(9, 10, "meer dan 5 van 10")]
    [InlineData(10, 10, "10 van 10 (100%)")]
    [InlineData(20, 45, "20 van 45 (44%)")]
    [InlineData(2, 3, "minder dan 5 antwoorden")]
    [InlineData(0, 3, "minder dan 5 antwoorden")]
    [InlineData(0, 0, "geen antwoorden")]
    public void A_count_or_its_complement_of_one_to_four_is_printed_as_a_range_without_a_percentage(int part, int of, string printed)
    {
        Assert.Equal(printed, SmallCells.Text(part, of, 5, "van"));
    }

    [Fact]
    public void Knowing_the_rule_never_gives_a_small_count_or_a_small_complement_back()
    {
        for (var of = 0; of <= 60; of++)
        {
            var byText = Enumerable.Range(0, of + 1).GroupBy(part => SmallCells.Text(part, of, 5, "van")).ToList();
            foreach (var group in byText.Where(g => g.Count() == 1))
            {
                // A text that only one count can give is that count printed exactly: neither it nor its complement may be small.
                var part = group.Single();
                Assert.False(part is >= 1 and < 5, $"{part} of {of} readable from '{group.Key}'");
                Assert.False(of - part is >= 1 and < 5, $"complement {of - part} of {of} readable from '{group.Key}'");
            }
        }
    }
}
