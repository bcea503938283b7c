using HotspotIntel.Api.Data;
using HotspotIntel.Api.Reports;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Tiles;

/// <summary>
/// Builds one Mapbox Vector Tile with <c>ST_AsMVT</c>: points at street level, counts per grid cell below it, so a
/// tile stays small at any zoom; area layers (hotspots) whole at every zoom, <c>ST_AsMVTGeom</c> clipping and
/// simplifying them to the tile (a city's raw points at zoom 10 would be megabytes). A street-level tile holding more
/// than <see cref="MaxPointsPerTile"/> points is counted per cell too, which bounds every tile's size (a test holds
/// the bound to 500 KB). A report tile to zoom 13, which covers much of a city, adds up counts made ahead instead of
/// counting reports (<see cref="CountedAheadSql"/>; filtered, <see cref="CountedAheadSqlFor"/> unless the filter counts
/// live). The SQL text depends only on the layer and the level of
/// detail, so each runs as a prepared statement, parsed once per connection, and planned once too except where a plan
/// must fit the tile (<see cref="ExecuteAsync"/>).
/// </summary>
public static class TileQueries
{
    /// <summary>From this zoom (a tile about 2.4 km across) points are drawn one by one; below it, counted per cell.</summary>
    public const int PointsFromZoom = 14;

    /// <summary>
    /// The most points a tile sends one by one. A report point with its attributes takes about 80 bytes of tile, so
    /// 4,000 keep a tile well under 500 KB; a crowded street-level tile (a city centre's reports over years) is
    /// counted per cell instead.
    /// </summary>
    public const int MaxPointsPerTile = 4_000;

    /// <summary>Cells per tile side when counting: 64 x 64 cells, each 4 px of a 256 px tile.</summary>
    public const int CellsPerTileSide = 64;

    /// <summary>Tile-space units (ST_AsMVTGeom's extent) per count cell.</summary>
    private const int ExtentPerCell = 4096 / CellsPerTileSide;

    /// <summary>The tile's envelope in Web Mercator, the same in WGS84 for index searches, and the count cell size in metres.</summary>
    private static readonly string Area = $"""
        WITH tile AS (SELECT ST_TileEnvelope($1, $2, $3) AS envelope),
        area AS (
            SELECT envelope, ST_Transform(envelope, 4326) AS wgs84,
                   (ST_XMax(envelope) - ST_XMin(envelope)) / {CellsPerTileSide} AS cell_meters
            FROM tile),
        """;

    /// <summary>
    /// The count cells (<c>cells</c>: column <c>i</c> from the west, row <c>j</c> from the north, <c>point_count</c>)
    /// as features with the cell's square and its count.
    /// </summary>
    private static string CellFeatures(string layerName) => $"""
        SELECT ST_AsMVT(cell_features, '{layerName}', 4096, 'geom') FROM (
            SELECT ST_AsMVTGeom(ST_MakeEnvelope(ST_XMin(area.envelope) + cells.i * area.cell_meters,
                                                ST_YMax(area.envelope) - (cells.j + 1) * area.cell_meters,
                                                ST_XMin(area.envelope) + (cells.i + 1) * area.cell_meters,
                                                ST_YMax(area.envelope) - cells.j * area.cell_meters, 3857),
                                area.envelope, 4096, 0, true) AS geom, cells.point_count
            FROM cells, area) cell_features
        """;

