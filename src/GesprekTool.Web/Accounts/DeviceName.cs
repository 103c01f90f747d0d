namespace GesprekTool.Accounts;

/// <summary>A readable name for a browser's user agent in the sessions list ("Chrome op Android").</summary>
public static class DeviceName
{
    public static string Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Onbekend apparaat";
        }
        var browser = userAgent.Contains("Edg/") ? "Edge" : userAgent.Contains("Firefox/") ? "Firefox"
            : userAgent.Contains("Chrome/") || userAgent.Contains("Chromium") ? "Chrome"
            : userAgent.Contains("Safari/") ? "Safari" : "Browser";
        var system = userAgent.Contains("Android") ? "Android" : userAgent.Contains("iPhone") || userAgent.Contains("iPad") ? "iOS"
            : userAgent.Contains("Windows") ? "Windows" : userAgent.Contains("Mac OS") ? "macOS"
            : userAgent.Contains("Linux") ? "Linux" : "onbekend systeem";
        return $"{browser} op {system}";
    }
}
