using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace GesprekTool.WeeklyReports;

/// <summary>Renders a report component to a complete HTML document, with the print stylesheet inlined.</summary>
public sealed class ReportRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    public static readonly string PrintCss = ReadEmbeddedCss();

    public Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent =>
        RenderAsync(typeof(TComponent), parameters);

    public Task<string> RenderAsync(ReportDocument document) => RenderAsync(document.Component, document.Parameters);

    private async Task<string> RenderAsync(Type component, IReadOnlyDictionary<string, object?> parameters)
    {
        // Every report component takes the print stylesheet inline (ReportShell.InlineCss).
        var withCss = new Dictionary<string, object?>(parameters) { ["InlineCss"] = PrintCss };
        // The renderer needs scoped services; the job and the builder live outside any request.
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync(component, ParameterView.FromDictionary(withCss))).ToHtmlString());
    }

    private static string ReadEmbeddedCss()
    {
        using var stream = typeof(ReportRenderer).Assembly.GetManifestResourceStream("report.css")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
