using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Hotspots;

/// <summary>Which run is whose: the current hotspots are those of the latest succeeded run (runs commit one at a time, under the run lock).</summary>
public static class HotspotRunQueries
{
    public static IQueryable<HotspotRun> SucceededNewestFirst(HotspotIntelDbContext db) => db.HotspotRuns
        .Where(run => run.Status == HotspotRunStatus.Succeeded)
        .OrderByDescending(run => run.FinishedAt).ThenByDescending(run => run.Id);

    /// <summary>
    /// The run whose hotspots everything shared reads (the published run), as a query of at most one id to compose
    /// into others: the latest succeeded run, until runs are published.
    /// </summary>
    public static IQueryable<Guid> PublishedRunId(HotspotIntelDbContext db) => SucceededNewestFirst(db).Select(run => run.Id).Take(1);

    public static Task<Guid?> LatestSucceededAsync(HotspotIntelDbContext db, CancellationToken cancellationToken) =>
        SucceededNewestFirst(db).Select(run => (Guid?)run.Id).FirstOrDefaultAsync(cancellationToken);
}
