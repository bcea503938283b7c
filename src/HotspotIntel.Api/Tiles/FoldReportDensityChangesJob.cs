using Hangfire;
using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Tiles;

/// <summary>
/// Folds the report count changes that each write of reports appends (migrations/0033) into the counts city-wide tiles
/// add up, every count table of <c>report_density_tables</c> by the same SQL (migrations/0053), as the system. Tiles
/// read the counts and the changes not folded yet, so they are current either way: folding keeps what a tile adds up
/// small. Every minute (<c>Tiles:FoldCron</c>). In batches of at most <c>Tiles:FoldBatchChanges</c> rows of each changes
/// table, each its own transaction, until a batch comes up short (migrations/0060): the changes a million-report import
/// leaves take longer than one transaction may, and each batch keeps what it folded.
/// </summary>
public sealed class FoldReportDensityChangesJob(SystemDatabase database, IConfiguration configuration, ILogger<FoldReportDensityChangesJob> logger)
{
    public const string Id = "fold-report-density-changes";

    /// <summary>One batch: a few seconds at the default size.</summary>
    public const int CommandTimeoutSeconds = 600;

    /// <summary>How many rows of each changes table a batch folds when <c>Tiles:FoldBatchChanges</c> is not set.</summary>
    public const int DefaultBatchChanges = 200_000;

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(CommandTimeoutSeconds)]
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var batch = configuration.GetValue("Tiles:FoldBatchChanges", DefaultBatchChanges);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var db = database.CreateContext();
        db.Database.SetCommandTimeout(CommandTimeoutSeconds);
        var (folded, batches) = (0L, 0);
        long last;
        do
        {
            last = await db.Database.SqlQuery<long>($"SELECT fold_report_density_changes({batch}) AS \"Value\"").SingleAsync(cancellationToken);
            folded += last;
            batches++;
        }
        while (last >= batch);

        if (folded > 0)
        {
            logger.LogInformation("Folded {Changes} report count changes into the city-wide tiles' counts in {Batches} batches in {Seconds:F1} s",
                folded, batches, watch.Elapsed.TotalSeconds);
        }

        return folded;
    }
}
