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

    /// <summary>For a plain form post that cannot go on (a new tab, no script): a short page in Dutch with the way back.</summary>
    public static IResult Page(int httpStatus, string message, string backUrl)
    {
        var text = System.Net.WebUtility.HtmlEncode(message);
        var back = System.Net.WebUtility.HtmlEncode(backUrl);
        return Results.Content(
            $"""
            <!DOCTYPE html>
            <html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
            <title>Dat lukt nu niet — GesprekTool</title><link rel="stylesheet" href="/css/app.css"></head>
            <body><main><p class="notice" role="alert">{text}</p><p><a href="{back}">Terug</a></p></main></body></html>
            """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, httpStatus);
    }
}
