using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// The published hotspot run, whose hotspots the map, the lists, the tiles, the premises and vehicle checks, "changed
/// since" and the next run's identity matching all read: the latest published run (scheduled runs publish themselves
/// on success; an analyst's run is a trial until an analyst or supervisor publishes it), the newest id first when two
/// were published at the same moment. Defined once, in the database (<c>published_hotspot_run()</c>, migrations/0034),
/// which <c>hotspots_seen</c> reads too; here for the hand-written SQL and EF Core alike.
/// </summary>
public static class PublishedHotspotRun
{
    /// <summary>The published run's id (one row, or none before any run was published), as a query to nest in SQL.</summary>
    public const string IdSql = """
        SELECT run AS "Value" FROM published_hotspot_run() run WHERE run IS NOT NULL
        """;

    /// <summary>The published run's id as a query EF Core composes (<c>.Contains(entry.RunId)</c> becomes <c>IN (…)</c>).</summary>
    public static IQueryable<Guid> Id(HotspotIntelDbContext db) => db.Database.SqlQueryRaw<Guid>(IdSql);

    /// <summary>The published run's id; null before any run was published.</summary>
    public static Task<Guid?> IdAsync(HotspotIntelDbContext db, CancellationToken cancellationToken) =>
        Id(db).Select(id => (Guid?)id).FirstOrDefaultAsync(cancellationToken);
}
