namespace GesprekTool;

/// <summary>
/// A setting or file without which the app must not serve anyone (no key-encryption key in
/// Production, no questionnaire). Program prints the message and exits with code 2, no stack trace.
/// </summary>
public sealed class StartupRefusedException(string message) : Exception(message);
