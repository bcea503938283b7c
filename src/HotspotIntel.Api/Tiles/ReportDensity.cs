using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Tiles;

/// <summary>
/// The report counts that city-wide tiles add up (<see cref="TileQueries.CountedAheadSql"/>): recounted by the hotspot
/// job after each run, as the system, in one transaction (migrations/0010_report_density.sql).
/// </summary>
public static class ReportDensity
{
    /// <summary>A million reports take seconds; the bound is the hotspot job's.</summary>
    public const int CommandTimeoutSeconds = 600;

    public static async Task RefreshAsync(SystemDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        db.Database.SetCommandTimeout(CommandTimeoutSeconds);
        await db.Database.ExecuteSqlRawAsync("SELECT refresh_report_density()", cancellationToken);
    }

    /// <summary>True once the counts have been made at least once.</summary>
    public static async Task<bool> ExistAsync(SystemDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        return await db.Database.SqlQueryRaw<bool>("SELECT EXISTS (SELECT FROM report_density_refreshes) AS \"Value\"").SingleAsync(cancellationToken);
    }
}
