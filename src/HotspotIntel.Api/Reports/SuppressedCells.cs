using HotspotIntel.Api.Data;
using HotspotIntel.Api.Data.Configurations;
using HotspotIntel.Core.Reports;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;

namespace HotspotIntel.Api.Reports;

/// <summary>
/// Small-count suppression of filtered answers (<c>suppressed_masking_cells</c>, migrations/0015): for a reader who sees
/// child-linked reports only at their 500 m cell, an answer filtered by time, category, grading, handling code, agency
/// or risk indicator
/// leaves out a cell's child-linked reports unless it keeps at least the minimum of them, so no filter singles out
/// fewer. The database decides who is masked and which cells fall short, once per query, over the whole answer and
/// never one page of it, so every page of a keyset-paged list agrees.
/// </summary>
internal static class SuppressedCells
{
    /// <summary>
    /// The reports an answer filtered by <paramref name="filter"/> in <paramref name="area"/> may hold: the caller's
    /// reports without the child-linked ones of the cells the filter leaves short, <c>NOT child-linked OR masking_cell
    /// NOT IN (SELECT … FROM suppressed_masking_cells(…))</c>, a hashed subplan run once per query.
    /// </summary>
    public static IQueryable<IntelligenceReport> ReportsShownUnder(HotspotIntelDbContext db, Geometry? area, ReportFilter filter)
    {
        object[] arguments = [new NpgsqlParameter { Value = (object?)area ?? DBNull.Value, DataTypeName = "geometry" }, .. filter.SqlParameters()];
        var suppressed = db.Database.SqlQueryRaw<Point>(
            "SELECT masking_cell AS \"Value\" FROM suppressed_masking_cells({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8})", arguments);
        return db.Reports.Where(r => !(r.Category == ReportCategory.MissingFoundLocation || EF.Property<bool>(r, IntelligenceReportConfiguration.MentionsChild))
            || !suppressed.Contains(EF.Property<Point>(r, IntelligenceReportConfiguration.MaskingCell)));
    }
}
