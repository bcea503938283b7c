using Hangfire;
using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.Tiles;

/// <summary>
/// Folds the report count changes that each write of reports appends (migrations/0033) into the counts city-wide tiles
/// add up, every count table of <c>report_density_tables</c> by the same SQL (migrations/0053), as the system. Tiles
/// read the counts and the changes not folded yet, so they are current either way: folding keeps what a tile adds up
/// small. Every minute (<c>Tiles:FoldCron</c>). In batches of at most <c>Tiles:FoldBatchChanges</c> rows of each changes
/// table, each its own transaction, until a batch comes up short (migrations/0060): the changes a million-report import
/// leaves take longer than one transaction may, and each batch keeps what it folded.
/// </summary>
/// <remarks>
/// One fold at a time over all servers, under the session lock <see cref="LockKey"/>: a job that finds it held returns
/// at once, since the fold holding it carries on until the changes run out. Not Hangfire's
/// <c>DisableConcurrentExecution</c>: a server killed in the middle of a fold left that lock for 10 minutes, and every
/// minute's fold waited on it meanwhile, each tying up a worker, until no hotspot run or sweep had one.
/// </remarks>
public sealed class FoldReportDensityChangesJob(SystemDatabase database, IConfiguration configuration, ILogger<FoldReportDensityChangesJob> logger)
{
    public const string Id = "fold-report-density-changes";

    /// <summary>One batch: a few seconds at the default size.</summary>
    public const int CommandTimeoutSeconds = 600;

    /// <summary>The session lock a fold holds while it runs: "DenFold" in ASCII.</summary>
    public const long LockKey = 0x44656E466F6C64;

    /// <summary>How many rows of each changes table a batch folds when <c>Tiles:FoldBatchChanges</c> is not set.</summary>
    public const int DefaultBatchChanges = 200_000;

    /// <summary>Folds every change there is, batch by batch; returns how many it folded (none if another fold is running).</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var batch = configuration.GetValue("Tiles:FoldBatchChanges", DefaultBatchChanges);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var db = database.CreateContext();
        db.Database.SetCommandTimeout(CommandTimeoutSeconds);
        // One connection for the whole fold: the session lock lives exactly as long as it does.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var (folded, batches) = (0L, 0);
        try
        {
            if (!await SessionLocks.TryTakeAsync(connection, LockKey, cancellationToken))
            {
                logger.LogDebug("Another server is folding the report count changes");
                return 0;
            }

            long last;
            do
            {
                last = await db.Database.SqlQuery<long>($"SELECT fold_report_density_changes({batch}) AS \"Value\"").SingleAsync(cancellationToken);
                folded += last;
                batches++;
            }
            while (last >= batch);
        }
        finally
        {
            await SessionLocks.ReleaseAllAsync(connection);
        }

        if (folded > 0)
        {
            logger.LogInformation("Folded {Changes} report count changes into the city-wide tiles' counts in {Batches} batches in {Seconds:F1} s",
                folded, batches, watch.Elapsed.TotalSeconds);
        }

        return folded;
    }
}
