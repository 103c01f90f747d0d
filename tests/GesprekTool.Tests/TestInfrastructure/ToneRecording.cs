using System.Buffers.Binary;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// A steady tone as RTP in a pcap file (G.711 A-law, 20 ms packets), for a SIPp phone that talks
/// (<c>play_pcap_audio</c>): sound that reaches the worker's browser can be measured and told apart
/// from the worker's own fake microphone, which beeps.
/// </summary>
public static class ToneRecording
{
    private const int SampleRate = 8000;
    private const int SamplesPerPacket = 160;

    public static void Write(string path, TimeSpan length, double frequency = 440, double amplitude = 0.4)
    {
        using var file = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1); // Ethernet
        file.Write(header);

        var packets = (int)(length.TotalSeconds * SampleRate / SamplesPerPacket);
        for (var n = 0; n < packets; n++)
        {
            file.Write(Packet(n, frequency, amplitude));
        }
    }

    private static byte[] Packet(int n, double frequency, double amplitude)
    {
        const int rtpLength = 12 + SamplesPerPacket, udpLength = 8 + rtpLength, ipLength = 20 + udpLength, frameLength = 14 + ipLength;
        var packet = new byte[16 + frameLength];
        var microseconds = (long)n * 20_000;
        BinaryPrimitives.WriteUInt32LittleEndian(packet, (uint)(microseconds / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(packet.AsSpan(4), (uint)(microseconds % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(packet.AsSpan(8), frameLength);
        BinaryPrimitives.WriteUInt32LittleEndian(packet.AsSpan(12), frameLength);
        var frame = packet.AsSpan(16);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x0800); // IPv4; the MAC addresses stay zero
        var ip = frame[14..];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], ipLength);
        ip[8] = 64;
        ip[9] = 17; // UDP
        ip[12] = 127; ip[15] = 1; // 127.0.0.1 to 127.0.0.1: SIPp sends to the call's media address instead
        ip[16] = 127; ip[19] = 1;
        var udp = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, 6000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 6000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], udpLength);
        var rtp = udp[8..];
        rtp[0] = 0x80;
        rtp[1] = 8; // PCMA
        BinaryPrimitives.WriteUInt16BigEndian(rtp[2..], (ushort)n);
        BinaryPrimitives.WriteUInt32BigEndian(rtp[4..], (uint)(n * SamplesPerPacket));
        BinaryPrimitives.WriteUInt32BigEndian(rtp[8..], 0x7011e5);
        for (var i = 0; i < SamplesPerPacket; i++)
        {
            var t = (double)(n * SamplesPerPacket + i) / SampleRate;
            rtp[12 + i] = ALaw((short)(amplitude * short.MaxValue * Math.Sin(2 * Math.PI * frequency * t)));
        }
        return packet;
    }

    /// <summary>G.711 A-law, as in ITU-T's reference code.</summary>
    private static byte ALaw(short sample)
    {
        int value = sample >> 3, mask;
        if (value >= 0)
        {
            mask = 0xD5;
        }
        else
        {
            mask = 0x55;
            value = -value - 1;
        }
        var segment = 0;
        while (segment < 8 && value > (0x20 << segment) - 1)
        {
            segment++;
        }
        if (segment >= 8)
        {
            return (byte)(0x7F ^ mask);
        }
        var code = segment << 4 | (segment < 2 ? value >> 1 : value >> segment) & 0xF;
        return (byte)(code ^ mask);
    }
}
