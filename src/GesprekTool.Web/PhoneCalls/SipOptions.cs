namespace GesprekTool.PhoneCalls;

/// <summary>
/// The organisation's SIP account at its trunk or PBX ("PhoneCalls:Sip" in configuration; the
/// secret from configuration or a secret store, never the repository). Janus's SIP plugin speaks
/// for it; workers and browsers never see the secret.
/// </summary>
public sealed class SipOptions
{
    /// <summary>The SIP domain of the account and of the numbers dialled, e.g. "sip.zorgorganisatie.nl".</summary>
    public string? Domain { get; set; }

    /// <summary>Where Janus sends the INVITE: the trunk's registrar or outbound proxy, e.g. "sip:sip.zorgorganisatie.nl:5060".</summary>
    public string? Proxy { get; set; }

    /// <summary>The account's user part (From: sip:User@Domain).</summary>
    public string? User { get; set; }

    /// <summary>The user for digest authentication, when the trunk wants another than <see cref="User"/>.</summary>
    public string? AuthUser { get; set; }

    public string? Secret { get; set; }

    /// <summary>The name the household's phone may show.</summary>
    public string DisplayName { get; set; } = "Gezinswerk";

    /// <summary>The organisation's own number, sent as P-Asserted-Identity so the family sees it (never a worker's own).</summary>
    public string? CallerNumber { get; set; }

    /// <summary>Whether numbers abroad may be dialled (off: Dutch numbers only).</summary>
    public bool AllowInternational { get; set; }

    /// <summary>Dial Dutch numbers as 0612345678 instead of +31612345678 (some trunks want that).</summary>
    public bool NationalDialling { get; set; }

    /// <summary>How long a phone rings before the page gives up (no answer).</summary>
    public int RingSeconds { get; set; } = 40;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Domain) && !string.IsNullOrWhiteSpace(Proxy)
        && !string.IsNullOrWhiteSpace(User) && !string.IsNullOrWhiteSpace(Secret);

    /// <summary>The SIP URI the trunk is asked to reach for this number.</summary>
    public string UriFor(PhoneNumber number) => $"sip:{number.ForDialling(NationalDialling)}@{Domain}";
}
