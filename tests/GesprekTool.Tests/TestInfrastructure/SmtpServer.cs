using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>A message the test relay accepted, with the envelope's recipients.</summary>
public sealed record ReceivedMail(MimeMessage Message, IReadOnlyList<string> Recipients);

/// <summary>
/// A real mail relay for the mail tests: aiosmtpd (Debian python3-aiosmtpd) on 127.0.0.1 with STARTTLS
/// on a throwaway certificate and AUTH, storing what it accepts (tests/GesprekTool.Tests/Mail/smtp_server.py).
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private SmtpServer(Process process, string folder, int port, string password, string certificateSha256)
    {
        _process = process;
        _folder = folder;
        Port = port;
        Password = password;
        CertificateSha256 = certificateSha256;
    }

    public const string User = "gesprektool";
    public int Port { get; }
    public string Password { get; }
    public string CertificateSha256 { get; }
    public List<string> Log { get; } = [];

    /// <summary>The app's settings for this relay (its certificate trusted by thumbprint).</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = $"{Port}",
        ["Mail:Security"] = "StartTls",
        ["Mail:User"] = User,
        ["Mail:Password"] = Password,
        ["Mail:FromAddress"] = "gezinswerk@organisatie.test",
        ["Mail:FromName"] = "Gezinswerk",
        ["Mail:TrustedCertificateSha256"] = CertificateSha256,
    };

    public static async Task<SmtpServer> StartAsync(params string[] refuse)
    {
        var folder = RepositoryPaths.NewTempDirectory("smtp");
        var (cert, key) = (Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
        using (var openssl = Process.Start(new ProcessStartInfo("openssl")
        {
            ArgumentList = { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1" },
            RedirectStandardError = true,
        })!)
        {
            await openssl.WaitForExitAsync();
        }
        var sha256 = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(cert)).GetCertHashString(HashAlgorithmName.SHA256);
        var mailbox = Directory.CreateDirectory(Path.Combine(folder, "received")).FullName;
        var port = FreePort.Next();
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var process = Process.Start(new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList =
            {
                Path.Combine(RepositoryPaths.Root, "tests", "GesprekTool.Tests", "Mail", "smtp_server.py"),
                $"{port}", mailbox, cert, key, User, password, string.Join(',', refuse),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var server = new SmtpServer(process, mailbox, port, password, sha256);
        var listening = new TaskCompletionSource();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == "listening")
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (server.Log)
                {
                    server.Log.Add(line.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(20))) != listening.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException("The test mail relay did not start (is python3-aiosmtpd installed? ./run-tests.sh installs it): " + string.Join('\n', server.Log));
        }
        return server;
    }

    /// <summary>Every message accepted so far.</summary>
    public IReadOnlyList<ReceivedMail> Received() =>
        Directory.EnumerateFiles(_folder, "*.eml").Order().Select(file => new ReceivedMail(
            MimeMessage.Load(file), File.ReadAllLines(Path.ChangeExtension(file, ".rcpt")))).ToList();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
