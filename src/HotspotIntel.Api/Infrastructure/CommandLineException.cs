namespace HotspotIntel.Api.Infrastructure;

/// <summary>A mistake in a command-line verb's input or configuration: printed as one line, and the process exits with <see cref="ExitCode"/>.</summary>
internal sealed class CommandLineException(int exitCode, string message) : Exception(message)
{
    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = exitCode;
}
