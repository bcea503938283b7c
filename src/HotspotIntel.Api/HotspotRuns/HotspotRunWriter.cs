using System.Text.Json;
using HotspotIntel.Analysis;
using HotspotIntel.Core;
using HotspotIntel.Core.Hotspots;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// Writes what a run found, inside the run's transaction: each hotspot's cells, reports and figures go to temporary
/// tables by binary COPY, and set-based SQL does the rest where PostGIS does it best: the polygon as the union of the
/// cells' <c>ST_Hexagon</c>s (British National Grid, then <c>ST_Transform</c> to 4326), the premises and named places
/// within reach (<c>ST_DWithin</c> after a GiST <c>&amp;&amp;</c> filter), and each hotspot's members summed by who may
/// read them (<c>summarise_hotspot_members</c>, migration 0039), which readers' figures and the linked counts come from.
/// A run of the published line (scheduled or incremental) writes only what changed among its members and summaries
/// (<see cref="HotspotMemberSpans"/>, migration 0043); an analyst's run writes them all, in rows of its own, its
/// summaries made beside them on a second connection (<see cref="HotspotMemberSummaries"/>, migration 0066).
/// </summary>
internal static class HotspotRunWriter
{
    /// <summary>A found hotspot with the id it takes (kept from the previous run, or new).</summary>
    public sealed record Identified(Guid Id, DetectedHotspot Hotspot);

    /// <summary>
    /// A hotspot's area as a run made it (the union of its cells' hexagons, British National Grid, as WKB), kept so a
    /// later run whose hotspot of the same id has the same cells takes it rather than making the union again: the same
    /// cells give the same union.
    /// </summary>
    public sealed record KnownArea(double CellSizeMeters, IReadOnlyList<HexCell> Cells, byte[] Wkb);

