using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Imports;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core;
using HotspotIntel.Core.Access;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// The verbs the API binary runs instead of serving:
/// <c>migrate</c> applies <c>migrations/</c> with the schema owner's connection;
/// <c>issue-token --user U --role R [--agency CODE|ID] [--hours H]</c> prints a locally signed bearer token (development);
/// <c>verify-audit</c> checks the audit log's hash chain, seals and checkpoints (exit code 1 when broken);
/// <c>import reports|premises &lt;file&gt; --agency &lt;CODE&gt; --key &lt;key&gt;</c> imports a file as the import endpoints do,
/// as an operator on the schema owner's connection.
/// </summary>
internal static class CommandLine
{
    /// <summary>Runs the verb <paramref name="args"/> names and returns its exit code, or null when they name none (serve the API).</summary>
    public static async Task<int?> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        switch (args)
        {
            case ["migrate", ..]:
                var configuration = Configuration(args);
                DatabaseMigrator.Migrate(configuration.GetConnectionString(DatabaseSetup.AdminConnectionName)
                    ?? Required(configuration, DatabaseSetup.ConnectionName), applicationRolePassword: configuration[DatabaseSetup.AppRolePasswordKey],
                    jobsRolePassword: configuration[DatabaseSetup.JobsRolePasswordKey]);
                return 0;
            case ["issue-token", ..]:
                await output.WriteLineAsync(await IssueTokenAsync(Configuration(args)));
                return 0;
            case ["verify-audit", ..]:
                var verification = await VerifyAuditAsync(Configuration(args));
                await output.WriteLineAsync(verification.Describe());
                return verification.Intact ? 0 : 1;
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

    /// <summary>A DbContext that acts as the given identity, for commands and jobs that run outside a request.</summary>
    public static HotspotIntelDbContext CreateDbContext(string connectionString, AccessSession session) => new(
        new DbContextOptionsBuilder<HotspotIntelDbContext>()
            .UseNpgsql(new NpgsqlDataSourceBuilder(connectionString).UseNetTopologySuite().Build(), npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new AccessSessionInterceptor(() => session))
            .Options);

    private static async Task<string> IssueTokenAsync(IConfiguration configuration)
    {
        var user = configuration["user"] ?? throw new ArgumentException("--user is required.");
        if (!EnumCodes<UserRole>.TryParse(configuration["role"], out var role))
        {
            throw new ArgumentException($"--role must be one of: {string.Join(", ", EnumCodes<UserRole>.All)}.");
        }

        Guid? agencyId = null;
        if (configuration["agency"] is { } agency)
        {
            await using var db = CreateDbContext(DatabaseSetup.JobsConnectionString(configuration), AccessSession.System);
            agencyId = Guid.TryParse(agency, out var id) ? id
                : (await db.Agencies.SingleOrDefaultAsync(a => a.Code == agency.ToUpperInvariant()))?.Id
                  ?? throw new ArgumentException($"There is no agency with code {agency}.");
        }

        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var hours = double.Parse(configuration["hours"] ?? "8", System.Globalization.CultureInfo.InvariantCulture);
        return LocalTokens.Issue(options, user, role, agencyId, TimeSpan.FromHours(hours), DateTimeOffset.UtcNow);
    }

    private static async Task<AuditVerification> VerifyAuditAsync(IConfiguration configuration)
    {
        await using var db = CreateDbContext(DatabaseSetup.JobsConnectionString(configuration), AccessSession.System);
        return await AuditVerifier.From(configuration).VerifyAsync(db, CancellationToken.None);
    }

    private static string Required(IConfiguration configuration, string connectionName) =>
        configuration.GetConnectionString(connectionName)
        ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
}