    public static string Sql(TileLayer layer, int zoom)
    {
        if (layer.IsAreas)
        {
            return $"""
                {Area}
                features AS (
                    SELECT ST_AsMVTGeom(ST_Transform({layer.GeometrySql}, 3857), area.envelope, 4096, 64, true) AS geom, {layer.AttributesSql}
                    {layer.FromWhereSql})
                SELECT ST_AsMVT(features, '{layer.Name}', 4096, 'geom') FROM features
                """;
        }

        if (zoom >= PointsFromZoom)
        {
            // The points are placed in tile space once; an uncrowded tile sends them, a crowded one counts them per
            // cell from their tile coordinates (y runs south there, as j does). Only the branch taken is evaluated.
            return $"""
                {Area}
                points AS MATERIALIZED (
                    SELECT ST_AsMVTGeom(ST_Transform({layer.GeometrySql}, 3857), area.envelope, 4096, 64, true) AS geom, {layer.AttributesSql}
                    {layer.FromWhereSql}),
                cells AS (
                    SELECT least(greatest(floor(ST_X(points.geom) / {ExtentPerCell}), 0), {CellsPerTileSide - 1}) AS i,
                           least(greatest(floor(ST_Y(points.geom) / {ExtentPerCell}), 0), {CellsPerTileSide - 1}) AS j,
                           count(*)::int AS point_count
                    FROM points WHERE points.geom IS NOT NULL
                    GROUP BY 1, 2)
                SELECT CASE WHEN (SELECT count(*) FROM points) <= {MaxPointsPerTile}
                    THEN (SELECT ST_AsMVT(points, '{layer.Name}', 4096, 'geom') FROM points)
                    ELSE ({CellFeatures(layer.Name)}) END
                """;
        }

        return $"""
            {Area}
            visible AS (SELECT ST_Transform({layer.GeometrySql}, 3857) AS point {layer.FromWhereSql}),
            cells AS (
                SELECT floor((ST_X(visible.point) - ST_XMin(area.envelope)) / area.cell_meters) AS i,
                       floor((ST_YMax(area.envelope) - ST_Y(visible.point)) / area.cell_meters) AS j,
                       count(*)::int AS point_count
                FROM visible, area
                GROUP BY 1, 2)
            {CellFeatures(layer.Name)}
            """;
    }

    /// <summary>
    /// Report counts made ahead (migrations/0010 and 0033): the folded counts at the tile's zoom and the zoom 13 changes
    /// the reports' writes appended since the last fold, added up for the tile's cells under the reader's read policy
    /// and masking. A masked reader's child-linked counts sit at
    /// their masking cell's centre, and count only where the rows of that masking cell the reader may see hold
    /// <c>masking_minimum_count()</c> that count toward suppression: the rule of <c>reports_for_role</c>
    /// (migrations/0015), which a tile can apply from its own rows because all of one masking cell's rows lie in one of
    /// its cells. A tile without a filter; <see cref="CountedAheadSqlFor"/> serves filtered ones.
    /// </summary>
    public static readonly string CountedAheadSql = CountedAhead("", [Folded("report_density", ""), Changes("report_density", "")]);

    /// <summary>The filter dimensions a count table holds besides report_density's key (cell, agency, handling code, masking class).</summary>
    [Flags]
    private enum Dimensions
    {
        None = 0,
        Month = 1,
        Category = 2,
        Grading = 4,
        Indicator = 8,
    }

    /// <summary>
    /// The count tables (<c>report_density_tables</c>, migrations/0053, 0057) with their dimensions, smallest first: a
    /// filter adds up the first that holds all its dimensions. Agency and handling code are in every table's key, so a
    /// filter by them alone adds up the unfiltered counts. A grading filter without a time window adds up the counts by
    /// grade alone, not by grade and month: one row for each cell and grade rather than one for each month as well.
    /// </summary>
    private static readonly (string Table, Dimensions Dimensions)[] CountTables =
    [
        ("report_density", Dimensions.None),
        ("report_month_density", Dimensions.Month),
        ("report_grade_density", Dimensions.Grading),
        ("report_category_density", Dimensions.Category | Dimensions.Month),
        ("report_indicator_density", Dimensions.Indicator | Dimensions.Month),
        ("report_grading_density", Dimensions.Grading | Dimensions.Month),
        ("report_filter_density", Dimensions.Category | Dimensions.Grading | Dimensions.Month),
    ];

