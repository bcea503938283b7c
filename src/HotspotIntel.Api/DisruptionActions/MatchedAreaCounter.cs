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
/// The candidates for matched areas round one target: the target area in EPSG:27700 and the grid step it is moved by,
/// and which moves are candidates.
/// </summary>
/// <param name="Area">The target area (with its radius) in EPSG:27700, as EWKB.</param>
/// <param name="MinX">West edge of <paramref name="Area"/>'s bounding box, EPSG:27700 metres.</param>
/// <param name="MinY">South edge of the bounding box.</param>
/// <param name="MaxX">East edge of the bounding box.</param>
/// <param name="MaxY">North edge of the bounding box.</param>
/// <param name="Step">The grid step, metres: at least the area's width and height, so candidates never overlap.</param>
/// <param name="Reach">How far beyond the area's bounding box the candidates reach, metres.</param>
/// <param name="Candidates">The candidates, nearest first.</param>
public sealed record MatchGrid(byte[] Area, double MinX, double MinY, double MaxX, double MaxY, double Step, double Reach,
    IReadOnlyList<GridCandidate> Candidates);

/// <summary>One candidate: the target area moved <paramref name="East"/> steps east and <paramref name="North"/> steps north.</summary>
public sealed record GridCandidate(int East, int North, double Longitude, double Latitude, double DistanceMetres);

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
/// <para>
/// Counting is one pass over the reports in the candidates' box: because the candidates are one shape on a grid, a
/// report can only be in the candidate whose grid cell its position falls in (floor of its offset from the area's
/// south-west corner over the step), and one point-in-polygon test against the target area moved back decides it.
/// A scan per candidate would read the reports' index about 800 times for a premises; the pass reads it once, and
/// the counts per cell are matched to the candidates here. The pass reads only the before window, on which the choice
/// rests; each chosen area's after window is then read in its own small box.
/// </para>
/// </remarks>
public static class MatchedAreaCounter
{
    /// <summary>Grid steps across the match radius, at most: bounds the candidates to about π·25².</summary>
    public const int MostStepsPerRadius = 25;

    /// <summary>
    /// The areas matched to the target of action <paramref name="actionId"/> (of kind <paramref name="kind"/> and id
    /// <paramref name="targetId"/>), whose counts in <paramref name="windows"/>' before window were
    /// <paramref name="target"/>'s: at most <see cref="ImpactAreas.MatchedAreas"/>, best first, each with its counts in
    /// both windows, as the caller may read them; null when the caller may not see the target.
    /// </summary>
    public static async Task<IReadOnlyList<(AreaCounts Counts, MatchedArea Area)>?> MatchAsync(NpgsqlConnection connection, Guid actionId,
        ActionTargetKind kind, Guid targetId, ImpactWindows windows, ImpactAreas areas, AreaCounts target, CancellationToken cancellationToken) =>
        await FindCandidatesAsync(connection, actionId, kind, targetId, windows, areas, cancellationToken) is { } grid
            ? await MatchInGridAsync(connection, CountSql("reports_for_role"), grid, windows, target, areas.MatchedAreas, cancellationToken)
            : null;

    /// <summary>
    /// The best <paramref name="count"/> matches for <paramref name="target"/> in <paramref name="grid"/>, counted by
    /// <paramref name="countSql"/> (<see cref="CountSql"/> over the view the caller reads, or over the table for a
    /// benchmark's floor): every candidate's before window in one pass, since the choice rests on it alone
    /// (<see cref="MatchedComparison"/>), then the after window of each chosen one in its own small box.
    /// </summary>
    public static async Task<IReadOnlyList<(AreaCounts Counts, MatchedArea Area)>> MatchInGridAsync(NpgsqlConnection connection, string countSql,
        MatchGrid grid, ImpactWindows windows, AreaCounts target, int count, CancellationToken cancellationToken)
    {
        var everywhere = (grid.MinX - grid.Reach, grid.MinY - grid.Reach, grid.MaxX + grid.Reach, grid.MaxY + grid.Reach);
        var before = await CountAsync(connection, countSql, grid, grid.Candidates, everywhere, windows, windows.BeforeStart, windows.ActionStart,
            cancellationToken);
        var chosen = MatchedComparison.Choose(target, [.. grid.Candidates.Select((candidate, index) => new MatchCandidate(before[index], candidate.DistanceMetres))], count);
        var matches = new List<(AreaCounts, MatchedArea)>();
        foreach (var index in chosen)
        {
            var candidate = grid.Candidates[index];
            var (east, north) = (candidate.East * grid.Step, candidate.North * grid.Step);
            // One metre round the candidate's own box: a report on its edge is in it.
            var box = (grid.MinX + east - 1, grid.MinY + north - 1, grid.MaxX + east + 1, grid.MaxY + north + 1);
            var after = (await CountAsync(connection, countSql, grid, [candidate], box, windows, windows.ActionStart, windows.AfterEnd, cancellationToken))[0];
            var counts = new AreaCounts(before[index].BeforeBins, after.AfterBins);
            matches.Add((counts, new MatchedArea(candidate.Longitude, candidate.Latitude, candidate.DistanceMetres, counts.Before, counts.After)));
        }

        return matches;
    }

