using System.Text.RegularExpressions;
using GesprekTool.Calls;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Calls;

public sealed partial class HubMessagesTests
{
    [Fact]
    public void The_browser_listens_for_exactly_the_messages_the_hub_can_send()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "GesprekTool.Web", "wwwroot", "js", "call-core.js"));
        var table = TableEntry().Matches(script[script.IndexOf("const HubMessages", StringComparison.Ordinal)..script.IndexOf("});", StringComparison.Ordinal)])
            .Select(m => (Key: m.Groups[1].Value, Value: m.Groups[2].Value)).ToList();

        Assert.All(table, entry => Assert.Equal(entry.Key, entry.Value));
        Assert.Equal(typeof(ICallClient).GetMethods().Select(m => m.Name).Order(), table.Select(e => e.Key).Order());
        Assert.DoesNotMatch(@"hub\.on\('", script); // every listener goes through the table
    }

    [GeneratedRegex(@"(\w+): '(\w+)'")]
    private static partial Regex TableEntry();
}
