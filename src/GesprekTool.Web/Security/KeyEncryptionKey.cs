using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace GesprekTool.Security;

/// <summary>
/// The key-encryption key (KEK) that protects the DataProtection key ring at rest: whoever reads a
/// database backup cannot forge a sign-in cookie without it too. 32 random bytes, base64, from
/// configuration (<c>DataProtection:KeyEncryptionKey</c>, an environment variable or secret store).
/// Older KEKs stay listed under <c>DataProtection:PreviousKeyEncryptionKeys</c> during a rotation.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const string ConfigurationKey = "DataProtection:KeyEncryptionKey";
    public const string PreviousConfigurationKey = "DataProtection:PreviousKeyEncryptionKeys";

    private KeyEncryptionKey(byte[] key)
    {
        Key = key;
        // A short, non-secret name for the key, so a key ring element says which KEK to use.
        Id = Convert.ToHexString(SHA256.HashData(key))[..16].ToLowerInvariant();
    }

    public byte[] Key { get; }
    public string Id { get; }

    public static KeyEncryptionKey Parse(string base64, string settingName)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new StartupRefusedException($"{settingName} is not base64; generate one with: openssl rand -base64 32");
        }
        return bytes.Length == 32
            ? new KeyEncryptionKey(bytes)
            : throw new StartupRefusedException($"{settingName} must be 32 bytes (base64 of 32 random bytes); generate one with: openssl rand -base64 32");
    }

    public static KeyEncryptionKey? Current(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[ConfigurationKey]) ? null : Parse(configuration[ConfigurationKey]!, ConfigurationKey);

    /// <summary>The current KEK first, then previous ones (comma-separated), for decryption.</summary>
    public static IReadOnlyList<KeyEncryptionKey> All(IConfiguration configuration)
    {
        var previous = (configuration[PreviousConfigurationKey] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(value => Parse(value, PreviousConfigurationKey));
        return (Current(configuration) is { } current ? new[] { current } : []).Concat(previous).ToList();
    }

    /// <summary>AES-256-GCM over the key's XML; the element records the KEK id, nonce and tag.</summary>
    public XElement Encrypt(XElement plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var cipher = new byte[data.Length];
        using (var aes = new AesGcm(Key, tag.Length))
        {
            aes.Encrypt(nonce, data, cipher, tag, AssociatedData);
        }
        return new XElement("encryptedKey",
            new XComment(" Encrypted with GesprekTool's key-encryption key (DataProtection:KeyEncryptionKey). "),
            new XAttribute("kek", Id),
            new XAttribute("nonce", Convert.ToBase64String(nonce)),
            new XAttribute("tag", Convert.ToBase64String(tag)),
            Convert.ToBase64String(cipher));
    }

    public XElement Decrypt(XElement encrypted)
    {
        var nonce = Convert.FromBase64String((string)encrypted.Attribute("nonce")!);
        var tag = Convert.FromBase64String((string)encrypted.Attribute("tag")!);
        var cipher = Convert.FromBase64String(encrypted.Value.Trim());
        var data = new byte[cipher.Length];
        using (var aes = new AesGcm(Key, tag.Length))
        {
            aes.Decrypt(nonce, cipher, tag, data, AssociatedData);
        }
        return XElement.Parse(Encoding.UTF8.GetString(data));
    }

    private static readonly byte[] AssociatedData = "GesprekTool DataProtection key"u8.ToArray();
}

/// <summary>Encrypts each new DataProtection key with the current KEK before it is stored.</summary>
public sealed class KeyEncryptionKeyXmlEncryptor(KeyEncryptionKey kek) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(kek.Encrypt(plaintextElement), typeof(KeyEncryptionKeyXmlDecryptor));
}

/// <summary>Created by DataProtection through its activator, so it takes the service provider.</summary>
public sealed class KeyEncryptionKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var kekId = (string?)encryptedElement.Attribute("kek");
        var keys = KeyEncryptionKey.All(services.GetRequiredService<IConfiguration>());
        var kek = keys.FirstOrDefault(k => k.Id == kekId)
            ?? throw new InvalidOperationException(
                $"The DataProtection key ring was encrypted with key-encryption key {kekId}, which is not configured " +
                $"({KeyEncryptionKey.ConfigurationKey} or {KeyEncryptionKey.PreviousConfigurationKey}).");
        return kek.Decrypt(encryptedElement);
    }
}
