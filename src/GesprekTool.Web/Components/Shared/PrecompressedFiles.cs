using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace GesprekTool.Components.Shared;

/// <summary>
/// A publish writes a Brotli and a gzip copy beside every script and style (<c>blazor.web.js.br</c>,
/// 47 KB instead of 200 KB). A browser that accepts one gets that copy as it is, with
/// <c>Content-Encoding</c>; nothing is compressed again on each request. Where no copy exists (a
/// build folder, a file we did not publish), the file is served as before and the response
/// compression middleware compresses it.
/// </summary>
public static class PrecompressedFiles
{
    private const string EncodingItem = "precompressed-encoding";
    private static readonly string[] Compressible = [".js", ".css", ".svg", ".json", ".html"];
    private static readonly FileExtensionContentTypeProvider Types = new();

    public static IApplicationBuilder UsePrecompressedFiles(this IApplicationBuilder app, IFileProvider webRoot) => app.Use((context, next) =>
    {
        var path = context.Request.Path.Value;
        if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && path is not null && Compressible.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
        {
            var accepted = context.Request.Headers.AcceptEncoding.ToString();
            foreach (var (encoding, suffix) in new[] { ("br", ".br"), ("gzip", ".gz") })
            {
                if (accepted.Contains(encoding, StringComparison.OrdinalIgnoreCase) && webRoot.GetFileInfo(path + suffix).Exists)
                {
                    context.Request.Path = path + suffix;
                    context.Items[EncodingItem] = encoding;
                    break;
                }
            }
        }
        return next(context);
    });

    /// <summary>The type of the file inside the copy ("x.js.br" is JavaScript).</summary>
    public static IContentTypeProvider ContentTypes { get; } = new InnerTypeProvider();

    /// <summary>For the static file middleware's OnPrepareResponse: say how the copy is encoded.</summary>
    public static void MarkEncoding(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        if (context.Context.Items[EncodingItem] is string encoding)
        {
            headers.ContentEncoding = encoding;
        }
    }

    private sealed class InnerTypeProvider : IContentTypeProvider
    {
        public bool TryGetContentType(string subpath, out string contentType)
        {
            var inner = subpath.EndsWith(".br", StringComparison.Ordinal) || subpath.EndsWith(".gz", StringComparison.Ordinal) ? subpath[..^3] : subpath;
            return Types.TryGetContentType(inner, out contentType!);
        }
    }
}
