using Hangfire;
using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Tiles;

/// <summary>
/// Folds the report count changes that each write of reports appends (migrations/0033) into the counts city-wide tiles
/// add up, every count table of <c>report_density_tables</c> by the same SQL (migrations/0053), as the system, in one
/// transaction. Tiles read the counts and the changes not folded yet, so they are
/// current either way: folding keeps what a tile adds up small. Every minute (<c>Tiles:FoldCron</c>).
/// </summary>
public sealed class FoldReportDensityChangesJob(SystemDatabase database, ILogger<FoldReportDensityChangesJob> logger)
{
    public const string Id = "fold-report-density-changes";

    /// <summary>An import of a million reports leaves tens of millions of change rows: minutes, not hours.</summary>
    public const int CommandTimeoutSeconds = 600;

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(CommandTimeoutSeconds)]
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var db = database.CreateContext();
        db.Database.SetCommandTimeout(CommandTimeoutSeconds);
        var folded = await db.Database.SqlQueryRaw<long>("SELECT fold_report_density_changes() AS \"Value\"").SingleAsync(cancellationToken);
        if (folded > 0)
        {
            logger.LogInformation("Folded {Changes} report count changes into the city-wide tiles' counts in {Seconds:F1} s", folded, watch.Elapsed.TotalSeconds);
        }

        return folded;
    }
}
