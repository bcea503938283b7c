using Microsoft.Extensions.Logging;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>
/// Appends what the API under test logs as an error to <c>server-errors.log</c> beside the test assembly: a 500 in a
/// test says only "quote the traceId", and this is where that trace's exception is.
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    public static readonly string FilePath = Path.Combine(AppContext.BaseDirectory, "server-errors.log");

    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var entry = $"{DateTimeOffset.UtcNow:O} {logLevel} {category} [{System.Diagnostics.Activity.Current?.TraceId}]: {formatter(state, exception)}\n{exception}\n\n";
            lock (Gate)
            {
                File.AppendAllText(FilePath, entry);
            }
        }
    }
}
