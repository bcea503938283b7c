using System.Globalization;
using HotspotIntel.Analysis.Impact;
using HotspotIntel.Api.Paging;
using HotspotIntel.Core.Tasking;
using Npgsql;

namespace HotspotIntel.Api.DisruptionActions;

/// <summary>
/// The areas an action's impact is counted in, in metres in EPSG:27700: the target (a premises' or place's geometry
/// widened by <see cref="TargetRadiusMetres"/>, or a hotspot's own area), the ring up to <see cref="RingMetres"/> beyond
/// the target's edge, and the comparison: the area from there to <see cref="ComparisonMetres"/> beyond it, or
/// <see cref="MatchedAreas"/> areas without action matched to the target (<see cref="MatchedAreaCounter"/>).
/// </summary>
/// <param name="TargetRadiusMetres">Buffer around a premises or named place; not used for a hotspot, whose area is the target.</param>
/// <param name="RingMetres">Outer edge of the displacement ring, measured from the target's edge.</param>
/// <param name="ComparisonMetres">Outer edge of the comparison ring, measured from the target's edge; beyond <paramref name="RingMetres"/>.</param>
/// <param name="Comparison">Which comparison: the ring beyond the displacement ring, or matched areas.</param>
/// <param name="MatchedAreas">How many matched areas make the comparison when <paramref name="Comparison"/> is matched.</param>
/// <param name="MatchRadiusMetres">How far from the target's centre matched areas are looked for.</param>
public sealed record ImpactAreas(double TargetRadiusMetres, double RingMetres, double ComparisonMetres,
    ImpactComparison Comparison = ImpactComparison.Ring, int MatchedAreas = 5, double MatchRadiusMetres = 5000)
{
    /// <summary>
    /// How far from the target reports are counted around it: to the comparison ring's edge, or only to the
    /// displacement ring's when matched areas are the comparison (the comparison ring would be counted for nothing).
    /// </summary>
    public double CountedMetres => Comparison == ImpactComparison.Matched ? RingMetres : ComparisonMetres;
}

/// <summary>What an action's target is compared against; codes as in JSON and the <c>comparison</c> parameter.</summary>
public enum ImpactComparison
{
    /// <summary>The ring beyond the displacement ring, from ringMetres to comparisonMetres beyond the target's edge.</summary>
    Ring,

    /// <summary>The areas without action within matchRadiusMetres whose reports before the action were most like the target's (<see cref="MatchedComparison"/>).</summary>
    Matched,
}

/// <summary>What <see cref="ImpactAreaCounter"/> counted for one action: each area's bins, and the counts as the assessor takes them.</summary>
/// <param name="Windows">The windows counted.</param>
/// <param name="Counts">Target, comparison and ring, oldest bin first.</param>
public sealed record CountedImpact(ImpactWindows Windows, ImpactCounts Counts);

/// <summary>
/// Counts the reports in an action's target, ring and comparison areas in each bin of its windows, in two queries (the
/// zones, then the counting) on the caller's connection, so row-level security and <c>reports_for_role</c> decide which reports count and where (a
/// masked reader counts a child-linked report at its masking cell, and only in the cells shown to them).
/// </summary>
/// <remarks>
/// A report's distance from the target is measured in EPSG:27700 from the target's geometry, less the target radius for a
/// premises or place: at most 0 is the target, up to the ring's width the ring, then the comparison. The three zones are
/// drawn once, by the first query, in EPSG:27700 and turned to WGS84 (<see cref="Zone"/>), so each report is placed by
/// point-in-polygon tests in its own SRID (no transform per report) and candidates are found through the reports'
/// location index by the comparison zone, and by the windows' dates. A
/// hotspot's area is the union of the published run's hotspots that descend from it (itself, or what it was split or
/// merged into, through <c>hotspot_lineage</c>) as <c>hotspots_seen()</c> shows them to the caller; when none of them
/// is in the published run (the hotspot faded), its area in the latest run the caller may read that held it, among the
/// newest page of its history (<c>hotspot_history_runs</c>, as a hotspot's detail shows it first).
/// </remarks>
public static class ImpactAreaCounter
{
    /// <summary>
    /// The counts for the target of <paramref name="kind"/> with id <paramref name="targetId"/>; null when the caller
    /// may not see the target (or a hotspot has no area they may see). Vehicles and persons have no place: callers
    /// must not ask for them.
    /// </summary>
    public static async Task<CountedImpact?> CountAsync(NpgsqlConnection connection, ActionTargetKind kind, Guid targetId, ImpactWindows windows,
        ImpactAreas areas, CancellationToken cancellationToken)
    {
        // The zones first, then the counting with them as bound values: the planner sees the comparison zone itself
        // and picks the location index where the target's surroundings hold few reports (a zone from a join or a
        // subquery reached no index through reports_for_role: every action read the whole table). The bare && beside
        // ST_Intersects is what reaches the index under row-level security: && is leakproof (migration 0006) and may
        // be an index condition ahead of the read policy; ST_Intersects is not, so alone it reached only the
        // occurred_at index (about 13x slower for a busy premises at 1M reports).
        byte[][] zones;
        await using (var zoneCommand = new NpgsqlCommand(ZonesSql(kind), connection))
        {
            zoneCommand.Parameters.Add(new() { Value = targetId });
            zoneCommand.Parameters.Add(new() { Value = kind == ActionTargetKind.Hotspot ? 0.0 : areas.TargetRadiusMetres });
            zoneCommand.Parameters.Add(new() { Value = areas.RingMetres });
            zoneCommand.Parameters.Add(new() { Value = areas.CountedMetres });
            await using var zoneReader = await zoneCommand.ExecuteReaderAsync(cancellationToken);
            if (!await zoneReader.ReadAsync(cancellationToken))
            {
                return null;
            }

            zones = [zoneReader.GetFieldValue<byte[]>(0), zoneReader.GetFieldValue<byte[]>(1), zoneReader.GetFieldValue<byte[]>(2)];
        }

        await using var command = new NpgsqlCommand(CountSql, connection);
        foreach (var zone in zones)
        {
            command.Parameters.Add(new() { Value = zone });
        }

        command.Parameters.Add(new() { Value = windows.ActionStart.UtcDateTime });
        command.Parameters.Add(new() { Value = windows.BinDays * 86400.0 });
        command.Parameters.Add(new() { Value = windows.BeforeStart.UtcDateTime });
        command.Parameters.Add(new() { Value = windows.AfterEnd.UtcDateTime });

        var bins = windows.BinsPerWindow;
        var (target, ring, comparison) = (new int[2 * bins], new int[2 * bins], new int[2 * bins]);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var index = reader.GetInt32(0) + bins;
                if (index < 0 || index >= 2 * bins)
                {
                    continue;
                }

                (target[index], ring[index], comparison[index]) = (reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
            }
        }

