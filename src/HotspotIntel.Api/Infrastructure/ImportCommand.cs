using System.CommandLine;
using System.Text.Json;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Imports;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Json;
using HotspotIntel.Core;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// <c>import reports|premises &lt;file&gt; --agency &lt;AGENCY-CODE&gt; --key &lt;idempotency-key&gt;</c>: the same
/// <see cref="Importer"/> as <c>POST /api/imports/…</c>, run on a file, for loading data without the API running. It
/// runs as an operator on the schema owner's connection (<c>ConnectionStrings:HotspotIntelAdmin</c>), recording for
/// the agency it names; the audit triggers still log the import, under the operator's name.
/// </summary>
internal static class ImportCommand
{
    /// <summary>The audit log's role for an operator's import from the command line: no user role, so no token, applies.</summary>
    public const string OperatorRole = "operator";

    /// <summary>The <c>import</c> verb: exit code 0 imported (or already imported), 1 refused, or a usage or configuration error.</summary>
    public static Command Create(IConfiguration configuration)
    {
        var kind = new Argument<string>("kind") { Description = "What the file holds." };
        kind.AcceptOnlyFromAmong([.. EnumCodes<ImportKind>.All]);
        var file = new Argument<string>("file") { Description = "A .csv file, or a .geojson or .json FeatureCollection." };
        file.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string>();
            if (ImportFormats.FromFileName(path) is null)
            {
                result.AddError($"{path}: not a .csv, .geojson or .json file.");
            }
            else if (!File.Exists(path))
            {
                result.AddError($"{path}: no such file.");
            }
        });
        var agency = new Option<string>("--agency") { Description = "The code of the agency the records belong to.", Required = true };
        var key = new Option<string>("--key") { Description = "An idempotency key: importing again with the same key imports nothing twice.", Required = true };
        key.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError("--key must not be empty.");
            }
        });

        var command = new Command("import", "Import a file of reports or premises as POST /api/imports/... does, as an operator on the "
            + $"schema owner's connection (ConnectionStrings:{DatabaseSetup.AdminConnectionName}, required); a file with any bad row imports nothing.")
        {
            kind, file, agency, key,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(configuration, EnumCodes<ImportKind>.Parse(parsed.GetValue(kind)!),
            parsed.GetValue(file)!, parsed.GetValue(agency)!, parsed.GetValue(key)!, parsed.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IConfiguration configuration, ImportKind kind, string path, string agencyCode, string key,
        InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var adminConnectionString = CommandLine.RequiredConnectionString(configuration, DatabaseSetup.AdminConnectionName,
            "the import verb runs on the schema owner's connection");
        var code = agencyCode.Trim().ToUpperInvariant();
        Guid? agencyId;
        await using (var lookup = CommandLine.CreateDbContext(adminConnectionString, AccessSession.System))
        {
            agencyId = await lookup.Agencies.Where(agency => agency.Code == code).Select(agency => (Guid?)agency.Id).SingleOrDefaultAsync(cancellationToken);
        }

        if (agencyId is null)
        {
            throw new CommandLineException(ExitCodes.Usage, $"No agency has the code {code}.");
        }

        var session = new AccessSession($"{OperatorRole}:{Environment.UserName}", agencyId, OperatorRole);
        // No record change followers, so the import asks for no hotspot run: the verb runs without the API and has no Hangfire
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
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var outcome = await scope.ServiceProvider.GetRequiredService<Importer>()
            .ImportAsync(kind, ImportFormats.FromFileName(path)!.Value, stream, key, cancellationToken);
        return await ReportAsync(outcome, console.Output, console.Error);
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
                return ExitCodes.Success;
            case ImportOutcome.RequestInvalid invalid:
                foreach (var (field, reasons) in invalid.Errors.ToDictionary())
                {
                    await error.WriteLineAsync($"{field}: {string.Join(" ", reasons)}");
                }

                return ExitCodes.Failed;
            case ImportOutcome.KeyReused:
                await error.WriteLineAsync("This key was already used to import a different file; nothing was imported.");
                return ExitCodes.Failed;
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

                return ExitCodes.Failed;
            default:
                throw new InvalidOperationException($"Unhandled import outcome {outcome}.");
        }
    }

    private static readonly JsonSerializerOptions ResultJson = CreateResultJson();

    private static JsonSerializerOptions CreateResultJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Configure(options);
        return options;
    }
}
