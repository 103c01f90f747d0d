using Dapper;
using GesprekTool.Data;
using GesprekTool.Tests.TestInfrastructure;
using GesprekTool.WeeklyReports.Sending;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace GesprekTool.Tests.WeeklyReports.Sending;

/// <summary>
/// Sending a week through a real relay (aiosmtpd with STARTTLS and AUTH): each recipient its own
/// message, a refused address, a relay that is down and back, two instances, and the queue's rules
/// on SQLite and PostgreSQL.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WeeklyMailSendingTests(PostgresServer postgres) : AppTestBase(postgres), IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _running = [];

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var running in Enumerable.Reverse(_running))
        {
            await running.DisposeAsync();
        }
    }

    private async Task<SmtpServer> RelayAsync(params string[] refuse)
    {
        var relay = await SmtpServer.StartAsync(refuse);
        _running.Add(relay);
        return relay;
    }

    private static Dictionary<string, string?> Sending(SmtpServer relay, string instance = "a") => new(relay.Settings)
    {
        ["WeeklyReports:Sending:JobEnabled"] = "true",
        ["WeeklyReports:Sending:PollSeconds"] = "0.2",
        ["WeeklyReports:Sending:RetryFirstSeconds"] = "0.5",
        ["WeeklyReports:Sending:RetryMaxSeconds"] = "1",
        ["Instance:Name"] = instance,
    };

    private static byte[] Attachment(MimeMessage message)
    {
        using var bytes = new MemoryStream();
        ((MimePart)message.Attachments.Single()).Content!.DecodeTo(bytes);
        return bytes.ToArray();
    }

    [Theory, OnBothDatabases]
    public async Task Queueing_a_week_twice_queues_each_message_once_and_two_senders_claim_each_message_once(DatabaseEngine engine)
    {
        var (app, _) = await StartAsync(engine);
        var world = new WeeklyMailWorld(app.Services);
        var addresses = await world.WeekWithRecipientsAsync(schools: 5, perSchool: 2);
        var mail = app.Services.GetRequiredService<WeeklyMailStore>();

        Assert.Equal(addresses.Count, await mail.QueueWeekAsync(WeeklyMailWorld.Week, null));
        Assert.Equal(0, await mail.QueueWeekAsync(WeeklyMailWorld.Week, null));

        async Task<List<long>> ClaimAllAsync(string instance)
        {
            var claimed = new List<long>();
            while (await mail.ClaimNextAsync(instance) is { } message)
            {
                claimed.Add(message.Id);
            }
            return claimed;
        }
        var both = await Task.WhenAll(ClaimAllAsync("a"), ClaimAllAsync("b"));
        var all = both.SelectMany(c => c).ToList();
        Assert.Equal(addresses.Count, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        await mail.FinishAsync(all[0], both[0].Contains(all[0]) ? "a" : "b", MessageStatus.Sent, "250 OK");
        Assert.Equal((1, addresses.Count), (await mail.SentPerWeekAsync())[WeeklyMailWorld.Week]);
    }

    // The rule "who receives which document" is written twice: Recipient.Receives for the pages and
    // the checks, and the join in QueueWeekAsync. This keeps the two the same.
    [Theory, OnBothDatabases]
    public async Task The_queue_sends_each_document_to_exactly_the_recipients_the_page_shows_for_it(DatabaseEngine engine)
    {
        var (app, _) = await StartAsync(engine);
        var world = new WeeklyMailWorld(app.Services);
        await world.WeekWithRecipientsAsync(schools: 3, perSchool: 2);
        var recipients = app.Services.GetRequiredService<RecipientStore>();
        var coordinator = await new TestWorld(app.Services).UserAsync("coco-rule", GesprekTool.Accounts.Roles.Coordinator);
        var gone = (await recipients.ActiveAsync()).First(r => r.Kind == GesprekTool.WeeklyReports.WeeklyDocument.School);
        await recipients.RemoveAsync(gone.Id);
        var otherSchool = await app.Services.GetRequiredService<GesprekTool.Schools.SchoolStore>().AddAsync("School zonder document");
        await recipients.AddAsync(GesprekTool.WeeklyReports.WeeklyDocument.School, otherSchool, "Ontvanger", "ib@zonder.test", coordinator.Id);
        var mail = app.Services.GetRequiredService<WeeklyMailStore>();

        await mail.QueueWeekAsync(WeeklyMailWorld.Week, null);

        var active = await recipients.ActiveAsync();
        var shown = (await mail.DocumentsAsync(WeeklyMailWorld.Week))
            .SelectMany(d => active.Where(r => r.Receives(d.Kind, d.SchoolId)).Select(r => (d.Id, r.Id)))
            .Order().ToList();
        var queued = (await world.MessagesAsync()).Select(m => (m.DocumentId, m.RecipientId)).Order().ToList();
        Assert.Equal(shown, queued);
        Assert.DoesNotContain(queued, pair => pair.RecipientId == gone.Id);
        Assert.Equal(7, queued.Count); // the municipality, 2 + 1 + 2 for the schools, the newsletter
    }

    [Theory, OnBothDatabases]
    public async Task A_claim_left_by_an_instance_that_stopped_becomes_uncertain_and_is_not_sent_again(DatabaseEngine engine)
    {
        var (app, _) = await StartAsync(engine);
        var world = new WeeklyMailWorld(app.Services);
        await world.WeekWithRecipientsAsync(schools: 1);
        var mail = app.Services.GetRequiredService<WeeklyMailStore>();
        await mail.QueueWeekAsync(WeeklyMailWorld.Week, null);
        var claimed = (await mail.ClaimNextAsync("a"))!;

        Assert.Equal(0, await mail.MarkAbandonedAsync("b", TimeSpan.FromMinutes(10))); // another instance's fresh claim stays
        Assert.Equal(1, await mail.MarkAbandonedAsync("a", TimeSpan.FromMinutes(10))); // "a" restarted: its claim is in doubt
        await mail.FinishAsync(claimed.Id, "a", MessageStatus.Sent, "250 late"); // the old process's answer no longer counts

        var messages = await world.MessagesAsync();
        Assert.Equal(MessageStatus.Uncertain, messages.Single(m => m.Id == claimed.Id).Status);
        var rest = new List<long>();
        while (await mail.ClaimNextAsync("a") is { } next)
        {
            rest.Add(next.Id);
        }
        Assert.DoesNotContain(claimed.Id, rest);
        Assert.Equal(messages.Count - 1, rest.Count);
        // The coordinator decides: one more copy may go, but not while one is on its way.
        var coordinator = await new TestWorld(app.Services).UserAsync("coco", GesprekTool.Accounts.Roles.Coordinator);
        Assert.True(await mail.QueueCopyAsync(claimed.DocumentId, claimed.RecipientId, coordinator.Id));
        Assert.False(await mail.QueueCopyAsync(claimed.DocumentId, claimed.RecipientId, coordinator.Id));
    }

    [Fact]
    public async Task Each_recipient_gets_its_own_message_with_the_stored_pdf_and_nobody_else_in_it()
    {
        var relay = await RelayAsync();
        var (app, _) = await StartAsync(DatabaseEngine.Sqlite, Sending(relay));
        var world = new WeeklyMailWorld(app.Services);
        var addresses = await world.WeekWithRecipientsAsync(schools: 3, perSchool: 2);

        await app.Services.GetRequiredService<WeeklyMailStore>().QueueWeekAsync(WeeklyMailWorld.Week, null);
        app.Services.GetRequiredService<WeeklyMailJob>().Wake();
        await WeeklyMailWorld.UntilAsync(async () => (await world.MessagesAsync()).All(m => m.Status == MessageStatus.Sent), world.DescribeAsync);

        var received = relay.Received();
        Assert.Equal(addresses.Order(), received.SelectMany(r => r.Recipients).Order());
        Assert.All(received, mail => Assert.Single(mail.Recipients));
        Assert.All(received, mail => Assert.Equal(mail.Recipients, mail.Message.To.Mailboxes.Select(m => m.Address)));
        Assert.All(received, mail => Assert.Empty(mail.Message.Cc));
        var regenboog = received.Where(r => r.Recipients[0].EndsWith("@school2.test", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, regenboog.Count);
        Assert.All(regenboog, mail => Assert.Equal("Weekoverzicht School 2, week 48 van 2026", mail.Message.Subject));
        var document = (await world.MessagesAsync()).First(m => m.Address == "ib1@school2.test").DocumentId;
        Assert.All(regenboog, mail => Assert.Equal(world.Pdfs[document], Attachment(mail.Message)));
        Assert.All(received, mail => Assert.Contains("Gezinnen bereikt: 23", mail.Message.TextBody, StringComparison.Ordinal));
        Assert.All(await world.MessagesAsync(), m => Assert.Equal("Message accepted for delivery", m.Answer)); // the relay's own words, on record
    }

    [Fact]
    public async Task A_refused_address_is_recorded_with_the_relays_answer_and_the_others_are_sent()
    {
        var relay = await RelayAsync(refuse: "ib1@school1.test");
        var (app, _) = await StartAsync(DatabaseEngine.Sqlite, Sending(relay));
        var world = new WeeklyMailWorld(app.Services);
        await world.WeekWithRecipientsAsync(schools: 2);

        await app.Services.GetRequiredService<WeeklyMailStore>().QueueWeekAsync(WeeklyMailWorld.Week, null);
        app.Services.GetRequiredService<WeeklyMailJob>().Wake();
        await WeeklyMailWorld.UntilAsync(async () => (await world.MessagesAsync()).All(m => !MessageStatus.IsOpen(m.Status)), world.DescribeAsync);

        var messages = await world.MessagesAsync();
        var refused = messages.Single(m => m.Status == MessageStatus.Refused);
        Assert.Equal("ib1@school1.test", refused.Address);
        Assert.StartsWith("550", refused.Answer, StringComparison.Ordinal);
        Assert.Equal(1, refused.Attempts); // a permanent refusal is not tried again
        Assert.All(messages.Where(m => m.Id != refused.Id), m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.Equal(messages.Count - 1, relay.Received().Count);
    }

    [Fact]
    public async Task A_relay_that_is_down_is_tried_again_with_growing_waits_and_each_message_arrives_once()
    {
        var relay = await RelayAsync();
        var (app, _) = await StartAsync(DatabaseEngine.Sqlite, Sending(relay));
        var world = new WeeklyMailWorld(app.Services);
        var addresses = await world.WeekWithRecipientsAsync(schools: 3);
        await relay.StopAsync();

        await app.Services.GetRequiredService<WeeklyMailStore>().QueueWeekAsync(WeeklyMailWorld.Week, null);
        app.Services.GetRequiredService<WeeklyMailJob>().Wake();
        // Tried, failed, and back in the queue with the relay's trouble on record.
        await WeeklyMailWorld.UntilAsync(async () => (await world.MessagesAsync()).Any(m => m.Attempts >= 2 && m.Status == MessageStatus.Queued), world.DescribeAsync);
        Assert.Empty(relay.Received());
        Assert.Contains(await world.MessagesAsync(), m => m.Answer is { Length: > 0 });

        await relay.StartAgainAsync();
        await WeeklyMailWorld.UntilAsync(async () => (await world.MessagesAsync()).All(m => m.Status == MessageStatus.Sent), world.DescribeAsync);
        Assert.Equal(addresses.Order(), relay.Received().SelectMany(r => r.Recipients).Order());
    }

    [Fact]
    public async Task Two_instances_sending_the_same_week_send_each_recipient_one_message()
    {
        var relay = await RelayAsync();
        var (_, connectionString) = await TestDatabases.CreateAsync(DatabaseEngine.Postgres, Postgres);
        GesprekToolFactory Instance(string name)
        {
            var factory = new GesprekToolFactory(DatabaseEngine.Postgres, connectionString, RepositoryPaths.NewTempDirectory("app"), settings: Sending(relay, name));
            _running.Add(factory);
            _ = factory.Server;
            return factory;
        }
        var a = Instance("a");
        var world = new WeeklyMailWorld(a.Services);
        var addresses = await world.WeekWithRecipientsAsync(schools: 10, perSchool: 2);
        var b = Instance("b");

        // Both coordinators press "Versturen" at the same moment, each on their own instance.
        await Task.WhenAll(
            a.Services.GetRequiredService<WeeklyMailStore>().QueueWeekAsync(WeeklyMailWorld.Week, null),
            b.Services.GetRequiredService<WeeklyMailStore>().QueueWeekAsync(WeeklyMailWorld.Week, null));
        a.Services.GetRequiredService<WeeklyMailJob>().Wake();
        b.Services.GetRequiredService<WeeklyMailJob>().Wake();
        await WeeklyMailWorld.UntilAsync(async () => (await world.MessagesAsync()).All(m => m.Status == MessageStatus.Sent), world.DescribeAsync);

        Assert.Equal(addresses.Count, (await world.MessagesAsync()).Count);
        Assert.Equal(addresses.Order(), relay.Received().SelectMany(r => r.Recipients).Order());
        await using var connection = await a.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal(addresses.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM weekly_mail_messages WHERE claimed_by IN ('a', 'b')"));
    }

    [Fact]
    public async Task A_week_goes_out_by_itself_on_its_Monday_from_the_chosen_hour_once_and_only_when_every_document_has_a_recipient()
    {
        var (app, _) = await StartAsync(DatabaseEngine.Sqlite);
        var clock = new GesprekTool.Tests.Accounts.AdjustableClock(new DateTimeOffset(2026, 11, 30, 8, 59, 0, TimeSpan.FromHours(1)));
        var withClock = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var services = withClock.Services;
        var world = new WeeklyMailWorld(services);
        await world.WeekWithRecipientsAsync(schools: 2, municipality: null);
        var coordinator = await new TestWorld(services).UserAsync("coco", GesprekTool.Accounts.Roles.Coordinator);
        var job = services.GetRequiredService<WeeklyMailJob>();

        await job.QueueAutomaticallyIfDueAsync();
        Assert.Empty(await world.MessagesAsync()); // off by default

        await services.GetRequiredService<WeeklyMailSettings>().SetAsync(new AutoSendSetting(true, 9), coordinator.Id);
        await job.QueueAutomaticallyIfDueAsync();
        Assert.Empty(await world.MessagesAsync()); // 08:59

        clock.Advance(TimeSpan.FromMinutes(1));
        await job.QueueAutomaticallyIfDueAsync();
        Assert.Empty(await world.MessagesAsync()); // the municipality's document has nobody: a coordinator decides

        await services.GetRequiredService<RecipientStore>().AddAsync(GesprekTool.WeeklyReports.WeeklyDocument.Municipality, null, "Jeugd", "jeugd@gemeente.test", coordinator.Id);
        await job.QueueAutomaticallyIfDueAsync();
        var queued = await world.MessagesAsync();
        Assert.Equal(4, queued.Count);

        // Once: a recipient added later is not sent the week by itself.
        await services.GetRequiredService<RecipientStore>().AddAsync(GesprekTool.WeeklyReports.WeeklyDocument.Municipality, null, "Wethouder", "wethouder@gemeente.test", coordinator.Id);
        clock.Advance(TimeSpan.FromHours(2));
        await job.QueueAutomaticallyIfDueAsync();
        Assert.Equal(4, (await world.MessagesAsync()).Count);
        await using var connection = await services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal("2026-W48: 4 berichten, automatisch", await connection.ExecuteScalarAsync<string>("SELECT detail FROM audit_log WHERE action = 'reports.mail_queued'"));
    }
}