    /// <summary>
    /// The count table that serves <paramref name="filter"/>, or null where it counts live: a filter by more than one risk
    /// indicator (a report counts once under each indicator it records, so two would count it twice), or risk indicators
    /// with categories or grading. A time window is served by a table with months; its days that are not a whole month
    /// are counted live beside it (<see cref="TileWindow"/>).
    /// </summary>
    public static string? CountTableFor(ReportFilter filter)
    {
        if (filter.IndicatorCodes.Count > 1)
        {
            return null;
        }

        var needed = (filter.From is null && filter.To is null ? Dimensions.None : Dimensions.Month)
            | (filter.Categories.Count == 0 ? Dimensions.None : Dimensions.Category)
            | (filter.SourceEvaluations.Count == 0 && filter.IntelligenceAssessments.Count == 0 ? Dimensions.None : Dimensions.Grading)
            | (filter.IndicatorCodes.Count == 0 ? Dimensions.None : Dimensions.Indicator);
        return CountTables.FirstOrDefault(t => (needed & ~t.Dimensions) == Dimensions.None).Table;
    }

    public static bool CanCountAhead(ReportFilter filter) => CountTableFor(filter) is not null;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> CountedAheadSqlByFilter = new();

    /// <summary>
    /// A report tile from counts made ahead: the rows of <see cref="CountTableFor"/> and its changes that
    /// <paramref name="filter"/> keeps ($6 to $11 of <see cref="ReportFilter.SqlParameters"/> and the whole months of its
    /// <paramref name="window"/>, $12 and $13 of <see cref="WindowParameters"/>; only the conditions the filter sets, so that an index
    /// leading with a dimension bounds the rows read), and the reports of the window's days that are not a whole month
    /// ($14 to $17) counted live in the same shape, added up as <see cref="CountedAheadSql"/> does; where every report
    /// lies in the window's months, the rows of the table without months that holds the filter's other dimensions
    /// instead (by grade, or unfiltered), a row for each cell rather than one for each month as well. The masking rule for
    /// a filtered answer (a masked reader sees a cell's child-linked reports only where the answer itself holds the
    /// minimum that count, migrations/0015) is the same sum over the rows kept. Null where the filter counts live.
    /// </summary>
    public static string? CountedAheadSqlFor(ReportFilter filter, TileWindow window)
    {
        if (CountTableFor(filter) is not { } table)
        {
            return null;
        }

        // The table the filter would add up without its window: where it has no months, a window that holds every report
        // reads it instead.
        var withoutMonths = CountTableFor(filter with { From = null, To = null })!;
        var filterSql = Conditions(filter, table);
        var monthSql = (window.MonthsFrom is null ? "" : "\n  AND {0}.month >= ($12::timestamptz AT TIME ZONE 'UTC')::date")
            + (window.MonthsTo is null ? "" : "\n  AND {0}.month < ($13::timestamptz AT TIME ZONE 'UTC')::date");
        // Each stretch of days its own read: one range of the index each, where an OR of the two would visit the table.
        var days = new[] { (window.Head, 14), (window.Tail, 16) }
            .Where(range => range.Item1 is not null)
            .Select(range => $"\n  AND r.occurred_at >= ${range.Item2} AND r.occurred_at < ${range.Item2 + 1}")
            .ToList();
        var key = $"{table}|{withoutMonths}|{filterSql}|{monthSql}|{window.HasMonths}|{string.Concat(days)}";
        return CountedAheadSqlByFilter.GetOrAdd(key, _ =>
        {
            var counted = new List<string>();
            var with = "";
            if (window.HasMonths && !Holds(table, Dimensions.Month))
            {
                counted.Add(Folded(table, filterSql));
                counted.Add(Changes(table, filterSql));
            }
            else if (window.HasMonths)
            {
                with = MonthsAsked;
                var byMonth = MonthsCounted(table, filterSql, monthSql);
                if (withoutMonths != table && !Holds(withoutMonths, Dimensions.Month))
                {
                    const string covers = "(SELECT w.covers FROM months_asked w)";
                    var withoutMonthsSql = Conditions(filter, withoutMonths);
                    byMonth = [
                        .. byMonth.Select(part => part + $"\n  AND NOT {covers}"),
                        Folded(withoutMonths, withoutMonthsSql) + $"\n  AND {covers}",
                        Changes(withoutMonths, withoutMonthsSql) + $"\n  AND {covers}",
                    ];
                }

                counted.AddRange(byMonth);
            }

            counted.AddRange(days.Select(range => CountedLive(Conditions(filter, table: null) + range)));

            return CountedAhead(with, counted);
        });
    }

