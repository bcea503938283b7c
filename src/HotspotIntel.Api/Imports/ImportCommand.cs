using System.Text.Json;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// <c>import reports|premises &lt;file&gt; --agency &lt;AGENCY-CODE&gt; --key &lt;idempotency-key&gt;</c>: the same
/// <see cref="Importer"/> as <c>POST /api/imports/…</c>, run on a file, for loading data without the API running. It
/// runs as an operator on the schema owner's connection (<c>ConnectionStrings:HotspotIntelAdmin</c>), recording for
/// the agency it names; the audit triggers still log the import, under the operator's name.
/// </summary>
internal static class ImportCommand
{
    public const string Usage = "Usage: import reports|premises <file.csv|file.geojson> --agency <AGENCY-CODE> --key <idempotency-key>";

    /// <summary>The audit log's role for an operator's import from the command line: no user role, so no token, applies.</summary>
    public const string OperatorRole = "operator";

    /// <summary>Runs the import and says how it went; returns the exit code: 0 imported (or already imported), 1 not.</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        if (args is not [_, var kindCode, var path, ..] || !EnumCodes<ImportKind>.TryParse(kindCode, out var kind)
            || Option(args, "--agency") is not { } agencyCode || Option(args, "--key") is not { } key)
        {
            await error.WriteLineAsync(Usage);
            return 1;
        }

        if (ImportFormats.FromFileName(path) is not { } format || !File.Exists(path))
        {
            await error.WriteLineAsync($"{path}: not a .csv, .geojson or .json file that exists.");
            return 1;
        }

        if (configuration.GetConnectionString(DatabaseSetup.AdminConnectionName) is not { Length: > 0 } adminConnectionString)
        {
            await error.WriteLineAsync($"ConnectionStrings:{DatabaseSetup.AdminConnectionName} is not configured: the import verb runs on the schema owner's connection.");
            return 1;
        }

        var code = agencyCode.Trim().ToUpperInvariant();
        Guid? agencyId;
        await using (var lookup = CommandLine.CreateDbContext(adminConnectionString, AccessSession.System))
        {
            agencyId = await lookup.Agencies.Where(agency => agency.Code == code).Select(agency => (Guid?)agency.Id).SingleOrDefaultAsync();
        }

        if (agencyId is null)
        {
            await error.WriteLineAsync($"No agency has the code {code}.");
            return 1;
        }

        var session = new AccessSession($"{OperatorRole}:{Environment.UserName}", agencyId, OperatorRole);
        // No HotspotRunRequests, so the import asks for no hotspot run: the verb runs without the API and has no Hangfire
        // storage to schedule a job in, and request_incremental_hotspot_run refuses the operator, who has no operational
        // role (migrations/0005). The nightly full run, or the first full run of a new installation, takes the reports in.
        await using var services = new ServiceCollection()
            .AddSingleton(session)
            .AddHotspotIntelDatabase(adminConnectionString)
            .AddHotspotIntelRecording(configuration)
            // RecordingContext's user: nobody is signed in; the rows' agency is the session's.
            .AddHttpContextAccessor()
            .AddScoped<CurrentUser>()
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var outcome = await scope.ServiceProvider.GetRequiredService<Importer>().ImportAsync(kind, format, file, key, CancellationToken.None);
        return await ReportAsync(outcome, output, error);
    }

    private static async Task<int> ReportAsync(ImportOutcome outcome, TextWriter output, TextWriter error)
    {
        switch (outcome)
        {
            case ImportOutcome.Imported imported:
                if (imported.Replayed)
                {
                    await error.WriteLineAsync("Already imported with this key; nothing was imported again.");
                }

                await output.WriteLineAsync(JsonSerializer.Serialize(imported.Result, ResultJson));
                return 0;
            case ImportOutcome.RequestInvalid invalid:
                foreach (var (field, reasons) in invalid.Errors.ToDictionary())
                {
                    await error.WriteLineAsync($"{field}: {string.Join(" ", reasons)}");
                }

                return 1;
            case ImportOutcome.KeyReused:
                await error.WriteLineAsync("This key was already used to import a different file; nothing was imported.");
                return 1;
            case ImportOutcome.FileRejected rejected:
                await error.WriteLineAsync(rejected.Title);
                foreach (var rowError in rejected.RowErrors)
                {
                    await error.WriteLineAsync($"row {rowError.Row}, {rowError.Field}: {rowError.Reason}");
                }

                if (rejected.MoreRowErrors > 0)
                {
                    await error.WriteLineAsync($"… and {rejected.MoreRowErrors} more errors.");
                }

                return 1;
            default:
                throw new InvalidOperationException($"Unhandled import outcome {outcome}.");
        }
    }

    /// <summary>The value after <paramref name="name"/> (<c>--key value</c> or <c>--key=value</c>).</summary>
    private static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }

    private static readonly JsonSerializerOptions ResultJson = CreateResultJson();

    private static JsonSerializerOptions CreateResultJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Configure(options);
        return options;
    }
}
