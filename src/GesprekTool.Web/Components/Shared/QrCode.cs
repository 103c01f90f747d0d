using QRCoder;

namespace GesprekTool.Components.Shared;

/// <summary>A QR code as a PNG data URI (allowed by the CSP's img-src data:), for join links and second-factor set-up.</summary>
public static class QrCode
{
    public static string DataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
