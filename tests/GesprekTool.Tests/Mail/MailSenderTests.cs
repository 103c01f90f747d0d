using GesprekTool.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using GesprekTool.Tests.TestInfrastructure;

namespace GesprekTool.Tests.Mail;

public sealed class MailSenderTests
{
    private sealed class Folder(string root) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = root;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "test";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = root;
        public string EnvironmentName { get; set; } = "Testing";
    }

    private static MimeMessage Message()
    {
        var message = new MimeMessage { Subject = "Test" };
        message.To.Add(MailboxAddress.Parse("familie@voorbeeld.test"));
        message.Body = new TextPart("plain") { Text = "Hallo" };
        return message;
    }

    [Fact]
    public async Task Without_a_relay_a_message_is_kept_as_an_eml_file_in_the_data_folder()
    {
        var root = RepositoryPaths.NewTempDirectory("mail");
        var sender = new MailSender(new StaticOptions(new MailOptions()), new Folder(root), NullLogger<MailSender>.Instance);

        var result = await sender.SendAsync(Message());

        Assert.Equal(MailOutcome.Sent, result.Outcome);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(root, "data", "mail"), "*.eml"));
        var stored = await MimeMessage.LoadAsync(file);
        Assert.Equal("Test", stored.Subject);
        Assert.Equal("gesprektool@localhost", ((MailboxAddress)stored.From.Single()).Address);
    }

    [Fact]
    public async Task A_relay_that_is_down_means_try_later_not_an_exception()
    {
        var options = new MailOptions { Host = "127.0.0.1", Port = FreePort.Next(), Security = "None" };
        var sender = new MailSender(new StaticOptions(options), new Folder(RepositoryPaths.NewTempDirectory("mail")), NullLogger<MailSender>.Instance);

        Assert.Equal(MailOutcome.TryLater, (await sender.SendAsync(Message())).Outcome);
    }

    private sealed class StaticOptions(MailOptions value) : IOptionsMonitor<MailOptions>
    {
        public MailOptions CurrentValue => value;
        public MailOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<MailOptions, string?> listener) => null;
    }
}
