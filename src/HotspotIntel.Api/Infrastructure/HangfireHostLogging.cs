using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// Hangfire's logging through the host's logger factory, as Hangfire.AspNetCore does, except that once the host has
/// stopped and disposed the factory, Hangfire's loggers fall silent instead of throwing: Hangfire holds its log
/// provider in a static, which another host in the same process may still be using.
/// </summary>
internal sealed class HangfireHostLogging(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _host = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _host.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
