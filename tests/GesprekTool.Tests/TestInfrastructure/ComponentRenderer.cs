using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// Renders a Razor component as a static page renders it (no circuit) with bUnit, the same tool as
/// the live components' tests, and gives the HTML back as a document to query.
/// </summary>
public static class ComponentRenderer
{
    public static Task<IHtmlDocument> RenderAsync<TComponent>(Dictionary<string, object?> parameters, IServiceProvider? services = null)
        where TComponent : IComponent
    {
        using var context = new BunitContext();
        context.Services.AddSingleton(TimeProvider.System);
        if (services is not null)
        {
            context.Services.AddFallbackServiceProvider(services);
        }
        context.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var rendered = context.Render(builder =>
        {
            builder.OpenComponent<TComponent>(0);
            foreach (var (name, value) in parameters)
            {
                builder.AddComponentParameter(1, name, value);
            }
            builder.CloseComponent();
        });
        return Task.FromResult(new HtmlParser().ParseDocument(rendered.Markup));
    }
}
