using GesprekTool.Audit;
using GesprekTool.Data;
using GesprekTool.Live;
using GesprekTool.Mail;
using Microsoft.Extensions.Options;

namespace GesprekTool.WeeklyReports.Sending;

/// <summary>
/// Sends the queued weekly messages, one at a time, on every instance: each message is claimed in
/// the database first, so two instances never send the same one. A relay that cannot take a message
/// now (down, 4xx) puts it back with a doubling wait and pauses this instance as long; a 5xx answer
/// is final and shown against the address. On start, claims this instance held before a crash become
/// "uncertain": never sent twice by itself. On Mondays it also queues a checked week by itself when
/// the organisation chose that.
/// </summary>
public sealed class WeeklyMailJob(
    WeeklyMailStore store, RecipientStore recipients, WeeklyMailSettings settings, JobClaims claims, MailSender sender, LiveChanges changes,
    AuditLog audit, AppInstance instance, IOptionsMonitor<WeeklyMailOptions> options, IOptionsMonitor<ReportOptions> reportOptions,
    TimeProvider clock, ILogger<WeeklyMailJob> logger) : BackgroundService
{
    public const string AutoSendJob = "weekly-mail-auto";
    private static readonly TimeSpan HousekeepingEvery = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Something was queued here: send now rather than at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.JobEnabled)
        {
            return;
        }
        var pause = TimeSpan.Zero;
        DateTimeOffset? lastHousekeeping = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Abandoned claims and the automatic sending change by the minute, not by the poll.
                if (lastHousekeeping is null || clock.GetUtcNow() - lastHousekeeping >= HousekeepingEvery)
                {
                    await MarkAbandonedAsync(atStart: lastHousekeeping is null);
                    await QueueAutomaticallyIfDueAsync();
                    lastHousekeeping = clock.GetUtcNow();
                }
                pause = await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending weekly documents failed");
                pause = TimeSpan.FromSeconds(options.CurrentValue.RetryFirstSeconds);
            }
            var wait = pause > TimeSpan.Zero ? pause : TimeSpan.FromSeconds(options.CurrentValue.PollSeconds);
            try
            {
                // A relay that is down is not retried early because someone queued more.
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
                else
                {
                    await _wake.WaitAsync(wait, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>At start, this instance's own claims (it stopped mid-send); later, only claims past their lease.</summary>
    private async Task MarkAbandonedAsync(bool atStart)
    {
        if (await store.MarkAbandonedAsync(atStart ? instance.Name : null, TimeSpan.FromSeconds(options.CurrentValue.SendingLeaseSeconds)) > 0)
        {
            logger.LogWarning("Weekly messages whose sending was interrupted are marked uncertain");
            await changes.PublishAsync(LiveChanges.WeeklyMail);
        }
    }

    /// <summary>Sends every due message; returns how long to pause when the relay could not take one.</summary>
    public async Task<TimeSpan> SendDueAsync(CancellationToken stoppingToken = default)
    {
        while (!stoppingToken.IsCancellationRequested && await store.ClaimNextAsync(instance.Name) is { } claimed)
        {
            var result = await SendAsync(claimed);
            await changes.PublishAsync(LiveChanges.WeeklyMail);
            if (result.Outcome == MailOutcome.TryLater)
            {
                return options.CurrentValue.RetryAfter(claimed.Attempts);
            }
        }
        return TimeSpan.Zero;
    }

    private async Task<MailResult> SendAsync(ClaimedMessage claimed)
    {
        var content = await store.ContentAsync(claimed.DocumentId, claimed.RecipientId);
        if (content is null)
        {
            await store.FinishAsync(claimed.Id, instance.Name, MessageStatus.GaveUp, "Het document bestaat niet meer.");
            return new MailResult(MailOutcome.Refused, "");
        }
        var domain = sender.From.Domain is { Length: > 0 } d ? d : "gesprektool.local";
        var message = WeeklyMail.Build(claimed.Address, content.RecipientName, new ReportWeek(content.Year, content.Week), content.Title,
            content.FileName, content.Pdf, Headlines.FromJson(content.Headlines), reportOptions.CurrentValue.Threshold,
            content.Kind == WeeklyDocument.Newsletter, $"weekoverzicht-{claimed.Id}@{domain}", clock.GetUtcNow(), sender.From.Name is { Length: > 0 } name ? name : "GesprekTool");
        // Not cancelled by shutdown: a send in progress finishes and is recorded, rather than left uncertain.
        var result = await sender.SendAsync(message, CancellationToken.None);
        switch (result.Outcome)
        {
            case MailOutcome.Sent:
                await store.FinishAsync(claimed.Id, instance.Name, MessageStatus.Sent, result.Answer);
                break;
            case MailOutcome.Refused:
                await store.FinishAsync(claimed.Id, instance.Name, MessageStatus.Refused, result.Answer);
                break;
            case MailOutcome.TryLater when claimed.Attempts >= options.CurrentValue.MaxAttempts:
                await store.FinishAsync(claimed.Id, instance.Name, MessageStatus.GaveUp, $"Na {claimed.Attempts} pogingen opgegeven: {result.Answer}");
                break;
            default:
                await store.PostponeAsync(claimed.Id, instance.Name, result.Answer, clock.GetUtcNow() + options.CurrentValue.RetryAfter(claimed.Attempts));
                break;
        }
        return result;
    }

    /// <summary>On Monday from the chosen hour, queues the week that just ended once, if every document has a recipient.</summary>
    public async Task QueueAutomaticallyIfDueAsync()
    {
        var setting = await settings.GetAsync();
        if (!setting.AutoSend || SendingChecks.AutoSendWeek(clock.GetUtcNow(), setting.Hour) is not { } week)
        {
            return;
        }
        var problems = SendingChecks.Problems(await store.DocumentsAsync(week), await recipients.ActiveAsync());
        if (problems.Count > 0)
        {
            return; // the page shows why; a coordinator decides
        }
        if (!await claims.TryClaimAsync(AutoSendJob, week.ToString(), TimeSpan.FromDays(7)))
        {
            return; // queued already, here or by another instance
        }
        var queued = await store.QueueWeekAsync(week, null);
        await claims.FinishAsync(AutoSendJob, week.ToString());
        await audit.WriteAsync(null, "reports.mail_queued", "week", week.Year * 100 + week.Week, $"{week}: {queued} berichten, automatisch");
        logger.LogInformation("Queued the weekly documents of {Week} by themselves: {Count} messages", week, queued);
        await changes.PublishAsync(LiveChanges.WeeklyMail);
    }
}
