using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Hotspots;

/// <summary>Which run is whose: the current hotspots are those of the latest succeeded run (runs commit one at a time, under the run lock).</summary>
public static class HotspotRunQueries
{
    public static IQueryable<HotspotRun> SucceededNewestFirst(HotspotIntelDbContext db) => db.HotspotRuns
        .Where(run => run.Status == HotspotRunStatus.Succeeded)
        .OrderByDescending(run => run.FinishedAt).ThenByDescending(run => run.Id);

    public static Task<Guid?> LatestSucceededAsync(HotspotIntelDbContext db, CancellationToken cancellationToken) =>
        SucceededNewestFirst(db).Select(run => (Guid?)run.Id).FirstOrDefaultAsync(cancellationToken);
}
