using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace GesprekTool.Components.Shared;

/// <summary>
/// Addresses of our own scripts and styles with a version taken from their content ("?v=…"). A
/// versioned address is cached for a year (it changes when the file does), so a household's second
/// visit on a thin mobile connection downloads almost nothing; an unversioned one (a module a script
/// imports) is revalidated each time and comes back as a tiny 304.
/// </summary>
public sealed class StaticAssets(Microsoft.Extensions.FileProviders.IFileProvider webRoot)
{
    public const string VersionParameter = "v";
    private readonly ConcurrentDictionary<string, string> _versions = new();

    /// <summary>"/js/guest.js?v=3f9a…": the path from the site root with its content version.</summary>
    public string Url(string path)
    {
        var relative = path.TrimStart('/');
        var version = _versions.GetOrAdd(relative, VersionOf);
        return version.Length == 0 ? "/" + relative : $"/{relative}?{VersionParameter}={version}";
    }

    private string VersionOf(string relative)
    {
        var file = webRoot.GetFileInfo(relative);
        if (!file.Exists)
        {
            return "";
        }
        using var stream = file.CreateReadStream();
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }

    /// <summary>The cache header for a static file response: a year for versioned addresses, revalidate otherwise.</summary>
    public static void SetCaching(Microsoft.AspNetCore.StaticFiles.StaticFileResponseContext context)
    {
        context.Context.Response.Headers[HeaderNames.CacheControl] = context.Context.Request.Query.ContainsKey(VersionParameter)
            ? "public, max-age=31536000, immutable"
            : "no-cache";
    }
}
