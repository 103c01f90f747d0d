namespace GesprekTool.Mail;

/// <summary>
/// The organisation's mail relay ("Mail:*"; the password from configuration or a secret store,
/// never the repository). Without a host, messages are written as .eml files to a folder (demo mode).
/// </summary>
public sealed class MailOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>StartTls (port 587), SslOnConnect (465), or None (only for a relay on this machine).</summary>
    public string Security { get; set; } = "StartTls";

    public string? User { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "gesprektool@localhost";
    public string FromName { get; set; } = "GesprekTool";

    /// <summary>
    /// SHA-256 of a relay certificate to trust although no public authority signed it (an internal
    /// relay with a certificate of its own); empty: the system's trust store decides.
    /// </summary>
    public string? TrustedCertificateSha256 { get; set; }

    /// <summary>Where messages go without a host; relative to the app's folder.</summary>
    public string DropFolder { get; set; } = "data/mail";

    public bool WritesToFolder => string.IsNullOrWhiteSpace(Host);
}
