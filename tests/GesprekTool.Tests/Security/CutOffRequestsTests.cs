using GesprekTool.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GesprekTool.Tests.Security;

public sealed class CutOffRequestsTests
{
    private static async Task<(HttpContext Context, List<string> Log)> RunAsync(Exception thrown)
    {
        var log = new List<string>();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(new ListLogger(log))).BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.UseCutOffRequests();
        app.Run(_ => throw thrown);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Path = GesprekTool.Conversations.ConversationPage.Url(1);
        context.Response.Body = new MemoryStream();
        await app.Build()(context);
        return (context, log);
    }

    [Fact]
    public async Task An_antiforgery_check_on_a_body_that_ended_early_is_a_400_and_one_log_line_without_a_stack()
    {
        var cutOff = new AntiforgeryValidationException("The antiforgery token could not be read.",
            new BadHttpRequestException("Unexpected end of request content."));

        var (context, log) = await RunAsync(cutOff);

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        var line = Assert.Single(log);
        Assert.Contains("Unexpected end of request content", line);
        Assert.DoesNotContain("   at ", line);
    }

    [Fact]
    public async Task A_real_error_is_not_swallowed()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(new InvalidOperationException("bug")));
    }

    private sealed class ListLogger(List<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Add(formatter(state, exception) + (exception is null ? "" : exception.ToString()));
    }
}
