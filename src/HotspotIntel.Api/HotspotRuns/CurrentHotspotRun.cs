using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// The current hotspot run, whose hotspots the map, the lists, the premises checks and the next run's identity
/// matching all read: the latest succeeded run (runs commit one at a time, under the run lock), the newest id first
/// when two finished at the same moment. Defined here once, in SQL, for the hand-written SQL and EF Core alike.
/// </summary>
public static class CurrentHotspotRun
{
    /// <summary>The current run's id (one row, or none before any run succeeded), as a query to nest in SQL.</summary>
    public const string IdSql = """
        SELECT run.id AS "Value" FROM hotspot_runs run WHERE run.status = 'succeeded' ORDER BY run.finished_at DESC, run.id DESC LIMIT 1
        """;

    /// <summary>The current run's id as a query EF Core composes (<c>.Contains(entry.RunId)</c> becomes <c>IN (…)</c>).</summary>
    public static IQueryable<Guid> Id(HotspotIntelDbContext db) => db.Database.SqlQueryRaw<Guid>(IdSql);

    /// <summary>The current run's id; null before any run succeeded.</summary>
    public static Task<Guid?> IdAsync(HotspotIntelDbContext db, CancellationToken cancellationToken) =>
        Id(db).Select(id => (Guid?)id).FirstOrDefaultAsync(cancellationToken);
}
