using HotspotIntel.Analysis.Impact;
using HotspotIntel.Core.Tasking;
using Npgsql;

namespace HotspotIntel.Api.DisruptionActions;

/// <summary>An area matched to an action's target as part of its comparison, and what it held in each window.</summary>
/// <param name="Longitude">The area's centre (WGS84).</param>
/// <param name="Latitude">The area's centre (WGS84).</param>
/// <param name="DistanceMetres">From the target's centre to this area's, in EPSG:27700.</param>
/// <param name="Before">Reports in it in the before window.</param>
/// <param name="After">Reports in it in the after window.</param>
public sealed record MatchedArea(double Longitude, double Latitude, double DistanceMetres, int Before, int After);

/// <summary>
/// Finds and counts the areas an action's target may be compared with when the comparison is matched
/// (<see cref="ImpactComparison.Matched"/>): copies of the target area moved across a square grid around it, without
/// action, counted in the target's bins under the caller's row-level security.
/// </summary>
/// <remarks>
/// <para>
/// A candidate is the target area (with its radius) moved east and north by whole multiples of one step: the larger of
/// the target area's width, its height and 1/25 of the match radius, so candidates never overlap one another and there
/// are at most about 2,000 of them. Its centre is within the match radius of the target's. It is left out when it
/// reaches the target or its displacement ring, and when it reaches the target area of another action the caller may
/// read that was agreed, in progress or done while the windows ran (from its start to its done date, or still running):
/// areas "without action" are without any action the caller knows of.
/// </para>
/// <para>
/// Actions on a hotspot leave out the areas that meet that hotspot as the published run has it; a hotspot that has
/// since been split or merged, or has faded, leaves nothing out.
/// </para>
/// </remarks>
public static class MatchedAreaCounter
{
    /// <summary>Grid steps across the match radius, at most: bounds the candidates to about π·25².</summary>
    public const int MostStepsPerRadius = 25;

    /// <summary>
    /// The candidates for the target of action <paramref name="actionId"/>, of kind <paramref name="kind"/> and id
    /// <paramref name="targetId"/>, each with its counts in <paramref name="windows"/>' bins, nearest first; null when
    /// the caller may not see the target.
    /// </summary>
    public static async Task<IReadOnlyList<(MatchCandidate Candidate, MatchedArea Area)>?> CountCandidatesAsync(NpgsqlConnection connection,
        Guid actionId, ActionTargetKind kind, Guid targetId, ImpactWindows windows, ImpactAreas areas, CancellationToken cancellationToken)
    {
        if (await FindCandidatesAsync(connection, actionId, kind, targetId, windows, areas, cancellationToken) is not { } candidates)
        {
            return null;
        }

        var counts = await CountAsync(connection, CountSql, candidates.Select(c => c.Zone).ToArray(), windows, cancellationToken);
        return candidates.Select((candidate, index) => (new MatchCandidate(counts[index], candidate.DistanceMetres),
            new MatchedArea(candidate.Longitude, candidate.Latitude, candidate.DistanceMetres, counts[index].Before, counts[index].After))).ToList();
    }

    /// <summary>
    /// The candidates' zones (EWKB in WGS84) and centres, nearest first; null when the caller may not see the target.
    /// </summary>
    public static async Task<IReadOnlyList<(byte[] Zone, double Longitude, double Latitude, double DistanceMetres)>?> FindCandidatesAsync(
        NpgsqlConnection connection, Guid actionId, ActionTargetKind kind, Guid targetId, ImpactWindows windows, ImpactAreas areas,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CandidatesSql(kind), connection);
        command.Parameters.Add(new() { Value = targetId });
        command.Parameters.Add(new() { Value = kind == ActionTargetKind.Hotspot ? 0.0 : areas.TargetRadiusMetres });
        command.Parameters.Add(new() { Value = areas.RingMetres });
        command.Parameters.Add(new() { Value = areas.MatchRadiusMetres });
        command.Parameters.Add(new() { Value = actionId });
        command.Parameters.Add(new() { Value = DateOnly.FromDateTime(windows.BeforeStart.UtcDateTime) });
        command.Parameters.Add(new() { Value = DateOnly.FromDateTime(windows.AfterEnd.UtcDateTime) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var candidates = new List<(byte[], double, double, double)>();
        var targetSeen = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            targetSeen = true;
            if (!reader.IsDBNull(0))
            {
                candidates.Add((reader.GetFieldValue<byte[]>(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)));
            }
        }

        return targetSeen ? candidates : null;
    }

    /// <summary>
    /// The reports in each of <paramref name="zones"/> in <paramref name="windows"/>' bins, counted by
    /// <paramref name="countSql"/> (<see cref="CountSql"/>, or a benchmark's bare equivalent with the same parameters).
    /// </summary>
    public static async Task<AreaCounts[]> CountAsync(NpgsqlConnection connection, string countSql, byte[][] zones, ImpactWindows windows,
        CancellationToken cancellationToken)
    {
        var bins = windows.BinsPerWindow;
        var counts = new int[zones.Length, 2 * bins];
        if (zones.Length > 0 && bins > 0)
        {
            await using var command = new NpgsqlCommand(countSql, connection);
            command.Parameters.Add(new() { Value = zones });
            command.Parameters.Add(new() { Value = windows.ActionStart.UtcDateTime });
            command.Parameters.Add(new() { Value = windows.BinDays * 86400.0 });
            command.Parameters.Add(new() { Value = windows.BeforeStart.UtcDateTime });
            command.Parameters.Add(new() { Value = windows.AfterEnd.UtcDateTime });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var index = reader.GetInt32(1) + bins;
                if (index >= 0 && index < 2 * bins)
                {
                    counts[reader.GetInt32(0), index] = reader.GetInt32(2);
                }
            }
        }

