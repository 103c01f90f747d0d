namespace GesprekTool;

/// <summary>Marks a page that may use the camera and microphone (the call pages, nothing else).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class CallPageAttribute : Attribute;

/// <summary>
/// Headers on every response: a Content-Security-Policy that allows only our own scripts and
/// connections (so an injected script or a third-party tracker cannot run or phone home), and a
/// Permissions-Policy that grants camera and microphone only on pages marked <see cref="CallPageAttribute"/>.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; " +
        "connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'";

    private const string NoDevices = "camera=(), microphone=(), geolocation=(), display-capture=(), payment=(), usb=()";
    private const string CallDevices = "camera=(self), microphone=(self), geolocation=(), display-capture=(), payment=(), usb=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var isCallPage = context.GetEndpoint()?.Metadata.GetMetadata<CallPageAttribute>() is not null;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Permissions-Policy"] = isCallPage ? CallDevices : NoDevices;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "SAMEORIGIN";
            headers["Referrer-Policy"] = isCallPage ? "no-referrer" : "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
