using GesprekTool.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace GesprekTool.Security;

/// <summary>The DataProtection key ring in the database, encrypted with the key-encryption key; start-up checks.</summary>
public static class KeyRingSetup
{
    public static IServiceCollection AddKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("GesprekTool");
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider, IConfiguration>((options, sp, config) =>
        {
            options.XmlRepository = sp.GetRequiredService<DatabaseXmlRepository>();
            if (KeyEncryptionKey.Current(config) is { } kek)
            {
                options.XmlEncryptor = new KeyEncryptionKeyXmlEncryptor(kek);
            }
        });
        return services;
    }

    /// <summary>Production must not run with settings that make accounts forgeable or links spoofable.</summary>
    public static void RefuseUnsafeConfiguration(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        var kek = KeyEncryptionKey.Current(configuration); // also validates its format
        if (kek is null && environment.IsProduction())
        {
            throw new StartupRefusedException(
                $"{KeyEncryptionKey.ConfigurationKey} is not set: the sign-in key ring would be stored unencrypted. " +
                "Generate one with 'openssl rand -base64 32' and pass it as the environment variable DataProtection__KeyEncryptionKey.");
        }
        var publicBaseUrl = configuration["Calls:PublicBaseUrl"];
        if (environment.IsProduction() && string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            throw new StartupRefusedException(
                "Calls:PublicBaseUrl is not set: join links for families need the public address, e.g. Calls__PublicBaseUrl=https://gesprek.example.nl.");
        }
        if (!string.IsNullOrWhiteSpace(publicBaseUrl)
            && (!Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var publicUri) || publicUri.Scheme is not ("https" or "http")))
        {
            throw new StartupRefusedException($"Calls:PublicBaseUrl '{publicBaseUrl}' is not an absolute http(s) address.");
        }
        var allowedHosts = configuration["AllowedHosts"];
        if (environment.IsProduction() && (string.IsNullOrWhiteSpace(allowedHosts) || allowedHosts.Split(';').Any(h => h.Trim() is "*" or "")))
        {
            // With "*" any Host header is believed, and redirects the app makes would point wherever it says.
            throw new StartupRefusedException(
                $"AllowedHosts is '{allowedHosts}': name the public host name(s), e.g. AllowedHosts=gesprek.example.nl (several separated by ';').");
        }
        if (kek is null)
        {
            logger.LogWarning("{Setting} is not set: the DataProtection key ring is stored unencrypted in the database (acceptable for development only)",
                KeyEncryptionKey.ConfigurationKey);
        }
    }
}
