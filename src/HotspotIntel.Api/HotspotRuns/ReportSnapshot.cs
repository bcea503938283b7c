using HotspotIntel.Analysis;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Reports;
using Npgsql;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// Every intelligence report as a run analyses it, read in one query inside the run's transaction: id, point in
/// British National Grid metres (PostGIS <c>ST_Transform(location, 27700)</c>), time, grading and category. Erased
/// reports are included: erasure keeps place, time, category and grading precisely so that hotspots still count them.
/// Beside them, every missing episode's found location, as a point of category <c>missing_found_location</c> (issue 15
/// §2) at the time the child was found (or went missing, when no return is recorded), graded 1A: the finding agency's
/// own record of where it found the child. Only its id, place and time are read, never whose it is.
/// </summary>
public sealed class ReportSnapshot
{
    private readonly List<Guid> _ids;
    private readonly List<HotspotReport> _reports;
    private readonly List<ReportCategory> _categories;
    private readonly List<bool> _fromEpisodes;
    // Each id's position. Shared by the snapshots brought up to date from one another, each adding the ids it appends:
    // a position is this snapshot's only if it is within its lists and holds the same id.
    private readonly Dictionary<Guid, int> _positions;
    private readonly List<(int Position, HotspotReport? Before)> _changes = [];

    private ReportSnapshot(List<Guid> ids, List<HotspotReport> reports, List<ReportCategory> categories, List<bool> fromEpisodes, DateTimeOffset? watermark,
        Dictionary<Guid, int> positions)
    {
        _ids = ids;
        _reports = reports;
        _categories = categories;
        _fromEpisodes = fromEpisodes;
        _positions = positions;
        Watermark = watermark;
    }

    public IReadOnlyList<Guid> Ids => _ids;

    public IReadOnlyList<HotspotReport> Reports => _reports;

    public IReadOnlyList<ReportCategory> Categories => _categories;

    /// <summary>For each point, true when it is a missing episode's found location rather than a report.</summary>
    public IReadOnlyList<bool> FromEpisodes => _fromEpisodes;

    /// <summary>
    /// For a snapshot brought up to date (<see cref="LoadChangesAsync"/>), the positions of the points it read again,
    /// each with the version the previous snapshot held (null for a point new at the end); empty for a full read.
    /// </summary>
    public IReadOnlyList<(int Position, HotspotReport? Before)> Changes => _changes;

    /// <summary>The latest created_at or updated_at among the reports and found locations; null when there are none.</summary>
    public DateTimeOffset? Watermark { get; private set; }

    /// <summary>
    /// How many reports and found locations there are and the latest change among them, without reading them: enough to
    /// tell whether anything changed, and whether reports were deleted. The reports are not counted but added up from
    /// the counts city-wide tiles keep current through the reports' own statement-level triggers (migrations/0033, 0053,
    /// 0055: each report once at zoom 0, and in the changes not yet folded, at zoom 13, where every reader but a masked
    /// one sees it), in the same statement, so under the same snapshot: exactly count(*), without reading a million rows.
    /// The latest change comes from its index (migration 0043); the found locations, few, are counted.
    /// </summary>
    public static async Task<(int Count, DateTimeOffset? Watermark)> MeasureAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(MeasureQuery, connection, transaction) { CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary><see cref="MeasureAsync"/>'s query: the number of points and the latest change among them.</summary>
    private const string MeasureQuery = """
        SELECT (coalesce((SELECT sum(d.reports) FROM report_density d WHERE d.zoom = 0 AND d.seen_by <> 'masked_roles'), 0)
                + coalesce((SELECT sum(c.reports) FROM report_density_changes c WHERE c.zoom = 13 AND c.seen_by <> 'masked_roles'), 0)
                + e.points)::int,
               greatest((SELECT max(greatest(r.created_at, r.updated_at)) FROM intelligence_reports r), e.latest)
        FROM (SELECT count(*) AS points, max(greatest(created_at, updated_at)) AS latest FROM missing_episodes WHERE found_location IS NOT NULL) e
        """;

    /// <summary>
    /// How far before the previous snapshot's watermark <see cref="LoadChangesAsync"/> reads again: a report is stamped
    /// when its request starts and visible when its transaction commits, so one committed just after the previous read
    /// may carry an earlier time.
    /// </summary>
    public static readonly TimeSpan ChangeMargin = TimeSpan.FromMinutes(5);

    /// <summary>Every report, in one query.</summary>
    public static async Task<ReportSnapshot> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var snapshot = new ReportSnapshot([], [], [], [], null, []);
        await snapshot.ReadAsync(connection, transaction, changedSince: null, cancellationToken);
        return snapshot;
    }

