namespace GesprekTool;

/// <summary>
/// Errors for the page's JSON calls as RFC 9457 problem+json, in Dutch: <c>title</c> is the text
/// to show next to the field (also in <c>error</c>, which the page scripts read), <c>status</c> a
/// short code the script acts on (for example <c>stale</c> or <c>session_expired</c>).
/// </summary>
public static class DutchProblem
{
    public static IResult Result(int httpStatus, string message, string? status = null, object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = "about:blank",
            ["title"] = message,
            ["status"] = status ?? httpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["error"] = message,
        };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }
        return Results.Json(body, contentType: "application/problem+json", statusCode: httpStatus);
    }
}