        AreaCounts Area(int[] counts) => new(counts[..bins], counts[bins..]);
        return new CountedImpact(windows, new ImpactCounts(Area(target), Area(comparison), Area(ring)));
    }

    /// <summary>The target's geometry in EPSG:27700 and the radius it is widened by, as a CTE named <c>target</c>.</summary>
    internal static string TargetSql(ActionTargetKind kind) => kind switch
    {
        ActionTargetKind.Premises => "target AS (SELECT ST_Transform(p.location, 27700) AS geom, $2::float8 AS radius FROM premises p WHERE p.id = $1)",
        ActionTargetKind.Location => "target AS (SELECT ST_Transform(l.geometry, 27700) AS geom, $2::float8 AS radius FROM locations l WHERE l.id = $1)",
        ActionTargetKind.Hotspot => $$"""
            descendants (id) AS (
                SELECT $1::uuid
                UNION
                SELECT l.to_hotspot_id FROM hotspot_lineage l JOIN descendants d ON l.from_hotspot_id = d.id),
            target AS (
                SELECT coalesce(
                    (SELECT ST_Union(ST_Transform(h.area, 27700)) FROM hotspots_seen(NULL, NULL) h WHERE h.hotspot_id IN (SELECT id FROM descendants)),
                    (SELECT ST_Transform(h.area, 27700)
                     FROM hotspots_seen(NULL, $1, ARRAY(SELECT run_id FROM hotspot_history_runs($1, NULL, {{KeysetCursor.DefaultLimit}}))) h
                     JOIN hotspot_runs r ON r.id = h.run_id
                     ORDER BY r.finished_at DESC NULLS LAST LIMIT 1)) AS geom,
                    $2::float8 AS radius)
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A vehicle or a person has no place to count reports in."),
    };

    /// <summary>The target's three zones in WGS84 as EWKB; no row when the caller may not see the target.</summary>
    private static string ZonesSql(ActionTargetKind kind) => string.Create(CultureInfo.InvariantCulture, $"""
        WITH RECURSIVE {TargetSql(kind)}
        SELECT ST_AsEWKB({Zone("radius")}), ST_AsEWKB({Zone("radius + $3")}), ST_AsEWKB({Zone("radius + $4")})
        FROM target WHERE geom IS NOT NULL
        """);

    /// <summary>The reports in each zone ($1 target, $2 ring's outer edge, $3 comparison's outer edge) per bin.</summary>
    private const string CountSql = """
        WITH placed AS MATERIALIZED (
            SELECT floor(extract(epoch FROM r.occurred_at - $4)::float8 / $5)::int AS bin,
                   CASE WHEN ST_Intersects(ST_GeomFromEWKB($1), r.location) THEN 0 WHEN ST_Intersects(ST_GeomFromEWKB($2), r.location) THEN 1 ELSE 2 END AS zone
            FROM reports_for_role r
            WHERE r.location && ST_GeomFromEWKB($3) AND ST_Intersects(r.location, ST_GeomFromEWKB($3))
              AND r.occurred_at >= $6 AND r.occurred_at < $7)
        SELECT bin,
               (count(*) FILTER (WHERE zone = 0))::int,
               (count(*) FILTER (WHERE zone = 1))::int,
               (count(*) FILTER (WHERE zone = 2))::int
        FROM placed GROUP BY bin
        """;

    /// <summary>
    /// Everything within <paramref name="reach"/> metres of the target in EPSG:27700, drawn there (64 segments a
    /// quarter circle: within 8 cm of the true distance at 1 km) and its edges cut to 10 m before it is turned to WGS84,
    /// so a report is placed by a point-in-polygon test in its own SRID, against a zone computed once per query,
    /// instead of by transforming every candidate report to EPSG:27700. <paramref name="reach"/> is SQL over the columns
    /// <c>geom</c> (EPSG:27700) and <c>radius</c> of the row it is selected from. The zones must be computed once: in a
    /// CTE AS MATERIALIZED (an inlined one redraws them for every report), and the reports' zone numbers in another,
    /// so that grouping by bin does not sort the zones' polygons along with every report.
    /// </summary>
    public static string Zone(string reach) =>
        $"ST_Transform(ST_Segmentize(CASE WHEN {reach} > 0 THEN ST_Buffer(geom, {reach}, 64) ELSE geom END, 10), 4326)";
}
