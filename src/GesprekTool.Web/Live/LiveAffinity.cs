using System.Security.Cryptography;

namespace GesprekTool.Live;

/// <summary>
/// A live page's connection (<c>/_blazor</c>: negotiate, then the WebSocket, then the closing beacon)
/// must reach the one instance that holds its circuit. Behind several instances nginx hashes on
/// this cookie (deploy/nginx, upstream gesprektool_circuits): a random key per browser, sent only to
/// <c>/_blazor</c>, set when a live page is served. It says nothing about the person.
/// </summary>
public static class LiveAffinity
{
    public const string CookieName = "gt_live";

    public static IApplicationBuilder UseLiveAffinity(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<LivePageAttribute>() is not null
            && !context.Request.Cookies.ContainsKey(CookieName))
        {
            context.Response.Cookies.Append(CookieName, Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_'),
                new CookieOptions
                {
                    Path = "/_blazor", HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps,
                    // As long as a session lasts; a new one simply picks again.
                    MaxAge = TimeSpan.FromHours(12),
                });
        }
        return next(context);
    });
}
