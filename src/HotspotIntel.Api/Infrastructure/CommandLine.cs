using HotspotIntel.Api.Data;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// The verbs the API binary runs instead of serving: <c>migrate</c> applies <c>migrations/</c> to the configured database.
/// </summary>
internal static class CommandLine
{
    public static Task<bool> TryRunAsync(string[] args)
    {
        switch (args)
        {
            case ["migrate", ..]:
                DatabaseMigrator.Migrate(Configuration(args).GetConnectionString(DatabaseSetup.ConnectionName)
                    ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseSetup.ConnectionName} is not configured."));
                return Task.FromResult(true);
            default:
                return Task.FromResult(false);
        }
    }

    /// <summary>The same configuration sources the web host reads: appsettings, environment, command-line switches.</summary>
    public static IConfiguration Configuration(string[] args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddJsonFile($"appsettings.{Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production"}.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args.SkipWhile(arg => !arg.StartsWith("--", StringComparison.Ordinal)).ToArray())
        .Build();
}
