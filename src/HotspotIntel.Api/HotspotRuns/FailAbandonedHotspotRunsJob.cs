using Hangfire;
using HotspotIntel.Api.Data;
using HotspotIntel.Core.Hotspots;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// Marks failed every hotspot run marked running whose lock (<see cref="RunHotspotAnalysisJob.RunLockKey"/>) nobody
/// holds: the server carrying it out stopped, and no retry of its job may ever come (its retries were spent while the
/// database was down, or the job was deleted). Runs every minute (<see cref="HotspotOptions.AbandonedRunSweepCron"/>), so
/// nothing shows running for more than a few minutes after its server died. A job that does come back later carries
/// a failed run out again.
/// </summary>
public sealed class FailAbandonedHotspotRunsJob(SystemDatabase database, TimeProvider time, ILogger<FailAbandonedHotspotRunsJob> logger)
{
    /// <summary>The recurring sweep's id in Hangfire.</summary>
    public const string Id = "fail-abandoned-hotspot-runs";

    /// <summary>Why a swept run failed, as its record says.</summary>
    public const string Reason = "The server carrying out this run stopped before it finished; start the run again if it is still needed.";

    /// <summary>Returns the number of runs it marked failed.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var failed = 0;
        try
        {
            var running = await db.HotspotRuns.Where(r => r.Status == HotspotRunStatus.Running).Select(r => r.Id).ToListAsync(cancellationToken);
            foreach (var runId in running)
            {
                // Held: a server is carrying it out. Taken here: nobody is, and no execution can claim it until released.
                if (!await SessionLocks.TryTakeAsync(connection, RunHotspotAnalysisJob.RunLockKey(runId), cancellationToken))
                {
                    continue;
                }

                var finished = time.GetUtcNow();
                // Read again under the lock: the run may have finished between the list and the lock.
                var marked = await db.HotspotRuns.Where(r => r.Id == runId && r.Status == HotspotRunStatus.Running)
                    .ExecuteUpdateAsync(update => update
                        .SetProperty(r => r.Status, HotspotRunStatus.Failed)
                        .SetProperty(r => r.FinishedAt, finished)
                        .SetProperty(r => r.Error, Reason), cancellationToken);
                await SessionLocks.ReleaseAllAsync(connection);
                if (marked > 0)
                {
                    failed++;
                    logger.LogWarning("Hotspot run {RunId} was left running by a server that stopped; marked failed", runId);
                }
            }
        }
        finally
        {
            await SessionLocks.ReleaseAllAsync(connection);
        }

        return failed;
    }
}
