namespace GesprekTool.Calls;

/// <summary>Settings under "Calls" in configuration. The TURN secret never lives in the repository.</summary>
public sealed class CallOptions
{
    /// <summary>Named in the invitation a family receives, so it is recognised and not taken for phishing.</summary>
    public string OrganisationName { get; set; } = "JES Rijnland";

    /// <summary>A join link stops working after this long, or earlier when the call ends.</summary>
    public double LinkLifetimeHours { get; set; } = 24;

    public string[] StunUrls { get; set; } = [];
    public string[] TurnUrls { get; set; } = [];
    public string? TurnSecret { get; set; }

    /// <summary>Long enough for a long conversation: coturn checks the expiry again on every refresh.</summary>
    public double TurnCredentialMinutes { get; set; } = 180;

    /// <summary>"all" (direct when possible) or "relay" (always through TURN).</summary>
    public string IceTransportPolicy { get; set; } = "all";

    /// <summary>How many unusable join links one address may open in ten minutes.</summary>
    public int FailedJoinsPerTenMinutes { get; set; } = 20;

    /// <summary>
    /// The address households see in their link, e.g. https://gesprek.example.nl. Required in
    /// Production; elsewhere it defaults to the first address the app listens on (<c>urls</c>).
    /// Never taken from a request's Host header.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public static string DefaultFor(IConfiguration configuration)
    {
        var first = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first is null ? "http://localhost:5000"
            : first.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost");
    }
}

/// <summary>What a browser needs for RTCPeerConnection: ICE servers with fresh TURN credentials.</summary>
public static class IceConfiguration
{
    public static object For(CallOptions options, string participantId, DateTimeOffset now)
    {
        var servers = new List<object>();
        if (options.StunUrls.Length > 0)
        {
            servers.Add(new { urls = options.StunUrls });
        }
        if (options.TurnUrls.Length > 0 && !string.IsNullOrEmpty(options.TurnSecret))
        {
            var (userName, password) = TurnCredentials.Mint(
                options.TurnSecret, participantId, now.AddMinutes(options.TurnCredentialMinutes));
            servers.Add(new { urls = options.TurnUrls, username = userName, credential = password });
        }
        return new
        {
            iceServers = servers,
            iceTransportPolicy = options.IceTransportPolicy == "relay" ? "relay" : "all",
        };
    }
}
