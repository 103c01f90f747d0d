using System.Text;
using GesprekTool.Accounts;

namespace GesprekTool.Audit;

/// <summary>The audit log as CSV for an admin (for a request under the GDPR, or the privacy officer's review).</summary>
internal static class AuditEndpoints
{
    public static string ExportUrl(QueryString filter) => "/beheer/auditlog/export.csv" + filter;

    public static void MapAuditEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/beheer/auditlog/export.csv", ExportAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin));

    private static async Task ExportAsync(HttpContext context, CurrentUser user, AuditLog audit, TimeProvider clock)
    {
        var (filter, _) = AuditTexts.ParseFilter(context.Request.Query);
        // The export itself is a read of family data: it is logged before the first row leaves.
        await audit.WriteAsync(user, "audit.exported", null, null, context.Request.QueryString.Value);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition =
            $"attachment; filename=\"auditlog-{DutchDate.Local(clock.GetUtcNow()):yyyy-MM-dd}.csv\"";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await writer.WriteLineAsync(AuditCsv.Header);
        await foreach (var entry in audit.ExportAsync(filter))
        {
            await writer.WriteLineAsync(AuditCsv.Line(entry));
        }
    }
}

/// <summary>
/// Semicolon-separated (what Dutch Excel opens), every field quoted, and cells that start like a
/// formula prefixed with an apostrophe, so a crafted name cannot run in a spreadsheet.
/// </summary>
public static class AuditCsv
{
    public const string Header = "\"id\";\"tijdstip_utc\";\"gebruiker_id\";\"gebruiker\";\"actie\";\"onderwerp\";\"onderwerp_id\";\"gezin_id\";\"verantwoordelijke\";\"details\"";

    public static string Line(AuditEntry e) => string.Join(';', new[]
    {
        e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        e.UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture), e.UserName, e.Action, e.SubjectType,
        e.SubjectId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        e.HouseholdId?.ToString(System.Globalization.CultureInfo.InvariantCulture), e.ResponsibleUserName, e.Detail,
    }.Select(Field));

    public static string Field(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0]))
        {
            text = "'" + text;
        }
        return "\"" + text.Replace("\"", "\"\"") + "\"";
    }
}
