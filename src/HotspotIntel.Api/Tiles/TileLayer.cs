namespace HotspotIntel.Api.Tiles;

/// <summary>
/// A vector tile layer: where its features come from (<see cref="FromWhereSql"/>, which sees the CTE <c>area</c> and
/// keeps the features in the tile as the caller's role may see them), the geometry column (WGS84) and the attributes
/// each feature carries. Point layers are counted per grid cell below <see cref="TileQueries.PointsFromZoom"/>; area
/// layers (<see cref="IsAreas"/>: few, large polygons) are drawn whole at every zoom.
/// </summary>
/// <param name="Name">The layer's name in paths and inside its tiles.</param>
/// <param name="GeometrySql">The geometry column (WGS84).</param>
/// <param name="AttributesSql">The attributes each feature carries, as SQL select items.</param>
/// <param name="FromWhereSql">Where the features come from, as the caller may see them.</param>
/// <param name="TakesReportFilters">Whether the report filters apply.</param>
/// <param name="Fields">The attributes each feature carries and their TileJSON types (String, Number), cells' <c>point_count</c> included.</param>
/// <param name="Description">What the layer draws, for its TileJSON.</param>
/// <param name="IsAreas">Few, large polygons drawn whole at every zoom rather than points counted per cell.</param>
public sealed record TileLayer(string Name, string GeometrySql, string AttributesSql, string FromWhereSql, bool TakesReportFilters,
    IReadOnlyDictionary<string, string> Fields, string Description, bool IsAreas = false)
{
    /// <summary>
    /// The tile's box in WGS84 from the parameters themselves, not from the <c>area</c> CTE: an expression of the
    /// parameters reaches the GiST indexes through the branches of <c>reports_for_role</c>, a join with a CTE does not.
    /// </summary>
    public const string InTile = "ST_Transform(ST_TileEnvelope($1, $2, $3), 4326)";

    /// <summary>
    /// Reports through <c>reports_for_role</c>, so tasking members and licensing officers get child-linked reports
    /// only at their 500 m cell centre, and none from cells with too few (migrations/0002); the view's branches let
    /// the box reach the location and masking-cell indexes (migrations/0012).
    /// $4/$5 are the time window (null: open); $6 the categories, $7 the source evaluations, $8 the intelligence
    /// assessments and $9 the handling codes (each empty: all); $10 the recording agency (null: all); $11 the risk
    /// indicator codes (empty: all; a report carrying any of them). With a filter, a
    /// masked reader's tile leaves out the child-linked reports of cells the filter keeps fewer than the minimum of
    /// (<c>suppressed_masking_cells</c>, migrations/0015), as the reports list does.
    /// </summary>
    public static readonly TileLayer Reports = new("reports", "r.location",
        """
        r.id::text AS id, r.category, r.location_precision_meters,
        to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS occurred_at
        """,
        $"""
        FROM reports_for_role r, area
        WHERE r.location && {InTile}
          AND ($4::timestamptz IS NULL OR r.occurred_at >= $4) AND ($5::timestamptz IS NULL OR r.occurred_at < $5)
          AND (cardinality($6::text[]) = 0 OR r.category = ANY ($6::text[]))
          AND (cardinality($7::text[]) = 0 OR r.source_evaluation = ANY ($7::text[]))
          AND (cardinality($8::text[]) = 0 OR r.intelligence_assessment = ANY ($8::text[]))
          AND (cardinality($9::text[]) = 0 OR r.handling_code = ANY ($9::text[]))
          AND ($10::uuid IS NULL OR r.agency_id = $10)
          AND (cardinality($11::text[]) = 0 OR r.indicator_codes && $11::text[])
          AND (NOT (r.mentions_child OR r.category = 'missing_found_location')
               OR r.masking_cell NOT IN (SELECT s.masking_cell FROM suppressed_masking_cells({InTile}, $4, $5, $6, $7, $8, $9, $10, $11) s))
        """, TakesReportFilters: true,
        new Dictionary<string, string> { ["id"] = "String", ["category"] = "String", ["location_precision_meters"] = "Number", ["occurred_at"] = "String", ["point_count"] = "Number" },
        "Intelligence reports as your role may see them: counts per grid cell (point_count) below zoom 14 and in crowded tiles, points from it.");

    /// <summary>Premises under row-level security; the report filters do not apply to them.</summary>
    public static readonly TileLayer Premises = new("premises", "p.location",
        "p.id::text AS id, p.name, p.premises_type",
        $"FROM premises p, area WHERE p.location && {InTile}", TakesReportFilters: false,
        new Dictionary<string, string> { ["id"] = "String", ["name"] = "String", ["premises_type"] = "String", ["point_count"] = "Number" },
        "Premises: counts per grid cell (point_count) below zoom 14, points from it.");

    /// <summary>
    /// The published run's hotspot areas with their trend and score, as the reader may see them (<c>hotspots_seen</c>, as
    /// GET /api/hotspots lists them); readers see the previous run until a new one commits.
    /// </summary>
    public static readonly TileLayer Hotspots = new("hotspots", "h.area",
        """
        h.hotspot_id::text AS id, h.trend, h.weighted_score, h.report_count, h.confidence_percent
        """,
        $"""
        FROM hotspots_seen(NULL, NULL) h, area
        WHERE h.area && {InTile}
        """, TakesReportFilters: false,
        new Dictionary<string, string> { ["id"] = "String", ["trend"] = "String", ["weighted_score"] = "Number", ["report_count"] = "Number", ["confidence_percent"] = "Number" },
        "The published hotspot run's areas with their trend and score, at every zoom.", IsAreas: true);

    public static readonly IReadOnlyDictionary<string, TileLayer> ByName = new Dictionary<string, TileLayer>(StringComparer.Ordinal)
    {
        [Reports.Name] = Reports,
        [Premises.Name] = Premises,
        [Hotspots.Name] = Hotspots,
    };
}
