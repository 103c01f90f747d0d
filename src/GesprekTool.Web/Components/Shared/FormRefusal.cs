namespace GesprekTool.Components.Shared;

/// <summary>
/// A refused form or query is still shown as a page with Dutch messages beside the fields, but
/// with a 4xx status, so scripts, monitoring and tests can tell it from a success.
/// </summary>
public static class FormRefusal
{
    public static void Mark(HttpContext context, int status = StatusCodes.Status422UnprocessableEntity)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = status;
        }
    }
}
