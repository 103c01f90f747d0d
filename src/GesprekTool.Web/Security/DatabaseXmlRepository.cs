using System.Xml.Linq;
using Dapper;
using GesprekTool.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace GesprekTool.Security;

/// <summary>
/// Keeps the DataProtection key ring in the database: every instance and every backup sees the same
/// keys, and no key ever lives in the source tree. DataProtection calls this synchronously and
/// rarely (at start and when a key is created), so blocking here is fine.
/// </summary>
public sealed class DatabaseXmlRepository(Database database, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id")
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        connection.Execute(
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @now)",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = clock.GetUtcNow() });
    }
}