    private static bool Holds(string table, Dimensions dimensions) =>
        (CountTables.Single(t => t.Table == table).Dimensions & dimensions) == dimensions;

    /// <summary>
    /// The rows of <paramref name="table"/> (a table with months) and its changes for the whole months
    /// <paramref name="monthSql"/> keeps, each folded row read once from <see cref="MonthsAsked"/>: the months it lists,
    /// each a range of the tile's cells in the table's key (migrations/0070), and the months before and after them as a
    /// range each (empty, unless the table holds months the list leaves out: older than its 120, at an infinite time, or
    /// not yet folded by month between the fold's batches). The months of a window of months alone come from
    /// report_quarter_density for its whole quarters and report_month_density for the rest (both keyed by the time,
    /// 0057). Each table's folded rows are read with its own changes, as the fold moves each table's changes in batches
    /// of its own.
    /// </summary>
    private static List<string> MonthsCounted(string table, string filterSql, string monthSql)
    {
        var outside = new[] { "\n  AND {0}.month < (SELECT w.lo FROM months_asked w)", "\n  AND {0}.month >= (SELECT w.hi FROM months_asked w)" }
            .Select(range => Folded(table, filterSql + monthSql + range));
        if (table != "report_month_density")
        {
            return [
                Folded(table, filterSql + "\n  AND {0}.month = ANY ((SELECT w.months FROM months_asked w)::date[])"),
                .. outside,
                Changes(table, filterSql + monthSql),
            ];
        }

        const string quarters = "\n  AND {0}.quarter = ANY ((SELECT w.quarters FROM months_asked w)::date[])";
        return [
            Folded("report_quarter_density", filterSql + quarters),
            Changes("report_quarter_density", filterSql + quarters),
            Folded(table, filterSql + "\n  AND {0}.month = ANY ((SELECT w.end_months FROM months_asked w)::date[])"),
            .. outside,
            Changes(table, filterSql + monthSql
                + "\n  AND NOT ({0}.month >= (SELECT w.first_quarter FROM months_asked w) AND {0}.month < (SELECT w.end_quarter FROM months_asked w))"),
        ];
    }

    /// <summary>
    /// The conditions <paramref name="filter"/> sets besides its time window, on the rows of count table
    /// <paramref name="table"/> or, where null, of <c>intelligence_reports</c> (alias <c>{0}</c>).
    /// </summary>
    private static string Conditions(ReportFilter filter, string? table)
    {
        var conditions = new List<string>();
        void Keep(bool set, string condition)
        {
            if (set)
            {
                conditions.Add(condition);
            }
        }

        Keep(filter.Categories.Count > 0, "{0}.category = ANY ($6::text[])");
        Keep(filter.SourceEvaluations.Count > 0, "{0}.source_evaluation = ANY ($7::text[])");
        // The grading tables' keys lead with the source evaluation: naming every one bounds an assessment's rows.
        Keep(filter.SourceEvaluations.Count == 0 && filter.IntelligenceAssessments.Count > 0 && table is "report_grade_density" or "report_grading_density" or "report_filter_density",
            $"{{0}}.source_evaluation IN ({string.Join(", ", EnumCodes<SourceEvaluation>.All.Select(code => $"'{code}'"))})");
        Keep(filter.IntelligenceAssessments.Count > 0, "{0}.intelligence_assessment = ANY ($8::text[])");
        Keep(filter.HandlingCodes.Count > 0, "{0}.handling_code = ANY ($9::text[])");
        Keep(filter.AgencyId is not null, "{0}.agency_id = $10");
        Keep(filter.IndicatorCodes.Count > 0, table is null ? "{0}.indicator_codes && $11::text[]" : "{0}.indicator_code = ($11::text[])[1]");
        return string.Concat(conditions.Select(condition => $"\n  AND {condition}"));
    }