        return [.. Enumerable.Range(0, zones.Length).Select(zone =>
        {
            var row = Enumerable.Range(0, 2 * bins).Select(bin => counts[zone, bin]).ToArray();
            return new AreaCounts(row[..bins], row[bins..]);
        })];
    }

    // A done action counts from its start to its done date; one agreed or in progress is still running.
    private const string Acted = """
        a.id <> $5 AND a.status IN ('agreed', 'in_progress', 'done') AND a.start_on < $7
          AND CASE WHEN a.status = 'done' THEN a.done_on ELSE 'infinity'::date END >= $6
        """;

    /// <summary>
    /// One row per candidate (zone as EWKB in WGS84, centre, distance), nearest first; one row of nulls when the
    /// target is seen but no candidate is left; no row when the caller may not see the target.
    /// $1 target id, $2 target radius, $3 ring, $4 match radius, $5 the action, $6–$7 the windows' dates.
    /// </summary>
    private static string CandidatesSql(ActionTargetKind kind) => $"""
        WITH RECURSIVE {ImpactAreaCounter.TargetSql(kind)},
        zone AS MATERIALIZED (
            SELECT CASE WHEN radius > 0 THEN ST_Buffer(geom, radius, 64) ELSE geom END AS area,
                   ST_Buffer(geom, radius + $3, 64) AS ringed
            FROM target WHERE geom IS NOT NULL),
        grid AS MATERIALIZED (
            SELECT area, ringed, ST_Centroid(area) AS centre,
                   greatest(ST_XMax(area) - ST_XMin(area), ST_YMax(area) - ST_YMin(area), $4 / {MostStepsPerRadius}) AS step
            FROM zone),
        acted AS MATERIALIZED (
            SELECT x.geom, x.reach FROM grid g, (
                SELECT ST_Transform(p.location, 27700) AS geom, $2 AS reach
                FROM disruption_actions a JOIN premises p ON p.id = a.premises_id WHERE {Acted}
                UNION ALL
                SELECT ST_Transform(l.geometry, 27700), $2 FROM disruption_actions a JOIN locations l ON l.id = a.location_id WHERE {Acted}
                UNION ALL
                SELECT ST_Transform(h.area, 27700), 0 FROM disruption_actions a JOIN hotspots_seen(NULL, NULL) h ON h.hotspot_id = a.hotspot_id
                WHERE {Acted}) x
            WHERE ST_DWithin(x.geom, g.centre, $4 + 2 * g.step + x.reach)),
        candidates AS MATERIALIZED (
            SELECT ST_Translate(g.area, i * g.step, j * g.step) AS area, sqrt(i * i + j * j) * g.step AS distance, g.ringed
            FROM grid g,
                 generate_series(-floor($4 / g.step)::int, floor($4 / g.step)::int) i,
                 generate_series(-floor($4 / g.step)::int, floor($4 / g.step)::int) j
            WHERE (i * i + j * j) * g.step * g.step <= $4 * $4),
        kept AS (
            SELECT c.area, c.distance FROM candidates c
            WHERE NOT ST_Intersects(c.area, c.ringed)
              AND NOT EXISTS (SELECT 1 FROM acted x WHERE ST_DWithin(c.area, x.geom, x.reach)))
        SELECT ST_AsEWKB(ST_Transform(ST_Segmentize(k.area, 10), 4326)), ST_X(ST_Transform(ST_Centroid(k.area), 4326)),
               ST_Y(ST_Transform(ST_Centroid(k.area), 4326)), k.distance
        FROM grid LEFT JOIN kept k ON true
        ORDER BY k.distance, ST_X(ST_Centroid(k.area)), ST_Y(ST_Centroid(k.area))
        """;

    /// <summary>
    /// Reports in each candidate ($1, EWKB zones in WGS84) per bin, as the caller may read them. A lateral scan per zone, with the bare leakproof
    /// <c>&amp;&amp;</c> beside <c>ST_Intersects</c>, reaches the reports' location index under row-level security
    /// (as in <see cref="ImpactAreaCounter"/>).
    /// </summary>
    public const string CountSql = """
        SELECT z.idx, floor(extract(epoch FROM r.occurred_at - $2)::float8 / $3)::int AS bin, count(*)::int
        FROM (SELECT (u.ordinality - 1)::int AS idx, ST_GeomFromEWKB(u.zone) AS zone FROM unnest($1::bytea[]) WITH ORDINALITY AS u (zone, ordinality)) z
        CROSS JOIN LATERAL (
            SELECT r.occurred_at FROM reports_for_role r
            WHERE r.location && z.zone AND ST_Intersects(z.zone, r.location) AND r.occurred_at >= $4 AND r.occurred_at < $5) r
        GROUP BY 1, 2
        """;
}
