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
    private Process? _process;
    private readonly string _folder;
    private readonly string _certificate, _key;
    private readonly string[] _refuse;

    private SmtpServer(string folder, string certificate, string key, int port, string password, string certificateSha256, string[] refuse)
    {
        _folder = folder;
        _certificate = certificate;
        _key = key;
        _refuse = refuse;
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
        var server = new SmtpServer(mailbox, cert, key, FreePort.Next(), Convert.ToHexString(RandomNumberGenerator.GetBytes(12)), sha256, refuse);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the relay (again, after <see cref="StopAsync"/>) on the same port, with the same certificate and mailbox.</summary>
    public async Task StartAgainAsync()
    {
        var process = Process.Start(new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList =
            {
                Path.Combine(RepositoryPaths.Root, "tests", "GesprekTool.Tests", "Mail", "smtp_server.py"),
                $"{Port}", _folder, _certificate, _key, User, Password, string.Join(',', _refuse),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process = process;
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
                lock (Log)
                {
                    Log.Add(line.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(20))) != listening.Task)
        {
            await StopAsync();
            throw new InvalidOperationException("The test mail relay did not start (is python3-aiosmtpd installed? ./run-tests.sh installs it): " + string.Join('\n', Log));
        }
    }

    /// <summary>The relay goes down: connections are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    private string HoldFile => Path.Combine(Path.GetDirectoryName(_folder)!, "hold");

    /// <summary>From now on the relay stores the next message but keeps its answer back until <see cref="Release"/>.</summary>
    public void Hold() => File.WriteAllText(HoldFile, "");

    /// <summary>A message is stored and its answer is being kept back.</summary>
    public bool IsHoldingOne => File.Exists(HoldFile + "-reached");

    public void Release() => File.Delete(HoldFile);

    /// <summary>Every message stored so far (its envelope written last, so a message still being written is left out).</summary>
    public IReadOnlyList<ReceivedMail> Received() =>
        Directory.EnumerateFiles(_folder, "*.eml").Order().Where(file => File.Exists(Path.ChangeExtension(file, ".rcpt"))).Select(file => new ReceivedMail(
            MimeMessage.Load(file), File.ReadAllLines(Path.ChangeExtension(file, ".rcpt")))).ToList();

    public async ValueTask DisposeAsync() => await StopAsync();
}
