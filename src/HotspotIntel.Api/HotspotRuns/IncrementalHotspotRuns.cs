using Hangfire;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Records;
using HotspotIntel.Core;
using HotspotIntel.Core.Hotspots;
using HotspotIntel.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// Asks for an incremental hotspot run, debounced. The database function <c>request_incremental_hotspot_run</c> queues
/// at most one waiting run; only the call that queued it schedules the Hangfire job,
/// <see cref="HotspotOptions.IncrementalDelaySeconds"/> later, so a burst of reports or a large import makes one coarse
/// job (Hangfire.PostgreSql slows with big queues).
/// </summary>
public sealed class IncrementalHotspotRuns(IBackgroundJobClient jobs, IOptions<HotspotOptions> options, TimeProvider time, ILogger<IncrementalHotspotRuns> logger)
{
    /// <summary>
    /// Asks for an incremental run on <paramref name="db"/>'s connection (any operational role may); returns the id of
    /// the run it queued, or null when one was already waiting or the request could not be made. A failure is logged,
    /// not thrown: the reports are saved, and the nightly full run will see them anyway.
    /// </summary>
    public async Task<Guid?> RequestAsync(HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var parameters = options.Value.Parameters;
        var runId = Guid.CreateVersion7(time.GetUtcNow());
        try
        {
            var queued = await db.Database.SqlQuery<Guid?>(
                $"""SELECT request_incremental_hotspot_run({runId}, {EnumCodes<HotspotMethod>.ToCode(parameters.Method)}, {HotspotParametersJson.Write(parameters)}::jsonb) AS "Value" """)
                .SingleAsync(cancellationToken);
            if (queued is { } id)
            {
                jobs.Schedule<RunHotspotAnalysisJob>(job => job.RunAsync(id, CancellationToken.None), TimeSpan.FromSeconds(options.Value.IncrementalDelaySeconds));
            }

            return queued;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "Could not ask for an incremental hotspot run; the next full run will include the new reports.");
            return null;
        }
    }
}

/// <summary>
/// How hotspots follow reports: every committed change to reports (through the record endpoints or an import) or to
/// missing episodes (whose found locations runs count) asks for an incremental run on the request's own connection.
/// Changes to other records leave hotspots as they are.
/// </summary>
public sealed class ReportChangesStartIncrementalRuns(IncrementalHotspotRuns runs, HotspotIntelDbContext db) : IRecordChangeFollower
{
    public async Task RecordsChangedAsync(Type recordType, CancellationToken cancellationToken)
    {
        // Reports, and missing episodes, whose found locations the runs count beside reports (ReportSnapshot).
        if (recordType == typeof(IntelligenceReport) || recordType == typeof(Core.MissingEpisodes.MissingEpisode))
        {
            await runs.RequestAsync(db, cancellationToken);
        }
    }
}