    /// <summary>The target's grid and its candidates; null when the caller may not see the target.</summary>
    public static async Task<MatchGrid?> FindCandidatesAsync(NpgsqlConnection connection, Guid actionId, ActionTargetKind kind, Guid targetId,
        ImpactWindows windows, ImpactAreas areas, CancellationToken cancellationToken)
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
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var candidates = new List<GridCandidate>();
        if (!reader.IsDBNull(6))
        {
            var (east, north) = (reader.GetFieldValue<int[]>(6), reader.GetFieldValue<int[]>(7));
            var (longitude, latitude, distance) = (reader.GetFieldValue<double[]>(8), reader.GetFieldValue<double[]>(9), reader.GetFieldValue<double[]>(10));
            candidates.AddRange(east.Select((_, index) => new GridCandidate(east[index], north[index], longitude[index], latitude[index], distance[index])));
        }

        var step = reader.GetDouble(5);
        return new MatchGrid(reader.GetFieldValue<byte[]>(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), step,
            areas.MatchRadiusMetres + step, candidates);
    }

    /// <summary>
    /// The reports in each of <paramref name="candidates"/> (of <paramref name="grid"/>) from <paramref name="from"/> to
    /// <paramref name="to"/>, in <paramref name="windows"/>' bins, looked for in <paramref name="box"/> (EPSG:27700
    /// west, south, east, north).
    /// </summary>
    private static async Task<AreaCounts[]> CountAsync(NpgsqlConnection connection, string countSql, MatchGrid grid,
        IReadOnlyList<GridCandidate> candidates, (double West, double South, double East, double North) box, ImpactWindows windows,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var bins = windows.BinsPerWindow;
        var counts = new int[candidates.Count, 2 * bins];
        if (candidates.Count > 0 && bins > 0)
        {
            await using var command = new NpgsqlCommand(countSql, connection);
            command.Parameters.Add(new() { Value = grid.Area });
            command.Parameters.Add(new() { Value = grid.MinX });
            command.Parameters.Add(new() { Value = grid.MinY });
            command.Parameters.Add(new() { Value = grid.Step });
            command.Parameters.Add(new() { Value = box.West });
            command.Parameters.Add(new() { Value = box.South });
            command.Parameters.Add(new() { Value = box.East });
            command.Parameters.Add(new() { Value = box.North });
            command.Parameters.Add(new() { Value = windows.ActionStart.UtcDateTime });
            command.Parameters.Add(new() { Value = windows.BinDays * 86400.0 });
            command.Parameters.Add(new() { Value = from.UtcDateTime });
            command.Parameters.Add(new() { Value = to.UtcDateTime });
            var candidateAt = candidates.Select((candidate, index) => (candidate, index))
                .ToDictionary(pair => (pair.candidate.East, pair.candidate.North), pair => pair.index);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var bin = reader.GetInt32(2) + bins;
                if (candidateAt.TryGetValue((reader.GetInt32(0), reader.GetInt32(1)), out var candidate) && bin >= 0 && bin < 2 * bins)
                {
                    counts[candidate, bin] = reader.GetInt32(3);
                }
            }
        }

        return [.. Enumerable.Range(0, candidates.Count).Select(candidate =>
        {
            var row = Enumerable.Range(0, 2 * bins).Select(bin => counts[candidate, bin]).ToArray();
            return new AreaCounts(row[..bins], row[bins..]);
        })];
    }

    // A done action counts from its start to its done date; one agreed or in progress is still running.
    private const string Acted = """
        a.id <> $5 AND a.status IN ('agreed', 'in_progress', 'done') AND a.start_on < $7
          AND CASE WHEN a.status = 'done' THEN a.done_on ELSE 'infinity'::date END >= $6
        """;

    /// <summary>
    /// One row when the caller may see the target: its area (EPSG:27700, EWKB), the area's bounding box, the step, and
    /// the candidates as parallel arrays (steps east, steps north, centre, distance)
    /// nearest first, null when none is left. $1 target id, $2 target radius, $3 ring, $4 match radius, $5 the action,
    /// $6–$7 the windows' dates.
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
            SELECT i, j, ST_Translate(g.area, i * g.step, j * g.step) AS area, sqrt(i * i + j * j) * g.step AS distance, g.ringed
            FROM grid g,
                 generate_series(-floor($4 / g.step)::int, floor($4 / g.step)::int) i,
                 generate_series(-floor($4 / g.step)::int, floor($4 / g.step)::int) j
            WHERE (i * i + j * j) * g.step * g.step <= $4 * $4),
        kept AS MATERIALIZED (
            SELECT c.i, c.j, c.distance, ST_Transform(ST_Centroid(c.area), 4326) AS centre FROM candidates c
            WHERE NOT ST_Intersects(c.area, c.ringed)
              AND NOT EXISTS (SELECT 1 FROM acted x WHERE ST_DWithin(c.area, x.geom, x.reach)))
        SELECT ST_AsEWKB(g.area), ST_XMin(g.area), ST_YMin(g.area), ST_XMax(g.area), ST_YMax(g.area), g.step,
               (SELECT array_agg(i ORDER BY distance, i, j) FROM kept), (SELECT array_agg(j ORDER BY distance, i, j) FROM kept),
               (SELECT array_agg(ST_X(centre) ORDER BY distance, i, j) FROM kept), (SELECT array_agg(ST_Y(centre) ORDER BY distance, i, j) FROM kept),
               (SELECT array_agg(distance ORDER BY distance, i, j) FROM kept)
        FROM grid g
        """;

    /// <summary>
    /// Reports per grid cell and bin, in one pass over <paramref name="reports"/> (the view the caller reads, or a
    /// table): $1 the target area (EPSG:27700), $2–$3 its south-west corner, $4 the step, $5–$8 the box to look in
    /// (EPSG:27700 west, south, east, north), $9 the action's start, $10 the bin's seconds, $11–$12 the period. Rows:
    /// steps east, steps north, bin, count; only reports inside the area moved to their cell count. The box is turned
    /// to WGS84 once (its edges cut to 50 m first, so the turned box still holds it), and the bare leakproof
    /// <c>&amp;&amp;</c> with it reaches the reports' location index under row-level security (as in
    /// <see cref="ImpactAreaCounter"/>). Each report is transformed and tested once (the CTEs are materialized):
    /// joined to the candidates instead, the planner tested every report against every candidate.
    /// </summary>
    public static string CountSql(string reports) => $"""
        WITH placed AS MATERIALIZED (
            SELECT r.occurred_at, ST_Transform(r.location, 27700) AS point FROM {reports} r
            WHERE r.location && ST_Transform(ST_Segmentize(ST_MakeEnvelope($5, $6, $7, $8, 27700), 50), 4326)
              AND r.occurred_at >= $11 AND r.occurred_at < $12),
        celled AS MATERIALIZED (
            SELECT occurred_at, point, floor((ST_X(point) - $2) / $4)::int AS i, floor((ST_Y(point) - $3) / $4)::int AS j FROM placed)
        SELECT i, j, floor(extract(epoch FROM occurred_at - $9)::float8 / $10)::int AS bin, count(*)::int
        FROM celled
        WHERE ST_Intersects(ST_GeomFromEWKB($1), ST_Translate(point, -i * $4, -j * $4))
        GROUP BY i, j, bin
        """;
}