    /// <summary>
    /// Writes the run; returns what it wrote of members and summaries (<paramref name="moved"/>: see
    /// <see cref="HotspotMemberSpans.WriteAsync"/>) and its hotspots' areas, by id (<paramref name="knownAreas"/>: those
    /// of an earlier run, taken where the cells are the same).
    /// </summary>
    public static async Task<(HotspotMemberSpans.Written Written, IReadOnlyDictionary<Guid, KnownArea> Areas)> WriteAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, HotspotRun run, HotspotParameters parameters, ReportSnapshot snapshot, IReadOnlyList<Identified> hotspots,
        IReadOnlyList<HotspotLineage> lineage, HotspotMemberSpans.OpenMembers? openMembers, HotspotMemberSpans.Moved? moved,
        IReadOnlyDictionary<Guid, KnownArea>? knownAreas, Func<CancellationToken, ValueTask<NpgsqlConnection>> openConnection, RunPhases phases,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE run_hotspots (ordinal int PRIMARY KEY, id uuid NOT NULL, report_count int NOT NULL,
                weighted_score float8 NOT NULL, z_score float8, p_value float8, confidence_percent int, trend text,
                top_categories jsonb NOT NULL, first_report_at timestamptz, last_report_at timestamptz, found_locations int NOT NULL) ON COMMIT DROP
            """, [], cancellationToken);
        await ExecuteAsync(connection, transaction, "CREATE TEMP TABLE run_cells (ordinal int NOT NULL, i int NOT NULL, j int NOT NULL) ON COMMIT DROP", [], cancellationToken);
        phases.Mark("temporary tables");
        await CopyHotspotsAsync(connection, snapshot, hotspots, cancellationToken);
        phases.Mark("hotspot figures");
        await CopyAsync(connection, "run_cells (ordinal, i, j)", hotspots.SelectMany((h, ordinal) => h.Hotspot.Area.Cells.Select(cell => (ordinal, cell))),
            async (row, item) =>
            {
                await row.WriteAsync(item.ordinal, NpgsqlDbType.Integer, cancellationToken);
                await row.WriteAsync(item.cell.Column, NpgsqlDbType.Integer, cancellationToken);
                await row.WriteAsync(item.cell.Row, NpgsqlDbType.Integer, cancellationToken);
            }, cancellationToken);
        phases.Mark("cells copied");

        // Areas known from an earlier run with the same cells are taken as they were; the others are made.
        var known = hotspots
            .Select((h, ordinal) => (ordinal, area: knownAreas?.GetValueOrDefault(h.Id)))
            .Where(k => k.area is { } area && area.CellSizeMeters == parameters.CellSizeMeters && area.Cells.SequenceEqual(hotspots[k.ordinal].Hotspot.Area.Cells))
            .ToDictionary(k => k.ordinal, k => k.area!);
        // Snapping to a millimetre makes the corners that neighbouring hexagons share identical, so the union has no slivers.
        await ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE run_areas ON COMMIT DROP AS
            SELECT ordinal, ST_SetSRID(ST_GeomFromWKB(wkb), 27700) AS area FROM unnest($2::int[], $3::bytea[]) AS k (ordinal, wkb)
            UNION ALL
            SELECT ordinal, ST_Multi(ST_Union(ST_SnapToGrid(ST_Hexagon($1, i, j, ST_SetSRID(ST_MakePoint(0, 0), 27700)), 0.001)))
            FROM run_cells WHERE ordinal <> ALL ($2) GROUP BY ordinal
            """, [parameters.CellSizeMeters, known.Keys.ToArray(), known.Values.Select(area => area.Wkb).ToArray()], cancellationToken);
        var areas = new Dictionary<Guid, KnownArea>(hotspots.Count);
        foreach (var (ordinal, area) in known)
        {
            areas[hotspots[ordinal].Id] = area;
        }

        await using (var made = new NpgsqlCommand("SELECT ordinal, ST_AsBinary(area) FROM run_areas WHERE ordinal <> ALL ($1)", connection, transaction)
        {
            Parameters = { new() { Value = known.Keys.ToArray() } },
            CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds,
        })
        {
            await using var reader = await made.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var hotspot = hotspots[reader.GetInt32(0)];
                areas[hotspot.Id] = new KnownArea(parameters.CellSizeMeters, hotspot.Hotspot.Area.Cells, reader.GetFieldValue<byte[]>(1));
            }
        }

        phases.Mark($"areas ({known.Count} known)");
        await ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE run_nearby ON COMMIT DROP AS
            SELECT a.ordinal,
                   coalesce((SELECT array_agg(p.id ORDER BY p.id) FROM premises p
                             WHERE p.location && ST_Transform(ST_Expand(a.area, $1), 4326)
                               AND ST_DWithin(ST_Transform(p.location, 27700), a.area, $1)), '{}') AS premises_ids,
                   coalesce((SELECT array_agg(l.id ORDER BY l.id) FROM locations l
                             WHERE l.geometry && ST_Transform(ST_Expand(a.area, $1), 4326)
                               AND ST_DWithin(ST_Transform(l.geometry, 27700), a.area, $1)), '{}') AS location_ids
            FROM run_areas a
            """, [parameters.NearbyMeters], cancellationToken);
        phases.Mark("premises and places near");
        await ExecuteAsync(connection, transaction, """
            INSERT INTO hotspots (id, first_run_id, latest_run_id, method, area, centroid, area_square_meters, report_count,
                weighted_score, z_score, p_value, confidence_percent, trend, top_categories, premises_ids, location_ids,
                linked_vehicle_count, linked_person_count, first_seen_at, last_seen_at, first_report_at, last_report_at)
            SELECT h.id, $1, $1, $2, ST_Transform(a.area, 4326), ST_Transform(ST_Centroid(a.area), 4326), ST_Area(a.area),
                   h.report_count, h.weighted_score, h.z_score, h.p_value, h.confidence_percent, h.trend, h.top_categories,
                   n.premises_ids, n.location_ids, 0, 0, $3, $3, h.first_report_at, h.last_report_at
            FROM run_hotspots h
            JOIN run_areas a ON a.ordinal = h.ordinal
            JOIN run_nearby n ON n.ordinal = h.ordinal
            ON CONFLICT (id) DO UPDATE SET
                latest_run_id = EXCLUDED.latest_run_id, method = EXCLUDED.method, area = EXCLUDED.area,
                centroid = EXCLUDED.centroid, area_square_meters = EXCLUDED.area_square_meters,
                report_count = EXCLUDED.report_count, weighted_score = EXCLUDED.weighted_score, z_score = EXCLUDED.z_score,
                p_value = EXCLUDED.p_value, confidence_percent = EXCLUDED.confidence_percent, trend = EXCLUDED.trend,
                top_categories = EXCLUDED.top_categories, premises_ids = EXCLUDED.premises_ids,
                location_ids = EXCLUDED.location_ids, last_seen_at = EXCLUDED.last_seen_at,
                first_report_at = EXCLUDED.first_report_at, last_report_at = EXCLUDED.last_report_at
            WHERE $4
            """, [run.Id, EnumCodes<HotspotMethod>.ToCode(run.Method), run.StartedAt!.Value,
                // A trial (an analyst's run) must not change how the published run shows a hotspot it matched.
                run.Kind != HotspotRunKind.Requested], cancellationToken);
        phases.Mark("hotspots upserted");
        // The members, and what readers are answered from (the figures by who may read them), from which the run's own
        // all-agency figures follow. A run of the line writes what changed; an analyst's run (a trial) all its
        // members, in rows of its own, while a second connection makes their summaries (HotspotMemberSummaries).
        HotspotMemberSpans.Written written;
        if (run.Kind != HotspotRunKind.Requested)
        {
            written = await HotspotMemberSpans.WriteAsync(connection, transaction, run, parameters, snapshot, hotspots, openMembers, moved, openConnection,
                phases, cancellationToken);
        }
        else
        {
            // Each member with its weight as the pipeline gave it, so that a reader's weighted score sums the reports they
            // may see; a member is a report or a missing episode's found location (ReportSnapshot), kept apart.
            var reportMembers = MembersOf(run, parameters, snapshot, hotspots, episodes: false);
            var episodeMembers = MembersOf(run, parameters, snapshot, hotspots, episodes: true);
            // The summaries are made from the same members on a second connection while this one writes the members
            // and the found locations; a failure here stops them before it is thrown.
            await using var summaries = HotspotMemberSummaries.Start(openConnection, reportMembers.Hotspots, reportMembers.Points, reportMembers.Weights,
                weightedAt: null, run.AsOf, parameters.HalfLifeDays, cancellationToken);
            // In key order (MembersOf), so the rows go into the primary key's index in order without a sort here.
            await ExecuteAsync(connection, transaction, """
                INSERT INTO hotspot_members (run_id, hotspot_id, report_id, weight)
                SELECT $1, m.hotspot_id, m.report_id, m.weight FROM unnest($2::uuid[], $3::uuid[], $4::float8[]) AS m (hotspot_id, report_id, weight)
                """, [run.Id, reportMembers.Hotspots, reportMembers.Points, reportMembers.Weights], cancellationToken);
            phases.Mark("members");
            await ExecuteAsync(connection, transaction, """
                INSERT INTO hotspot_episode_members (run_id, hotspot_id, episode_id, weight)
                SELECT $1, m.hotspot_id, m.episode_id, m.weight FROM unnest($2::uuid[], $3::uuid[], $4::float8[]) AS m (hotspot_id, episode_id, weight)
                """, [run.Id, episodeMembers.Hotspots, episodeMembers.Points, episodeMembers.Weights], cancellationToken);
            await ExecuteAsync(connection, transaction, "SELECT summarise_hotspot_found_locations($1, ARRAY(SELECT id FROM run_hotspots))", [run.Id], cancellationToken);
            phases.Mark("found locations");
            await summaries.StoreAsync(connection, transaction, run.Id, cancellationToken);
            phases.Mark("summaries");
            written = new HotspotMemberSpans.Written(reportMembers.Points.Length, 0, episodeMembers.Points.Length, 0, 0, 0, hotspots.Count, null);
        }

        await ExecuteAsync(connection, transaction, """
            INSERT INTO hotspot_history (run_id, hotspot_id, area, area_square_meters, report_count, weighted_score,
                z_score, p_value, confidence_percent, trend, masked_area, child_report_count, premises_ids, location_ids, found_summarised)
            SELECT $1, h.id, ST_Transform(a.area, 4326), ST_Area(a.area), h.report_count, h.weighted_score, h.z_score,
                   h.p_value, h.confidence_percent, h.trend, masking_cells_covering(a.area),
                   coalesce((SELECT sum(g.reports) FROM hotspot_member_groups g WHERE g.run_id = $1 AND g.hotspot_id = h.id AND g.child_linked), 0)
                   + h.found_locations,
                   n.premises_ids, n.location_ids, true
            FROM run_hotspots h JOIN run_areas a ON a.ordinal = h.ordinal JOIN run_nearby n ON n.ordinal = h.ordinal
            """, [run.Id], cancellationToken);
        phases.Mark("history");
        await ExecuteAsync(connection, transaction, """
            UPDATE hotspots h
            SET linked_person_count = coalesce((SELECT sum(l.entities) FROM hotspot_linked_sets l WHERE l.run_id = $1 AND l.hotspot_id = h.id AND l.kind = 'person'), 0),
                linked_vehicle_count = coalesce((SELECT sum(l.entities) FROM hotspot_linked_sets l WHERE l.run_id = $1 AND l.hotspot_id = h.id AND l.kind = 'vehicle'), 0)
            WHERE h.latest_run_id = $1
            """, [run.Id], cancellationToken);
        phases.Mark("linked counts");
        await ExecuteAsync(connection, transaction, """
            INSERT INTO hotspot_lineage (run_id, kind, from_hotspot_id, to_hotspot_id)
            SELECT $1, kind, from_id, to_id FROM unnest($2::text[], $3::uuid[], $4::uuid[]) AS l (kind, from_id, to_id)
            """,
            [
                run.Id, lineage.Select(l => EnumCodes<HotspotLineageKind>.ToCode(l.Kind)).ToArray(),
                lineage.Select(l => l.FromHotspotId).ToArray(), lineage.Select(l => l.ToHotspotId).ToArray(),
            ], cancellationToken);
        phases.Mark("lineage");
        return (written, areas);
    }

    /// <summary>An analyst's run's members, as arrays at the same positions, by hotspot id and then point id.</summary>
    private sealed record Members(Guid[] Hotspots, Guid[] Points, double[] Weights);

    /// <summary>
    /// The run's report members, or its found locations (<paramref name="episodes"/>), each with its weight as of the
    /// run, in the order of the member tables' primary keys: Guid's order is PostgreSQL's uuid order (byte by byte as
    /// written out).
    /// </summary>
    private static Members MembersOf(HotspotRun run, HotspotParameters parameters, ReportSnapshot snapshot, IReadOnlyList<Identified> hotspots, bool episodes)
    {
        var weighting = new ReportWeighting(parameters.HalfLifeDays);
        var members = hotspots
            .SelectMany(h => h.Hotspot.Reports.Where(i => snapshot.FromEpisodes[i] == episodes).Select(i => (Hotspot: h.Id, Point: snapshot.Ids[i], Index: i)))
            .OrderBy(m => m.Hotspot).ThenBy(m => m.Point)
            .ToList();
        return new Members([.. members.Select(m => m.Hotspot)], [.. members.Select(m => m.Point)],
            [.. members.Select(m => weighting.Weight(snapshot.Reports[m.Index].SourceEvaluation, snapshot.Reports[m.Index].IntelligenceAssessment,
                snapshot.Reports[m.Index].OccurredAt, run.AsOf))]);
    }

    private static Task CopyHotspotsAsync(NpgsqlConnection connection, ReportSnapshot snapshot, IReadOnlyList<Identified> hotspots, CancellationToken cancellationToken) =>
        CopyAsync(connection, "run_hotspots (ordinal, id, report_count, weighted_score, z_score, p_value, confidence_percent, trend, top_categories, first_report_at, last_report_at, found_locations)",
            hotspots.Select((identified, ordinal) => (identified, ordinal)), async (row, item) =>
            {
                var hotspot = item.identified.Hotspot;
                var (first, last) = (DateTimeOffset.MaxValue, DateTimeOffset.MinValue);
                foreach (var i in hotspot.Reports)
                {
                    var occurredAt = snapshot.Reports[i].OccurredAt;
                    (first, last) = (occurredAt < first ? occurredAt : first, occurredAt > last ? occurredAt : last);
                }

                await row.WriteAsync(item.ordinal, NpgsqlDbType.Integer, cancellationToken);
                await row.WriteAsync(item.identified.Id, NpgsqlDbType.Uuid, cancellationToken);
                await row.WriteAsync(hotspot.ReportCount, NpgsqlDbType.Integer, cancellationToken);
                await row.WriteAsync(hotspot.WeightedScore, NpgsqlDbType.Double, cancellationToken);
                await WriteOrNullAsync(row, hotspot.ZScore, NpgsqlDbType.Double, cancellationToken);
                await WriteOrNullAsync(row, hotspot.PValue, NpgsqlDbType.Double, cancellationToken);
                await WriteOrNullAsync(row, hotspot.Confidence is { } confidence ? ConfidencePercent(confidence) : null, NpgsqlDbType.Integer, cancellationToken);
                await WriteOrNullAsync(row, hotspot.Trend is { } trend ? EnumCodes<HotspotTrend>.ToCode(trend) : null, NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(TopCategories(snapshot, hotspot), NpgsqlDbType.Jsonb, cancellationToken);
                await WriteOrNullAsync(row, hotspot.Reports.Count == 0 ? (DateTimeOffset?)null : first, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteOrNullAsync(row, hotspot.Reports.Count == 0 ? (DateTimeOffset?)null : last, NpgsqlDbType.TimestampTz, cancellationToken);
                await row.WriteAsync(hotspot.Reports.Count(i => snapshot.FromEpisodes[i]), NpgsqlDbType.Integer, cancellationToken);
            }, cancellationToken);

    /// <summary>90, 95 or 99 for a hot class; a hotspot's cells are never cold, but a cold class would read as null.</summary>
    public static int? ConfidencePercent(HotspotConfidence confidence) => confidence switch
    {
        HotspotConfidence.Hot99 => 99,
        HotspotConfidence.Hot95 => 95,
        HotspotConfidence.Hot90 => 90,
        _ => null,
    };

    /// <summary>The three most reported categories, most first, ties by code.</summary>
    private static string TopCategories(ReportSnapshot snapshot, DetectedHotspot hotspot)
    {
        var counts = new Dictionary<Core.Reports.ReportCategory, int>();
        foreach (var i in hotspot.Reports)
        {
            counts[snapshot.Categories[i]] = counts.GetValueOrDefault(snapshot.Categories[i]) + 1;
        }

        return JsonSerializer.Serialize(counts
            .Select(pair => new CategoryCount(EnumCodes<Core.Reports.ReportCategory>.ToCode(pair.Key), pair.Value))
            .OrderByDescending(count => count.Reports).ThenBy(count => count.Category, StringComparer.Ordinal)
            .Take(3), JsonSerializerOptions.Web);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds };
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task CopyAsync<T>(NpgsqlConnection connection, string target, IEnumerable<T> rows,
        Func<NpgsqlBinaryImporter, T, Task> write, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", cancellationToken);
        importer.Timeout = TimeSpan.FromSeconds(RunHotspotAnalysisJob.CommandTimeoutSeconds);
        foreach (var item in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await write(importer, item);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteOrNullAsync<T>(NpgsqlBinaryImporter row, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : struct =>
        value is { } present ? row.WriteAsync(present, type, cancellationToken) : row.WriteNullAsync(cancellationToken);

    private static Task WriteOrNullAsync(NpgsqlBinaryImporter row, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? row.WriteNullAsync(cancellationToken) : row.WriteAsync(value, type, cancellationToken);
}

/// <summary>How many of a hotspot's reports have one category.</summary>
public sealed record CategoryCount(string Category, int Reports);