    /// <summary>
    /// The parameters after the filter's for its <paramref name="window"/>: $12 and $13 its whole months, $14 and $15 the
    /// days before them, $16 and $17 the days after (each null where there are none).
    /// </summary>
    private static NpgsqlParameter[] WindowParameters(TileWindow window)
    {
        static NpgsqlParameter Time(DateTimeOffset? time) => new() { Value = (object?)time ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };
        return [Time(window.MonthsFrom), Time(window.MonthsTo), Time(window.Head?.From), Time(window.Head?.To), Time(window.Tail?.From), Time(window.Tail?.To)];
    }

    /// <summary>
    /// The whole months a window asks for ($12 to $13, each null where open), as read from the counts by month:
    /// <c>months</c>, from <c>lo</c> to <c>hi</c>, those of the window that report_month_density counts at the tile's zoom
    /// (<c>counted_month_span</c>, migrations/0070), the last 120 of them at most, so that a report dated centuries back
    /// cannot make a tile read a list of thousands (months outside the list are read as a range each,
    /// <see cref="MonthsCounted"/>); the calendar quarters (UTC) that lie wholly in them (<c>quarters</c>, from
    /// <c>first_quarter</c> to <c>end_quarter</c>) and the others (<c>end_months</c>); and <c>covers</c>, whether every
    /// report lies in the window's months (<c>reports_lie_within</c>). The list is finite at both ends, as a series of
    /// months to or from an infinite time never ends: the months counted are finite, and no window is sent an infinite
    /// bound (<see cref="TileWindow"/>). A year's window of months alone reads four or five rows for each cell instead of
    /// twelve.
    /// </summary>
    private const string MonthsAsked = """
        months_asked AS MATERIALIZED (
            SELECT b.lo, b.hi, b.first_quarter, b.end_quarter,
                   ARRAY(SELECT m::date FROM generate_series(b.lo::timestamp, b.hi::timestamp - interval '1 day', interval '1 month') m) AS months,
                   ARRAY(SELECT q::date FROM generate_series(b.first_quarter::timestamp, b.end_quarter::timestamp - interval '1 day',
                               interval '3 months') q) AS quarters,
                   ARRAY(SELECT m::date FROM generate_series(b.lo::timestamp, b.hi::timestamp - interval '1 day', interval '1 month') m
                         WHERE NOT (m >= b.first_quarter AND m < b.end_quarter)) AS end_months,
                   reports_lie_within($12, $13) AS covers
            FROM (SELECT c.lo, c.hi, date_trunc('quarter', c.lo + interval '3 months' - interval '1 day')::date AS first_quarter,
                         date_trunc('quarter', c.hi::timestamp)::date AS end_quarter
                  FROM (SELECT a.lo, greatest(a.lo, a.hi) AS hi
                        FROM (SELECT greatest(t.months_from, coalesce(t.first_month, t.hi), (t.hi - interval '120 months')::date) AS lo, t.hi
                              FROM (SELECT ($12::timestamptz AT TIME ZONE 'UTC')::date AS months_from, s.first_month,
                                           least(($13::timestamptz AT TIME ZONE 'UTC')::date,
                                                 coalesce(s.end_month, date_trunc('month', now() AT TIME ZONE 'UTC')::date)) AS hi
                                    FROM counted_month_span($1) s) t) a) c) b),
        """;

    /// <summary>The rows of count table <paramref name="table"/> at the tile's zoom in the tile, as the reader may see them, kept by <paramref name="conditions"/>.</summary>
    private static string Folded(string table, string conditions) => $"""
            SELECT d.i, d.j, d.seen_by, d.masking_cell, d.counts_for_suppression, d.reports
            FROM {table} d
            WHERE d.zoom = $1 AND d.i >= $2 * {CellsPerTileSide} AND d.i < ($2 + 1) * {CellsPerTileSide}
              AND d.j >= $3 * {CellsPerTileSide} AND d.j < ($3 + 1) * {CellsPerTileSide}
              AND (d.seen_by = 'everyone' OR (d.seen_by = 'masked_roles') = (SELECT app_sees_masked_locations()))
              {string.Format(System.Globalization.CultureInfo.InvariantCulture, conditions, "d")}
            """;

