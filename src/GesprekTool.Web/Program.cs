using GesprekTool;
using GesprekTool.Questionnaires;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
try
{
    await app.PrepareDatabaseAsync();
}
catch (QuestionnaireFormatException e)
{
    // A broken script must stop the app with a message a coordinator can act on, not a stack trace.
    app.Logger.LogCritical("Questionnaire file refused: {File}, line {Line}: {Reason}", e.File, e.Line, e.Reason);
    Console.Error.WriteLine($"GesprekTool cannot start: questionnaire or method file {e.File}, line {e.Line}: {e.Reason}");
    Environment.Exit(2);
}
catch (StartupRefusedException e)
{
    app.Logger.LogCritical("Start-up refused: {Reason}", e.Message);
    Console.Error.WriteLine($"GesprekTool cannot start: {e.Message}");
    Environment.Exit(2);
}
app.UseApplicationPipeline();
app.MapApplicationEndpoints();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can start the app with WebApplicationFactory.</summary>
public partial class Program;
