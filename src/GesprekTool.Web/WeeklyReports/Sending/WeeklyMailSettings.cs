using Dapper;
using GesprekTool.Data;

namespace GesprekTool.WeeklyReports.Sending;

public sealed record AutoSendSetting(bool AutoSend, int Hour);

/// <summary>The organisation's choice to send a checked week by itself (one row; off by default).</summary>
public sealed class WeeklyMailSettings(Database database, TimeProvider clock)
{
    public async Task<AutoSendSetting> GetAsync()
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleAsync<(bool AutoSend, int Hour)>(
            "SELECT auto_send, auto_send_hour FROM weekly_mail_settings WHERE id = 1");
        return new AutoSendSetting(row.AutoSend, row.Hour);
    }

    public async Task SetAsync(AutoSendSetting setting, long userId)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE weekly_mail_settings SET auto_send = @AutoSend, auto_send_hour = @Hour, updated_by = @userId, updated_at = @now WHERE id = 1",
            new { setting.AutoSend, setting.Hour, userId, now = clock.GetUtcNow() });
    }
}