    /// <summary>The zoom 13 changes of <paramref name="table"/> not folded yet, in the tile at its zoom, kept by <paramref name="conditions"/>.</summary>
    private static string Changes(string table, string conditions) => $"""
            SELECT c.i >> (13 - $1) AS i, c.j >> (13 - $1) AS j, c.seen_by, c.masking_cell, c.counts_for_suppression, c.reports
            FROM {table}_changes c
            WHERE c.i >= ($2 * {CellsPerTileSide}) << (13 - $1) AND c.i < (($2 + 1) * {CellsPerTileSide}) << (13 - $1)
              AND c.j >= ($3 * {CellsPerTileSide}) << (13 - $1) AND c.j < (($3 + 1) * {CellsPerTileSide}) << (13 - $1)
              AND (c.seen_by = 'everyone' OR (c.seen_by = 'masked_roles') = (SELECT app_sees_masked_locations()))
              {string.Format(System.Globalization.CultureInfo.InvariantCulture, conditions, "c")}
            """;

    /// <summary>
    /// The reports <paramref name="conditions"/> keep (alias <c>{0}</c>), under the reports' row-level security, counted
    /// live in the rows a count table holds for the reader: each where every reader but a masked one sees it, and a
    /// child-linked one at its masking cell's centre for a masked reader, in the zoom 13 cell each report carries for
    /// either place (migrations/0069: the cells <c>report_density_counts_sql</c> places the counts in), then in the
    /// tile's. One read of the days asked for, from the index on the time that holds those cells and every column read
    /// here, so no table page is visited; the tile is a range of cells, which no other index could serve without reading
    /// every report in the tile over all time.
    /// </summary>
    private static string CountedLive(string conditions)
    {
        var kept = string.Format(System.Globalization.CultureInfo.InvariantCulture, conditions, "r");
        return $"""
            SELECT p.i >> (13 - $1) AS i, p.j >> (13 - $1) AS j, p.seen_by, p.masking_cell, p.counts_for_suppression, count(*)::integer AS reports
            FROM (SELECT CASE WHEN NOT x.child_linked THEN 'everyone' WHEN x.masked THEN 'masked_roles' ELSE 'unmasked_roles' END AS seen_by,
                         CASE WHEN x.child_linked AND x.masked THEN r.masking_cell END AS masking_cell,
                         x.child_linked AND x.masked AND NOT role_sees_masked_locations(r.recorded_by_role) AS counts_for_suppression,
                         CASE WHEN x.child_linked AND x.masked THEN r.masked_zoom13_i ELSE r.zoom13_i END AS i,
                         CASE WHEN x.child_linked AND x.masked THEN r.masked_zoom13_j ELSE r.zoom13_j END AS j
                  FROM intelligence_reports r,
                       LATERAL (SELECT r.mentions_child OR r.category = 'missing_found_location' AS child_linked,
                                       (SELECT app_sees_masked_locations()) AS masked) x
                  WHERE true{kept}) p
            WHERE p.i >= ($2 * {CellsPerTileSide}) << (13 - $1) AND p.i < (($2 + 1) * {CellsPerTileSide}) << (13 - $1)
              AND p.j >= ($3 * {CellsPerTileSide}) << (13 - $1) AND p.j < (($3 + 1) * {CellsPerTileSide}) << (13 - $1)
            GROUP BY 1, 2, 3, 4, 5
            """;
    }

    /// <summary>
    /// The rows of <paramref name="counted"/> (each a query of cells at the tile's zoom with who sees them and their
    /// reports) added up under the reader's masking; <paramref name="with"/> holds any query they read.
    /// </summary>
    private static string CountedAhead(string with, IEnumerable<string> counted) => $"""
        {Area}
        {with}
        counted AS MATERIALIZED (
            {string.Join("\n    UNION ALL\n", counted)}),
        shown AS (
            SELECT c.i, c.j, c.masking_cell FROM counted c WHERE c.seen_by = 'masked_roles'
            GROUP BY c.i, c.j, c.masking_cell
            HAVING coalesce(sum(c.reports) FILTER (WHERE c.counts_for_suppression), 0) >= masking_minimum_count()),
        cells AS (
            SELECT c.i - $2 * {CellsPerTileSide} AS i, c.j - $3 * {CellsPerTileSide} AS j, sum(c.reports)::int AS point_count
            FROM counted c
            WHERE c.seen_by <> 'masked_roles' OR (c.i, c.j, c.masking_cell) IN (SELECT s.i, s.j, s.masking_cell FROM shown s)
            GROUP BY 1, 2
            HAVING sum(c.reports) > 0)
        {CellFeatures(TileLayer.Reports.Name)}
        """;

