namespace GesprekTool.Bench;

/// <summary>
/// A WAV file for Chromium's fake microphone that an encoder treats like speech: 4 s of a voice-like
/// sound (a gliding fundamental with harmonics, syllables at about 4 per second), then 4 s of a quiet
/// room (noise 60 dB down). Looped, each side "talks" half the time, as in a conversation, so
/// silence suppression (DTX) is measured for what it saves in the pauses, not in a beep's silence.
/// </summary>
public static class SpeechLikeSound
{
    private const int Rate = 48_000;

    public static string Write()
    {
        var path = Path.Combine(Path.GetTempPath(), "gesprektool-bench-speech.wav");
        var random = new Random(7);
        var samples = new short[Rate * 8];
        double phase = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / Rate;
            double value;
            if (t < 4)
            {
                var pitch = 150 + 40 * Math.Sin(2 * Math.PI * 0.7 * t);
                phase += 2 * Math.PI * pitch / Rate;
                var voice = 0.0;
                for (var harmonic = 1; harmonic <= 20; harmonic++)
                {
                    voice += Math.Sin(harmonic * phase) / harmonic;
                }
                var syllables = Math.Pow(Math.Max(0, Math.Sin(2 * Math.PI * 4 * t)), 0.5);
                value = 0.12 * voice * syllables + 0.01 * (random.NextDouble() - 0.5);
            }
            else
            {
                value = 0.001 * (random.NextDouble() - 0.5);
            }
            samples[i] = (short)Math.Clamp(value * short.MaxValue, short.MinValue, short.MaxValue);
        }
        using var file = new BinaryWriter(File.Create(path));
        file.Write("RIFF"u8);
        file.Write(36 + samples.Length * 2);
        file.Write("WAVEfmt "u8);
        file.Write(16);
        file.Write((short)1); // PCM
        file.Write((short)1); // mono
        file.Write(Rate);
        file.Write(Rate * 2);
        file.Write((short)2);
        file.Write((short)16);
        file.Write("data"u8);
        file.Write(samples.Length * 2);
        foreach (var sample in samples)
        {
            file.Write(sample);
        }
        return path;
    }
}
