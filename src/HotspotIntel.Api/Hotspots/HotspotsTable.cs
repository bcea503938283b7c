using HotspotIntel.Core.Hotspots;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Analysis;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Lists;
using HotspotIntel.Core;
using HotspotIntel.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Hotspots;

/// <summary>Hotspots of the published run, or of any succeeded run, as a flat list for GIS tools and exports (the rows and filters of <c>GET /api/hotspots</c>).</summary>
internal static class HotspotsTable
{
    /// <summary>
    /// Hotspots carry no marking of their own: they are drawn from intelligence about children, whose default marking is
    /// OFFICIAL-SENSITIVE (<see cref="SecurityMarking"/>), and exports and printed maps of them carry that.
    /// </summary>
    public const SecurityMarking Marking = SecurityMarking.OfficialSensitive;

    /// <summary>The run (null: the published run), trends and smallest weighted score.</summary>
    public sealed record HotspotListFilter(Guid? RunId, List<HotspotTrend> Trends, double? MinScore);

    public static readonly ListTable<SeenHotspot, HotspotListFilter> Table = new()
    {
        Id = "hotspots",
        Title = "Hotspots",
        Description = "Areas where reports concentrate more than chance would put there, as the published hotspot run found them (or the run runId), "
            + "with their score, significance and trend, counting only the reports you may read. Aggregates: counts only, never who.",
        Geometry = ListGeometry.Any,
        Parameters =
        [
            new("runId", "The run whose hotspots to list (default: the published run).", ColumnType.String),
            new("trend", "Trend codes, comma-separated.", ColumnType.String, EnumCodes<HotspotTrend>.All),
            new("minScore", "The smallest weighted score to include.", ColumnType.Number),
        ],
        RowColumns =
        [
            ListColumns.Id<SeenHotspot>("runId", "The run that found it so.", e => e.RunId),
            ListColumns.Code<SeenHotspot, HotspotMethod>("method", "How the run found it.", e => e.Method),
            ListColumns.Number<SeenHotspot>("areaSquareMeters", "Its area in square metres.", e => e.AreaSquareMeters),
            ListColumns.Integer<SeenHotspot>("reportCount", "The reports inside it.", e => e.ReportCount),
            ListColumns.Number<SeenHotspot>("weightedScore", "The sum of its reports' weights.", e => e.WeightedScore),
            ListColumns.Number<SeenHotspot>("zScore", "Gi* z-score (Getis-Ord).", e => e.ZScore),
            ListColumns.Number<SeenHotspot>("pValue", "The p-value of the z-score.", e => e.PValue),
            ListColumns.Integer<SeenHotspot>("confidencePercent", "The confidence it is hot, in percent.", e => e.ConfidencePercent),
            ListColumns.Code<SeenHotspot, HotspotTrend>("trend", "How it changed over time.", e => e.Trend),
            ListColumns.Text<SeenHotspot>("topCategories", "Its most frequent report categories with their counts, e.g. party_house 12; other 3.",
                e => string.Join("; ", HotspotProperties.TopCategoriesOf(e).Select(c => $"{c.Category} {c.Reports}"))),
            ListColumns.Integer<SeenHotspot>("linkedVehicleCount", "Vehicles mentioned by its reports.", e => e.LinkedVehicleCount),
            ListColumns.Integer<SeenHotspot>("linkedPersonCount", "Persons mentioned by its reports.", e => e.LinkedPersonCount),
            ListColumns.Time<SeenHotspot>("firstSeenAt", "When a run first found it (UTC).", e => e.FirstSeenAt),
            ListColumns.Time<SeenHotspot>("lastSeenAt", "When a run last found it (UTC).", e => e.LastSeenAt),
            ListColumns.Time<SeenHotspot>("firstReportAt", "Its earliest report (UTC).", e => e.FirstReportAt),
            ListColumns.Time<SeenHotspot>("lastReportAt", "Its latest report (UTC).", e => e.LastReportAt),
        ],
        Filter = (query, errors) =>
        {
            var minScore = query.Number("minScore", errors);
            if (minScore < 0)
            {
                errors.Add("minScore", "Must be a number of at least 0.");
            }

            return new HotspotListFilter(query.Guid("runId", errors), CodeListInput.Read<HotspotTrend>(query.Values("trend"), "trend", errors), minScore);
        },
        Query = (db, filter, area) => HotspotsApi.Filter(db.HotspotsSeen(filter.RunId, null), filter.Trends, filter.MinScore, area),
        Check = (db, filter, errors, cancellationToken) =>
            filter.RunId is { } runId ? HotspotsApi.CheckRunAsync(db, runId, errors, cancellationToken) : Task.FromResult<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult?>(null),
        Key = e => e.HotspotId,
        GeometryOf = e => e.Area,
        Marking = _ => Marking,
    };
}
