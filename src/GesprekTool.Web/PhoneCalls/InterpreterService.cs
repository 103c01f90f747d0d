using Dapper;
using GesprekTool.Data;

namespace GesprekTool.PhoneCalls;

/// <summary>The telephone interpreter service the organisation has a contract with: its name as workers know it, and its number.</summary>
public sealed record InterpreterService(string Name, PhoneNumber Number);

/// <summary>
/// The interpreter service, kept by an admin (one row). Null when none is set: then the phone page
/// offers no interpreter.
/// </summary>
public sealed class InterpreterServiceStore(Database database, TimeProvider clock)
{
    public async Task<InterpreterService?> GetAsync()
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleAsync<(string? Name, string? Number)>(
            "SELECT interpreter_name, interpreter_number FROM phone_line_settings WHERE id = 1");
        return row is { Name: { } name, Number: { } number } ? new InterpreterService(name, new PhoneNumber(number)) : null;
    }

    /// <param name="service">Null takes the interpreter service away.</param>
    public async Task SetAsync(InterpreterService? service, long userId)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            UPDATE phone_line_settings SET interpreter_name = @name, interpreter_number = @number, updated_by = @userId, updated_at = @now
            WHERE id = 1
            """, new { name = service?.Name, number = service?.Number.E164, userId, now = clock.GetUtcNow() });
    }
}
