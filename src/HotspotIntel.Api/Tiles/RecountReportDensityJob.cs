using Hangfire;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.HotspotRuns;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Tiles;

/// <summary>
/// Recounts the report counts that city-wide tiles add up (<see cref="TileQueries.CountedAheadSql"/>), as the system,
/// in one transaction (migrations/0010_report_density.sql): after each hotspot run, which saw the same reports
/// (<see cref="RecountAfterHotspotRuns"/>), and when a server starts. A failure leaves the previous counts in place;
/// the next run recounts.
/// </summary>
public sealed class RecountReportDensityJob(SystemDatabase database, ILogger<RecountReportDensityJob> logger)
{
    /// <summary>A million reports take seconds; the bound is the hotspot job's.</summary>
    public const int CommandTimeoutSeconds = 600;

    // Two recounts at once would each delete what the other wrote: one at a time, across servers.
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(CommandTimeoutSeconds)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var db = database.CreateContext();
        db.Database.SetCommandTimeout(CommandTimeoutSeconds);
        await db.Database.ExecuteSqlRawAsync("SELECT refresh_report_density()", cancellationToken);
        logger.LogInformation("Report density for city-wide tiles recounted in {Seconds:F1} s", watch.Elapsed.TotalSeconds);
    }
}

/// <summary>How the tiles follow hotspot runs: each success enqueues a recount of the report density.</summary>
public sealed class RecountAfterHotspotRuns(IBackgroundJobClient jobs) : IHotspotRunFollower
{
    public Task RunSucceededAsync(Guid runId, CancellationToken cancellationToken)
    {
        jobs.Enqueue<RecountReportDensityJob>(job => job.RunAsync(CancellationToken.None));
        return Task.CompletedTask;
    }
}
