using System.Diagnostics;
using System.Globalization;
using HotspotIntel.Analysis;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Hotspots;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Bench.Hotspots;

/// <summary>
/// The baselines <c>hotspot-speed</c> holds each hotspot method's run against, as the schema owner (no row-level
/// security, no audit): the bare PostgreSQL/PostGIS equivalent of the method's computation with the run's own
/// parameters and date, over the same points, and the read floor.
/// <para>
/// The points are the run's (<c>ReportSnapshot</c>): every report and every missing child's found location (graded
/// 1A, at its return or, without one, its start), transformed to EPSG:27700 into a temporary table before timing, so
/// the baselines pay no projection while the run (which transforms on read) does: the ratios over-state the run's cost
/// rather than hide it. Every baseline starts from the same step, in SQL: each point as of the run's date weighed by its
/// grading and recency (<see cref="ReportWeighting"/>) and binned into the same flat-topped hexagons (the job's
/// <see cref="HexGrid"/> arithmetic, which is PostGIS <c>ST_Hexagon</c>'s grid). Then, per method:
/// </para>
/// <list type="bullet">
/// <item><c>excess</c>: the cells' sums per trend bin, recency- and grading-weighted: the first and heaviest step of
/// local excess, whose kernel background, tests and trimming then work on those sums.</item>
/// <item><c>gistar</c>: the study area's cells (every cell whose centre lies in the points' box grown by one cell),
/// Gi* over the same neighbourhood (the cells within the parameters' rings) with binary weights, two-sided p-values
/// (Cody's erfc, ported as a temporary function: PostgreSQL has no normal distribution) and Benjamini–Hochberg at the
/// run's confidence; for the recency-weighted sums and the trend period's grading-weighted sums, as the method classes
/// both.</item>
/// <item><c>kde</c>: the quartic kernel of the run's bandwidth from every point to every study cell centre within it,
/// summed per cell, and the cells at least the parameters' standard deviations above the mean density; for both
/// windows, as the method.</item>
/// <item><c>dbscan</c>: <c>ST_ClusterDBSCAN</c> with the run's eps and minimum points over the same points (those of
/// non-zero weight, in the run's order, which decides a border point between two clusters), and each cell's clustered
/// weight.</item>
/// </list>
/// <para>
/// <c>HotspotBaselineTests</c> checks on a small city that each gives the method's own cells: the same sums, z-scores,
/// densities and clustered weights, and the same cells hot. The read floor is reading what a full run reads
/// (<c>ReportSnapshot</c>'s query) into the client, and nothing else.
/// </para>
/// </summary>
internal sealed class BareCore : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private BareCore(NpgsqlConnection connection) => _connection = connection;

    /// <summary>What a baseline computed: per cell, its score on the method's scale and whether it is hot (the method's hot cells before areas).</summary>
    public sealed record Result(double Seconds, IReadOnlyDictionary<HexCell, (double Score, bool Hot)> Cells);

    /// <summary>Copies the run's points, transformed to EPSG:27700, with their dates and gradings into a temporary table, and makes erfc (not timed).</summary>
    public static async Task<BareCore> PrepareAsync(string database, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            CREATE TEMP TABLE bare_points AS
                SELECT row_number() OVER () AS ordinal, point, ST_X(point) AS x, ST_Y(point) AS y, occurred_at, source_evaluation, intelligence_assessment
                FROM (SELECT ST_Transform(r.location, 27700) AS point, r.occurred_at, r.source_evaluation::text AS source_evaluation,
                             r.intelligence_assessment::text AS intelligence_assessment
                      FROM intelligence_reports r
                      UNION ALL
                      SELECT ST_Transform(e.found_location, 27700), coalesce(e.returned_at, e.missing_from), '1', 'A'
                      FROM missing_episodes e WHERE e.found_location IS NOT NULL) points;
            ANALYZE bare_points;
            {ErfcFunction}
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new BareCore(connection);
    }

    /// <summary>The bare equivalent of <paramref name="parameters"/>' method as of <paramref name="asOf"/>, timed, with what it found.</summary>
    public async Task<Result> ComputeAsync(HotspotParameters parameters, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var (sql, extra) = parameters.Method switch
        {
            HotspotMethod.LocalExcess => (ExcessSql, new object[] { (double)parameters.TrendBinDays, parameters.TrendBins }),
            HotspotMethod.GiStar => (GiStarSql, [parameters.NeighbourhoodRings, Alpha(parameters)]),
            HotspotMethod.KernelDensity => (KernelDensitySql, [parameters.BandwidthMeters, parameters.DensityThresholdStandardDeviations]),
            HotspotMethod.Dbscan => (DbscanSql, [parameters.EpsMeters, parameters.MinPoints]),
            _ => throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Method, "Not a hotspot method."),
        };
        await using var command = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, PointsSql, GradingWeights()) + sql, _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = parameters.CellSizeMeters, NpgsqlDbType = NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = parameters.HalfLifeDays, NpgsqlDbType = NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = asOf - TimeSpan.FromDays((double)parameters.TrendBins * parameters.TrendBinDays),
            NpgsqlDbType = NpgsqlDbType.TimestampTz,
        });
        foreach (var value in extra)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var cells = new Dictionary<HexCell, (double Score, bool Hot)>();
        var watch = Stopwatch.StartNew();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                // Excess answers a row per cell and trend bin: a cell's score is its recency-weighted sum over them.
                var cell = new HexCell(reader.GetInt32(0), reader.GetInt32(1));
                var (score, hot) = cells.GetValueOrDefault(cell);
                cells[cell] = (score + reader.GetDouble(2), hot || reader.GetBoolean(3));
            }
        }

        return new Result(watch.Elapsed.TotalSeconds, cells);
    }

    /// <summary>The q-value at or under which a Gi* cell is hot at the run's confidence (<see cref="FalseDiscoveryRate.Classify"/>'s levels).</summary>
    private static double Alpha(HotspotParameters parameters) => parameters.HotClass switch
    {
        HotspotConfidence.Hot99 => 0.01,
        HotspotConfidence.Hot95 => 0.05,
        _ => 0.10,
    };

    /// <summary>
    /// Every point as of the run's date ($2) in its cell (HexGrid.CellOf: fractional axial coordinates of the
    /// flat-topped layout of side $1, cube rounding, offset rows), with its recency weight (half-life $3 days) and its
    /// grading weight when it falls in the trend period (from $4), as the pipeline weighs them. {0}: the grading weights.
    /// </summary>
    private const string PointsSql = """
        WITH grading (source_evaluation, intelligence_assessment, weight) AS (VALUES {0}),
        points AS (
            SELECT p.ordinal, p.point, p.x, p.y, p.occurred_at, g.weight AS grading, h.col, h.axial_row, h.axial_row + (h.col - (h.col & 1)) / 2 AS row,
                   g.weight * power(0.5::float8, greatest(0.0::float8, extract(epoch FROM $2 - p.occurred_at)::float8 / 86400.0::float8) / $3) AS recent,
                   CASE WHEN p.occurred_at >= $4 THEN g.weight ELSE 0.0::float8 END AS period
            FROM bare_points p
            JOIN grading g USING (source_evaluation, intelligence_assessment)
            CROSS JOIN LATERAL (SELECT p.x * 2.0::float8 / 3.0::float8 / $1 AS q,
                                       ((-p.x / 3.0::float8) + (sqrt(3.0::float8) / 3.0::float8 * p.y)) / $1 AS r) f
            CROSS JOIN LATERAL (SELECT round(f.q) AS rq, round(f.r) AS rr, round(-f.q - f.r) AS rs) n
            CROSS JOIN LATERAL (SELECT abs(n.rq - f.q) AS dq, abs(n.rr - f.r) AS dr, abs(n.rs - (-f.q - f.r)) AS ds) d
            CROSS JOIN LATERAL (SELECT (CASE WHEN d.dq > d.dr AND d.dq > d.ds THEN -n.rr - n.rs ELSE n.rq END)::int AS col,
                                       (CASE WHEN NOT (d.dq > d.dr AND d.dq > d.ds) AND d.dr > d.ds THEN -n.rq - n.rs ELSE n.rr END)::int AS axial_row) h
            WHERE p.occurred_at <= $2
        ),
        """;

    /// <summary>
    /// StudyArea.Around: every cell whose centre lies in the points' box grown by one cell side, with its axial row and
    /// its recency- and period-weighted sums (0 where no point fell). Appended to <see cref="PointsSql"/>.
    /// </summary>
    private const string StudySql = """
        extent AS (SELECT min(x) - $1 AS x0, min(y) - $1 AS y0, max(x) + $1 AS x1, max(y) + $1 AS y1 FROM points),
        study AS (
            SELECT c.col, r.row
            FROM extent e
            CROSS JOIN LATERAL generate_series(ceil(e.x0 / (1.5::float8 * $1))::int, floor(e.x1 / (1.5::float8 * $1))::int) c (col)
            CROSS JOIN LATERAL (SELECT CASE WHEN c.col & 1 <> 0 THEN 0.5::float8 ELSE 0.0::float8 END AS shift) s
            CROSS JOIN LATERAL generate_series(ceil((e.y0 / (sqrt(3.0::float8) * $1)) - s.shift)::int,
                                               floor((e.y1 / (sqrt(3.0::float8) * $1)) - s.shift)::int) r (row)
        ),
        sums AS (SELECT col, row, sum(recent) AS recent, sum(period) AS period FROM points GROUP BY col, row),
        cells AS (
            SELECT s.col, s.row, s.row - (s.col - (s.col & 1)) / 2 AS axial_row, coalesce(v.recent, 0.0) AS recent, coalesce(v.period, 0.0) AS period
            FROM study s LEFT JOIN sums v USING (col, row)
        ),
        """;

    /// <summary>Local excess's first step: each cell's recency- and grading-weighted sums per trend bin of $5 days ($6 bins), a row each.</summary>
    private const string ExcessSql = """
        binned AS (
            SELECT col, row, least(floor(extract(epoch FROM $2 - occurred_at)::float8 / ($5 * 86400.0::float8)), $6)::int AS trend_bin,
                   sum(recent) AS recency_weighted, sum(grading) AS grading_weighted
            FROM points GROUP BY 1, 2, 3
        )
        SELECT col, row, recency_weighted, false, grading_weighted, trend_bin FROM binned
        """;

    /// <summary>
    /// Gi* (GetisOrdGiStar.Compute: binary weights, the cell itself included, population standard deviation) over the
    /// cells within $5 rings (axial offsets with dq² + dq·dr + dr² ≤ rings², the centres within rings × √3 × side),
    /// two-sided p-values, Benjamini–Hochberg q-values (ties in study order), hot at q ≤ $6 with z above 0: for the
    /// recency-weighted sums and the trend period's; a cell is hot in either.
    /// </summary>
    private const string GiStarSql = StudySql + """
        offsets AS (
            SELECT dq, dr FROM generate_series(-$5, $5) dq, generate_series(-$5, $5) dr
            WHERE dq * dq + dq * dr + dr * dr BETWEEN 1 AND $5 * $5
        ),
        totals AS (SELECT count(*)::float8 AS n, avg(recent) AS mean_recent, avg(period) AS mean_period FROM cells),
        spreads AS (
            SELECT t.n, t.mean_recent, t.mean_period,
                   sqrt(sum((c.recent - t.mean_recent) * (c.recent - t.mean_recent)) / t.n) AS s_recent,
                   sqrt(sum((c.period - t.mean_period) * (c.period - t.mean_period)) / t.n) AS s_period
            FROM cells c CROSS JOIN totals t GROUP BY t.n, t.mean_recent, t.mean_period
        ),
        lags AS (
            SELECT c.col, c.row, 1.0::float8 + count(nb.col) AS w,
                   c.recent + coalesce(sum(nb.recent), 0.0) AS lag_recent, c.period + coalesce(sum(nb.period), 0.0) AS lag_period
            FROM cells c CROSS JOIN offsets o
            LEFT JOIN cells nb ON nb.col = c.col + o.dq AND nb.axial_row = c.axial_row + o.dr
            GROUP BY c.col, c.row, c.recent, c.period
        ),
        zs AS (
            SELECT l.col, l.row, zr.z AS z_recent, zp.z AS z_period
            FROM lags l CROSS JOIN spreads s
            CROSS JOIN LATERAL (SELECT sqrt(((s.n * l.w) - (l.w * l.w)) / (s.n - 1.0::float8)) AS root) r
            CROSS JOIN LATERAL (SELECT CASE WHEN s.s_recent * r.root > 1e-12::float8 * greatest(1.0::float8, abs(s.mean_recent))
                                            THEN (l.lag_recent - (s.mean_recent * l.w)) / (s.s_recent * r.root) ELSE 0.0::float8 END AS z) zr
            CROSS JOIN LATERAL (SELECT CASE WHEN s.s_period * r.root > 1e-12::float8 * greatest(1.0::float8, abs(s.mean_period))
                                            THEN (l.lag_period - (s.mean_period * l.w)) / (s.s_period * r.root) ELSE 0.0::float8 END AS z) zp
        ),
        ps AS (
            SELECT col, row, z_recent, z_period,
                   least(1.0::float8, pg_temp.erfc(abs(z_recent) / sqrt(2.0::float8))) AS p_recent,
                   least(1.0::float8, pg_temp.erfc(abs(z_period) / sqrt(2.0::float8))) AS p_period
            FROM zs
        ),
        ranked AS (
            SELECT col, row, z_recent, z_period, p_recent, p_period, count(*) OVER () AS m,
                   row_number() OVER (ORDER BY p_recent, col, row) AS k_recent,
                   row_number() OVER (ORDER BY p_period, col, row) AS k_period
            FROM ps
        ),
        adjusted AS (
            SELECT col, row, z_recent, z_period,
                   least(1.0::float8, min(p_recent * m / k_recent) OVER (ORDER BY k_recent DESC)) AS q_recent,
                   least(1.0::float8, min(p_period * m / k_period) OVER (ORDER BY k_period DESC)) AS q_period
            FROM ranked
        )
        SELECT col, row, z_recent, (z_recent > 0 AND q_recent <= $6) OR (z_period > 0 AND q_period <= $6) FROM adjusted
        """;

    /// <summary>
    /// The quartic kernel of radius $5 (KernelDensity.Quartic) from every point to every study cell centre nearer than
    /// $5, summed per cell; hot where the density is above 0 and at least $6 standard deviations above the mean over the
    /// study cells: for the recency weights and the trend period's; a cell is hot in either.
    /// </summary>
    private const string KernelDensitySql = StudySql + """
        kernel AS (
            SELECT dq, dr FROM generate_series(-ceil(($5 + $1) / (sqrt(3.0::float8) * $1))::int, ceil(($5 + $1) / (sqrt(3.0::float8) * $1))::int) dq,
                               generate_series(-ceil(($5 + $1) / (sqrt(3.0::float8) * $1))::int, ceil(($5 + $1) / (sqrt(3.0::float8) * $1))::int) dr
            WHERE 3.0::float8 * (dq * dq + dq * dr + dr * dr) * $1 * $1 <= ($5 + $1) * ($5 + $1) * 1.000000001::float8
        ),
        densities AS (
            SELECT c.col, c.row, sum(p.recent * k.k) AS recent, sum(p.period * k.k) AS period
            FROM points p CROSS JOIN kernel o
            CROSS JOIN LATERAL (SELECT p.col + o.dq AS col, p.axial_row + o.dr + (p.col + o.dq - ((p.col + o.dq) & 1)) / 2 AS row) c
            CROSS JOIN LATERAL (SELECT p.x - (1.5::float8 * $1 * c.col) AS dx,
                                       p.y - (sqrt(3.0::float8) * $1 * (c.row + CASE WHEN c.col & 1 <> 0 THEN 0.5::float8 ELSE 0.0::float8 END)) AS dy) d
            CROSS JOIN LATERAL (SELECT sqrt((d.dx * d.dx) + (d.dy * d.dy)) AS distance) e
            CROSS JOIN LATERAL (SELECT e.distance * e.distance / ($5 * $5) AS u) u
            CROSS JOIN LATERAL (SELECT 3.0::float8 / (pi() * $5 * $5) * (1.0::float8 - u.u) * (1.0::float8 - u.u) AS k) k
            WHERE e.distance < $5 AND (p.recent > 0 OR p.period > 0)
            GROUP BY c.col, c.row
        ),
        surface AS (
            SELECT c.col, c.row, coalesce(d.recent, 0.0) AS recent, coalesce(d.period, 0.0) AS period
            FROM cells c LEFT JOIN densities d USING (col, row)
        ),
        means AS (SELECT count(*)::float8 AS n, avg(recent) AS recent, avg(period) AS period FROM surface),
        thresholds AS (
            SELECT m.recent + ($6 * sqrt(sum((s.recent - m.recent) * (s.recent - m.recent)) / m.n)) AS recent,
                   m.period + ($6 * sqrt(sum((s.period - m.period) * (s.period - m.period)) / m.n)) AS period
            FROM surface s CROSS JOIN means m GROUP BY m.n, m.recent, m.period
        )
        SELECT s.col, s.row, s.recent, (s.recent > 0 AND s.recent >= t.recent) OR (s.period > 0 AND s.period >= t.period)
        FROM surface s CROSS JOIN thresholds t
        """;

    /// <summary>ST_ClusterDBSCAN with eps $5 and minimum points $6 over the points of non-zero weight in the run's order; each cell's clustered weight.</summary>
    private const string DbscanSql = """
        clustered AS (
            SELECT col, row, recent, ST_ClusterDBSCAN(point, $5, $6) OVER (ORDER BY ordinal) AS cluster
            FROM points WHERE recent > 0
        )
        SELECT col, row, sum(recent), true FROM clustered WHERE cluster IS NOT NULL GROUP BY col, row
        """;

    /// <summary>
    /// NormalDistribution.Erfc (W. J. Cody's rational Chebyshev approximation, CALERF) as a temporary function with the
    /// same coefficients, unrolled: PostgreSQL has no normal distribution of its own.
    /// </summary>
    private const string ErfcFunction = """
        CREATE FUNCTION pg_temp.erfc(x float8) RETURNS float8 LANGUAGE plpgsql IMMUTABLE STRICT AS $erfc$
        DECLARE
            y float8 := abs(x);
            ysq float8;
            result float8;
            t float8;
        BEGIN
            IF y <= 0.46875 THEN
                ysq := CASE WHEN y > 1.11e-16 THEN y * y ELSE 0.0 END;
                RETURN 1.0 - (x * ((((1.85777706184603153e-1 * ysq + 3.16112374387056560e00) * ysq + 1.13864154151050156e02) * ysq + 3.77485237685302021e02) * ysq + 3.20937758913846947e03) / ((((ysq + 2.36012909523441209e01) * ysq + 2.44024637934444173e02) * ysq + 1.28261652607737228e03) * ysq + 2.84423683343917062e03));
            ELSIF y <= 4.0 THEN
                result := ((((((((2.15311535474403846e-8 * y + 5.64188496988670089e-1) * y + 8.88314979438837594e00) * y + 6.61191906371416295e01) * y + 2.98635138197400131e02) * y + 8.81952221241769090e02) * y + 1.71204761263407058e03) * y + 2.05107837782607147e03) * y + 1.23033935479799725e03) / ((((((((y + 1.57449261107098347e01) * y + 1.17693950891312499e02) * y + 5.37181101862009858e02) * y + 1.62138957456669019e03) * y + 3.29079923573345963e03) * y + 4.36261909014324716e03) * y + 3.43936767414372164e03) * y + 1.23033935480374942e03);
            ELSIF y >= 26.543 THEN
                RETURN CASE WHEN x < 0 THEN 2.0 ELSE 0.0 END;
            ELSE
                ysq := 1.0 / (y * y);
                result := (5.6418958354775628695e-1 - (ysq * (((((1.63153871373020978e-2 * ysq + 3.05326634961232344e-1) * ysq + 3.60344899949804439e-1) * ysq + 1.25781726111229246e-1) * ysq + 1.60837851487422766e-2) * ysq + 6.58749161529837803e-4) / (((((ysq + 2.56852019228982242e00) * ysq + 1.87295284992346047e00) * ysq + 5.27905102951428412e-1) * ysq + 6.05183413124413191e-2) * ysq + 2.33520497626869185e-3))) / y;
            END IF;
            t := trunc(y * 16.0) / 16.0;
            result := exp(-t * t) * exp(-((y - t) * (y + t))) * result;
            RETURN CASE WHEN x < 0 THEN 2.0 - result ELSE result END;
        END
        $erfc$;
        """;

    /// <summary>Seconds to read, into the client, every point a full run reads, as it reads them (<see cref="ReportSnapshot.Query"/>).</summary>
    public static async Task<double> TimeReadFloorAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // All of them: changed since no date.
        await using var command = new NpgsqlCommand(ReportSnapshot.Query, connection)
        {
            Parameters = { new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz } },
        };
        var watch = Stopwatch.StartNew();
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _ = reader.GetGuid(0);
            _ = reader.GetDouble(1);
            _ = reader.GetDouble(2);
            _ = reader.GetFieldValue<DateTimeOffset>(3);
            _ = reader.GetString(4);
            _ = reader.GetString(5);
            _ = reader.GetString(6);
            _ = reader.GetFieldValue<DateTimeOffset>(7);
            _ = reader.GetBoolean(8);
        }

        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Milliseconds to read the published run's hotspots as stored (area, figures, premises and places), as the schema
    /// owner with no reader's rules: the floor of <c>GET /api/hotspots</c>, which answers the same rows for one reader.
    /// </summary>
    public static async Task<double> TimeHotspotListFloorAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT h.hotspot_id, ST_AsGeoJSON(h.area), h.report_count, h.weighted_score, h.trend, h.premises_ids, h.location_ids
            FROM hotspot_history h WHERE h.run_id = published_hotspot_run()
            """, connection);
        var watch = Stopwatch.StartNew();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _ = reader.GetString(1);
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>The product's grading weights (<see cref="ReportWeighting.GradingWeight"/>) as SQL VALUES rows keyed by the stored codes.</summary>
    private static string GradingWeights() => string.Join(", ",
        from source in Enum.GetValues<SourceEvaluation>()
        from assessment in Enum.GetValues<IntelligenceAssessment>()
        select string.Create(CultureInfo.InvariantCulture,
            $"('{EnumCodes<SourceEvaluation>.ToCode(source)}', '{EnumCodes<IntelligenceAssessment>.ToCode(assessment)}', {ReportWeighting.GradingWeight(source, assessment):R}::float8)"));
}
