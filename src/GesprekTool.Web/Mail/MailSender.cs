using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GesprekTool.Mail;

/// <summary>What became of one message: sent (with the server's answer), refused for good (5xx), or to try again later.</summary>
public sealed record MailResult(MailOutcome Outcome, string Answer);

public enum MailOutcome { Sent, Refused, TryLater }

/// <summary>
/// Sends one message through the organisation's relay with MailKit (STARTTLS or TLS, AUTH when a user
/// is set), or, without a relay (demo), writes it as an .eml file. Never throws for the relay's
/// answers: the caller gets what happened, in words it can show.
/// </summary>
public sealed class MailSender(IOptionsMonitor<MailOptions> options, IWebHostEnvironment environment, ILogger<MailSender> logger)
{
    public MailboxAddress From => new(options.CurrentValue.FromName, options.CurrentValue.FromAddress);

    public bool WritesToFolder => options.CurrentValue.WritesToFolder;

    public string DropFolder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.CurrentValue.DropFolder));

    public async Task<MailResult> SendAsync(MimeMessage message, CancellationToken cancellation = default)
    {
        var settings = options.CurrentValue;
        message.From.Clear();
        message.From.Add(From);
        if (settings.WritesToFolder)
        {
            Directory.CreateDirectory(DropFolder);
            var file = Path.Combine(DropFolder, $"{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(file, cancellation);
            return new MailResult(MailOutcome.Sent, $"opgeslagen als {Path.GetFileName(file)}");
        }
        using var client = new SmtpClient();
        client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == System.Net.Security.SslPolicyErrors.None
            || (certificate is not null && !string.IsNullOrWhiteSpace(settings.TrustedCertificateSha256)
                && string.Equals(new X509Certificate2(certificate).GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256),
                    settings.TrustedCertificateSha256.Replace(":", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, Security(settings.Security), cancellation);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellation);
            }
            var answer = await client.SendAsync(message, cancellation);
            await client.DisconnectAsync(true, cancellation);
            return new MailResult(MailOutcome.Sent, answer);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            return new MailResult(MailOutcome.Refused, $"{(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or SocketException
                                      or SslHandshakeException or ServiceNotConnectedException or AuthenticationException or TimeoutException)
        {
            logger.LogWarning(e, "Mail relay {Host}:{Port}: {Problem}", settings.Host, settings.Port, e.Message);
            return new MailResult(MailOutcome.TryLater, e.Message);
        }
    }

    private static SecureSocketOptions Security(string name) => name switch
    {
        "SslOnConnect" => SecureSocketOptions.SslOnConnect,
        "None" => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };
}
