using Microsoft.AspNetCore.Antiforgery;

namespace GesprekTool.Security;

/// <summary>
/// A browser that closes mid-request (a phone losing its signal during a form post) leaves a body
/// that ends early. Reading it fails, often inside the antiforgery check ("Unexpected end of
/// request content"). That is the client's doing, not an error of ours: a 400 and one log line,
/// no stack trace and no error page.
/// </summary>
public static class CutOffRequests
{
    public static IApplicationBuilder UseCutOffRequests(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsCutOff(e, context))
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("GesprekTool.CutOffRequests")
                .LogInformation("Request body cut off: {Method} {Path} ({Reason})", context.Request.Method, context.Request.Path, e.GetBaseException().Message);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                // Kestrel says which (413 for a body over the limit); otherwise 400.
                context.Response.StatusCode = (e as BadHttpRequestException ?? e.InnerException as BadHttpRequestException)?.StatusCode ?? StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("Het verzoek kwam niet helemaal aan. Probeer het opnieuw.");
            }
        }
    });

    public static bool IsCutOff(Exception e, HttpContext context) =>
        e is BadHttpRequestException || e.InnerException is BadHttpRequestException
        || (e is AntiforgeryValidationException or IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested);
}
