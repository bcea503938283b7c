using System.Diagnostics;
using System.Globalization;
using HotspotIntel.Analysis;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Bench.Hotspots;

/// <summary>
/// The baselines <c>hotspot-speed</c> holds a hotspot run against, as the schema owner (no row-level security, no audit).
/// <para>
/// The bare core is the same computation as the default method's (local excess, <see cref="HotspotPipeline"/>) first
/// and heaviest step, in plain PostGIS SQL with the run's own parameters and date: every report as of the run's date
/// weighed by its grading and its recency (<see cref="ReportWeighting"/>: half-life decay from the as-of date), binned
/// into the same 50 m flat-topped hexagons (the job's <see cref="HexGrid"/> arithmetic, which is PostGIS
/// <c>ST_Hexagon</c>'s grid) and into the trend bins ending at the as-of date, summed per cell and bin (recency-weighted
/// for the surface, grading-weighted for the trend, as the pipeline counts them). Everything after that step (the
/// kernel background around each cell, the excess test, merging, trend classification, identity matching, storing)
/// works on those cell sums, so this is the floor the database alone gives for the same analysis. The points are
/// transformed to EPSG:27700 into a temporary table before timing, so the baseline pays no projection while the run
/// (which transforms on read) does: the ratio over-states the run's cost rather than hiding it.
/// </para>
/// <para>
/// The read floor is reading what a full run reads (<c>ReportSnapshot</c>: id, the point in EPSG:27700, occurred_at,
/// gradings, category, last change) into the client, and nothing else.
/// </para>
/// </summary>
internal sealed class BareCore : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private BareCore(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Copies the reports' points, pre-transformed to EPSG:27700, with their dates and gradings into a temporary table (not timed).</summary>
    public static async Task<BareCore> PrepareAsync(string database, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            CREATE TEMP TABLE bare_points AS
                SELECT ST_X(p.point) AS x, ST_Y(p.point) AS y, r.occurred_at, r.source_evaluation, r.intelligence_assessment
                FROM intelligence_reports r CROSS JOIN LATERAL (SELECT ST_Transform(r.location, 27700) AS point) p;
            ANALYZE bare_points;
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new BareCore(connection);
    }

    /// <summary>Seconds the bare core takes with <paramref name="parameters"/> as of <paramref name="asOf"/>.</summary>
    public async Task<double> TimeCoreAsync(HotspotParameters parameters, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            WITH grading (source_evaluation, intelligence_assessment, weight) AS (VALUES {GradingWeights()})
            SELECT count(*) FROM (
                SELECT h.col, h.axial_row + (h.col - (h.col & 1)) / 2 AS row,
                       least(floor(extract(epoch FROM $2 - p.occurred_at) / ($3 * 86400.0)), $4)::int AS trend_bin,
                       sum(g.weight * power(0.5, extract(epoch FROM $2 - p.occurred_at) / 86400.0 / $5)) AS recency_weighted,
                       sum(g.weight) AS grading_weighted
                FROM bare_points p
                JOIN grading g USING (source_evaluation, intelligence_assessment)
                -- HexGrid.CellOf: fractional axial coordinates of the flat-topped layout, cube rounding, offset rows.
                CROSS JOIN LATERAL (SELECT p.x * 2.0 / 3.0 / $1 AS q, (-p.x / 3.0 + sqrt(3.0) / 3.0 * p.y) / $1 AS r) f
                CROSS JOIN LATERAL (SELECT round(f.q) AS rq, round(f.r) AS rr, round(-f.q - f.r) AS rs) n
                CROSS JOIN LATERAL (SELECT abs(n.rq - f.q) AS dq, abs(n.rr - f.r) AS dr, abs(n.rs + f.q + f.r) AS ds) d
                CROSS JOIN LATERAL (SELECT (CASE WHEN d.dq > d.dr AND d.dq > d.ds THEN -n.rr - n.rs ELSE n.rq END)::int AS col,
                                           (CASE WHEN NOT (d.dq > d.dr AND d.dq > d.ds) AND d.dr > d.ds THEN -n.rq - n.rs ELSE n.rr END)::int AS axial_row) h
                WHERE p.occurred_at <= $2
                GROUP BY 1, 2, 3) cells
            """, _connection)
        {
            Parameters =
            {
                new() { Value = parameters.CellSizeMeters, NpgsqlDbType = NpgsqlDbType.Double },
                new() { Value = asOf, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new() { Value = (double)parameters.TrendBinDays, NpgsqlDbType = NpgsqlDbType.Double },
                new() { Value = parameters.TrendBins, NpgsqlDbType = NpgsqlDbType.Integer },
                new() { Value = parameters.HalfLifeDays, NpgsqlDbType = NpgsqlDbType.Double },
            },
        };
        var watch = Stopwatch.StartNew();
        await command.ExecuteScalarAsync(cancellationToken);
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Seconds to read, into the client, the columns a full run reads.</summary>
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

    public static async Task<double> TimeReadFloorAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT r.id, ST_X(p.point), ST_Y(p.point), r.occurred_at, r.source_evaluation, r.intelligence_assessment, r.category,
                   greatest(r.created_at, r.updated_at)
            FROM intelligence_reports r CROSS JOIN LATERAL (SELECT ST_Transform(r.location, 27700) AS point) p
            """, connection);
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
        }

        return watch.Elapsed.TotalSeconds;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>The product's grading weights (<see cref="ReportWeighting.GradingWeight"/>) as SQL VALUES rows keyed by the stored codes.</summary>
    private static string GradingWeights() => string.Join(", ",
        from source in Enum.GetValues<SourceEvaluation>()
        from assessment in Enum.GetValues<IntelligenceAssessment>()
        select string.Create(CultureInfo.InvariantCulture,
            $"('{EnumCodes<SourceEvaluation>.ToCode(source)}', '{EnumCodes<IntelligenceAssessment>.ToCode(assessment)}', {ReportWeighting.GradingWeight(source, assessment):R}::float8)"));
}