    /// <summary>
    /// <paramref name="previous"/> brought up to date by reading only the reports created or changed since its watermark
    /// (less <see cref="ChangeMargin"/>); null when that cannot account for the <paramref name="reportCount"/> reports
    /// there are now (<see cref="MeasureAsync"/>: some were deleted, or more arrived than the read found), and the
    /// caller must read them all.
    /// </summary>
    public static async Task<ReportSnapshot?> LoadChangesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        ReportSnapshot previous, int reportCount, CancellationToken cancellationToken)
    {
        if (previous.Watermark is not { } watermark)
        {
            return null;
        }

        var snapshot = new ReportSnapshot([.. previous.Ids], [.. previous.Reports], [.. previous.Categories], [.. previous.FromEpisodes], watermark,
            previous._positions);
        await snapshot.ReadAsync(connection, transaction, watermark - ChangeMargin, cancellationToken);
        return snapshot.Ids.Count == reportCount ? snapshot : null;
    }

    /// <summary>
    /// The read of the reports and found locations, in EPSG:27700, that changed since $1 (timestamptz; all of them when
    /// null): id, x, y, date, source evaluation, assessment, category, when it last changed, and whether it is a found
    /// location. The benchmark's read floor runs it as it is.
    /// </summary>
    public const string Query = """
        SELECT r.id, ST_X(p.point), ST_Y(p.point), r.occurred_at, r.source_evaluation::text, r.intelligence_assessment::text, r.category::text,
               greatest(r.created_at, r.updated_at), false
        FROM intelligence_reports r CROSS JOIN LATERAL (SELECT ST_Transform(r.location, 27700) AS point) p
        WHERE $1::timestamptz IS NULL OR greatest(r.created_at, r.updated_at) >= $1
        UNION ALL
        SELECT e.id, ST_X(p.point), ST_Y(p.point), coalesce(e.returned_at, e.missing_from), '1', 'A', 'missing_found_location',
               greatest(e.created_at, e.updated_at), true
        FROM missing_episodes e CROSS JOIN LATERAL (SELECT ST_Transform(e.found_location, 27700) AS point) p
        WHERE e.found_location IS NOT NULL AND ($1::timestamptz IS NULL OR greatest(e.created_at, e.updated_at) >= $1)
        """;

    /// <summary>Reads reports (all, or those changed since <paramref name="changedSince"/>) into this snapshot, replacing any it holds by id.</summary>
    private async Task ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset? changedSince, CancellationToken cancellationToken)
    {
        var changesOnly = changedSince is not null;
        await using var command = new NpgsqlCommand(Query, connection, transaction)
        { CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds };
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)changedSince ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            var report = new HotspotReport(
                new PlanarPoint(reader.GetDouble(1), reader.GetDouble(2)),
                reader.GetFieldValue<DateTimeOffset>(3),
                EnumCodes<SourceEvaluation>.Parse(reader.GetString(4)),
                EnumCodes<IntelligenceAssessment>.Parse(reader.GetString(5)));
            var category = EnumCodes<ReportCategory>.Parse(reader.GetString(6));
            var changed = reader.GetFieldValue<DateTimeOffset>(7);
            var fromEpisode = reader.GetBoolean(8);
            Watermark = Watermark is null || changed > Watermark ? changed : Watermark;
            if (changesOnly && _positions.TryGetValue(id, out var position) && position < _ids.Count && _ids[position] == id)
            {
                _changes.Add((position, _reports[position]));
                _reports[position] = report;
                _categories[position] = category;
                _fromEpisodes[position] = fromEpisode;
                continue;
            }

            if (changesOnly)
            {
                _changes.Add((_ids.Count, null));
            }

            _positions[id] = _ids.Count;
            _ids.Add(id);

            _reports.Add(report);
            _categories.Add(category);
            _fromEpisodes.Add(fromEpisode);
        }
    }
}