    /// <summary>Up to this zoom (a tile about 5 km across) a report tile adds up counts made ahead (filtered: see <see cref="CountTableFor"/>).</summary>
    public const int CountedAheadToZoom = 13;

    /// <summary>The tile's bytes, empty when nothing in it is visible to the caller.</summary>
    public static async Task<byte[]> TileAsync(NpgsqlDataSource dataSource, AccessSession session, TileLayer layer, TileAddress tile,
        ReportFilter filter, CancellationToken cancellationToken)
    {
        var window = TileWindow.Of(filter.From, filter.To);
        if (layer == TileLayer.Reports && tile.Z <= CountedAheadToZoom && CountedAheadSqlFor(filter, window) is { } countedAhead)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await ExecuteAsync(connection, session, countedAhead, tile, [.. filter.SqlParameters(), .. WindowParameters(window)],
                planPerTile: false, cancellationToken) ?? [];
        }

        return await LiveTileAsync(dataSource, session, layer, tile, filter, cancellationToken);
    }

    /// <summary>The tile counted or drawn from the layer's rows as the caller may see them, whatever counts are made ahead.</summary>
    internal static async Task<byte[]> LiveTileAsync(NpgsqlDataSource dataSource, AccessSession session, TileLayer layer, TileAddress tile,
        ReportFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ExecuteAsync(connection, session, Sql(layer, tile.Z), tile, layer.TakesReportFilters ? filter.SqlParameters() : [],
                planPerTile: layer == TileLayer.Reports, cancellationToken)
            ?? [];
    }

    /// <summary>
    /// Runs tile SQL (parameters $1 to $3 the tile's z, x, y, then <paramref name="parameters"/>) as a prepared statement,
    /// in one round trip with the session settings: for a small tile the round trips were most of the time.
    /// <paramref name="planPerTile"/> plans each execution for the actual tile: reports through the masking view need it
    /// (a generic plan cannot know how many reports a tile holds, and for a busy one joined the shown masking cells row
    /// by row: 10 s at zoom 13, where a plan for the tile hashes them in 0.9 s). Planning takes about a millisecond, more
    /// than a small tile's whole query, so the other tile SQL keeps PostgreSQL's cached plans.
    /// </summary>
    private static async Task<byte[]?> ExecuteAsync(NpgsqlConnection connection, AccessSession session, string sql, TileAddress tile,
        IEnumerable<NpgsqlParameter> parameters, bool planPerTile, CancellationToken cancellationToken)
    {
        var tileCommand = new NpgsqlBatchCommand(sql);
        tileCommand.Parameters.Add(new() { Value = tile.Z, NpgsqlDbType = NpgsqlDbType.Integer });
        tileCommand.Parameters.Add(new() { Value = tile.X, NpgsqlDbType = NpgsqlDbType.Integer });
        tileCommand.Parameters.Add(new() { Value = tile.Y, NpgsqlDbType = NpgsqlDbType.Integer });
        foreach (var parameter in parameters)
        {
            tileCommand.Parameters.Add(parameter);
        }

        // The same session settings as the request's DbContext, so that row-level security and masking see this user.
        // Npgsql resets the settings when the connection returns to the pool.
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { session.BatchCommand() } };
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT set_config('plan_cache_mode', '{(planPerTile ? "force_custom_plan" : "auto")}', false)"));
        batch.BatchCommands.Add(tileCommand);
        await batch.PrepareAsync(cancellationToken);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !await reader.IsDBNullAsync(0, cancellationToken)
            ? await reader.GetFieldValueAsync<byte[]>(0, cancellationToken)
            : null;
    }
}
