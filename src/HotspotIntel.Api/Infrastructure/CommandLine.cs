using HotspotIntel.Api.Data;
using HotspotIntel.Api.Imports;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// The verbs the API binary runs instead of serving: <c>migrate</c> applies <c>migrations/</c> to the configured database;
/// <c>import reports|premises &lt;file&gt; --agency &lt;CODE&gt; --key &lt;key&gt;</c> imports a file as the import endpoints do.
/// </summary>
internal static class CommandLine
{
    /// <summary>Runs the verb <paramref name="args"/> names and returns its exit code, or null when they name none (serve the API).</summary>
    public static async Task<int?> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        switch (args)
        {
            case ["migrate", ..]:
                DatabaseMigrator.Migrate(Configuration(args).GetConnectionString(DatabaseSetup.ConnectionName)
                    ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseSetup.ConnectionName} is not configured."));
                return 0;
            case ["import", ..]:
                return await ImportCommand.RunAsync(args, Configuration(args), output, error);
            default:
                return null;
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
