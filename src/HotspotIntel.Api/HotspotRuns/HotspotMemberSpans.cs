using HotspotIntel.Analysis;
using HotspotIntel.Core.Hotspots;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// How a run of the published line (scheduled and incremental runs, one at a time under the run lock) writes its
/// members and summaries: only what changed since the line's previous run (migration 0043). Members are spans of the
/// line: the run closes the rows of members its hotspots lost (<c>until_seq</c>), adds rows for those they gained or
/// whose weight differs from the carried one, and leaves the rest as they are. A hotspot whose members did not change
/// and whose summaries at the previous run are fresh takes those summaries, weights brought forward by the decay;
/// every other hotspot's are made from its members (<see cref="HotspotMemberSummaries"/>, as
/// <c>summarise_hotspot_members</c> makes them).
/// </summary>
internal static class HotspotMemberSpans
{
    /// <summary>
    /// How close a carried weight must be to the one the run gives: the decay brought forward in one step differs from
    /// the decay at once only in the last bits; a changed grading, date or half-life differs by far more.
    /// </summary>
    private const double WeightTolerance = 1e-12;

    /// <summary>
    /// What a run wrote: member rows added and closed, found-location rows added and closed, and hotspots whose
    /// summaries were carried, brought forward by what changed, or made from all their members.
    /// </summary>
    public sealed record Written(int Added, int Closed, int FoundAdded, int FoundClosed, int Carried, int Advanced, int Summarised, OpenMembers? Open);

    /// <summary>
    /// The open member rows of the line after the run <see cref="RunId"/>, each with its weight as of when it was added:
    /// what the next run compares its members with. Kept in memory by the server that wrote them
    /// (<see cref="ReportSnapshotCache.LineMembers"/>) and read from the database otherwise. Never changed once made.
    /// </summary>
    public sealed record OpenMembers(Guid RunId, IReadOnlyDictionary<Guid, HotspotRows> Hotspots);

    /// <summary>
    /// One hotspot's open member rows, by report, its open found-location rows, by missing episode, and the cells it
    /// had when they were written (null when read back from the database, which keeps its area rather than its cells).
    /// </summary>
    public sealed record HotspotRows(IReadOnlyList<HexCell>? Cells, IReadOnlyDictionary<Guid, (double Weight, DateTimeOffset WeightedAt)> Rows,
        IReadOnlyDictionary<Guid, (double Weight, DateTimeOffset WeightedAt)> Found);

    /// <summary>
    /// What moved since the line's previous run, when known (<see cref="LocalExcessCounts.Moved"/>): the positions of the
    /// points whose place in the counts changed (they changed, or the later date took them into use or out of it) and
    /// every cell they were in before or are in now. Every other point is in the same cell with the same weight, but for
    /// the decay all share.
    /// </summary>
    public sealed record Moved(IReadOnlySet<int> Positions, IReadOnlySet<HexCell> Cells);

    /// <summary>
    /// Writes the run's members (reports to <c>hotspot_members</c>, found locations to <c>hotspot_episode_members</c>,
    /// migration 0055) and summaries. With <paramref name="moved"/> known, a hotspot of the line's previous run with
    /// the same cells has the same members with the same weights (decayed) but for the points that moved: its rows are
    /// carried whole when none of its cells is among the moved ones, and otherwise compared only for the moved points,
    /// rather than point by point.
    /// </summary>
    public static async Task<Written> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, HotspotRun run,
        HotspotParameters parameters, ReportSnapshot snapshot, IReadOnlyList<HotspotRunWriter.Identified> hotspots, OpenMembers? cached,
        Moved? moved, Func<CancellationToken, ValueTask<NpgsqlConnection>> openConnection, RunPhases phases, CancellationToken cancellationToken)
    {
        var asOf = run.AsOf;
        var (previousRun, previousAsOf) = await PreviousRunAsync(connection, transaction, cancellationToken);
        var seq = await ScalarAsync<long>(connection, transaction, "SELECT nextval('hotspot_member_seq')", [], cancellationToken);
        await ExecuteAsync(connection, transaction, "INSERT INTO hotspot_member_runs (run_id, seq) VALUES ($1, $2)", [run.Id, seq], cancellationToken);

        // The copy this server kept serves if it is of the line's latest run: rows removed since (their report deleted)
        // are only closed again, to no effect, and their hotspots are stale.
        var fromThisServer = cached is not null && cached.RunId == previousRun;
        var open = fromThisServer ? cached!.Hotspots : await OpenMembersAsync(connection, transaction, cancellationToken);
        phases.Mark(fromThisServer ? "line's previous run" : "line's open members read");
        var now = new Dictionary<Guid, HotspotRows>(hotspots.Count);
        var decays = new Dictionary<DateTimeOffset, double>();
        var weighting = new ReportWeighting(parameters.HalfLifeDays);
        var added = new List<(Guid Hotspot, Guid Report, double Weight)>();
        var closed = new List<(Guid Hotspot, Guid Report, double Weight)>();
        var foundAdded = new List<(Guid Hotspot, Guid Report, double Weight)>();
        var foundClosed = new List<(Guid Hotspot, Guid Report, double Weight)>();
        // Hotspots whose member reports changed: their summaries (of reports only) must follow; and those whose found
        // locations changed: their found-location groups must.
        var changed = new HashSet<Guid>();
        var foundChanged = new HashSet<Guid>();
        var noRows = new Dictionary<Guid, (double Weight, DateTimeOffset WeightedAt)>();
        foreach (var (id, hotspot) in hotspots)
        {
            var before = open.GetValueOrDefault(id);
            if (moved is not null && before?.Cells is { } cells && cells.SequenceEqual(hotspot.Area.Cells))
            {
                now[id] = cells.Any(moved.Cells.Contains) ? CompareMoved(id, hotspot, before, moved.Positions) : before;
                continue;
            }

            var (previousRows, previousFound) = (before?.Rows ?? noRows, before?.Found ?? noRows);
            var rows = new Dictionary<Guid, (double Weight, DateTimeOffset WeightedAt)>(hotspot.Reports.Count);
            var found = new Dictionary<Guid, (double Weight, DateTimeOffset WeightedAt)>();
            foreach (var i in hotspot.Reports)
            {
                var report = snapshot.Reports[i];
                var weight = weighting.Weight(report.SourceEvaluation, report.IntelligenceAssessment, report.OccurredAt, asOf);
                if (snapshot.FromEpisodes[i])
                {
                    if (!Keep(id, snapshot.Ids[i], weight, previousFound, found, foundAdded, foundClosed))
                    {
                        foundChanged.Add(id);
                    }
                }
                else if (!Keep(id, snapshot.Ids[i], weight, previousRows, rows, added, closed))
                {
                    changed.Add(id);
                }
            }

            // Whatever else it held is no longer a member.
            if (CloseRest(id, previousRows, rows, closed))
            {
                changed.Add(id);
            }

            if (CloseRest(id, previousFound, found, foundClosed))
            {
                foundChanged.Add(id);
            }

            now[id] = new HotspotRows(hotspot.Area.Cells, rows, found);
        }

        // The hotspots that are gone lost every member.
        foreach (var (id, rows) in open)
        {
            if (!now.ContainsKey(id))
            {
                CloseRest(id, rows.Rows, noRows, closed);
                CloseRest(id, rows.Found, noRows, foundClosed);
                changed.Add(id);
            }
        }

        phases.Mark("members compared");
        // Summaries, for each hotspot whose summaries at the previous run are fresh: carried when its members did not
        // change, brought forward by the change when it is small beside them; made from all its members otherwise, on a
        // second connection while this one writes the member rows (HotspotMemberSummaries).
        var (fresh, foundSummarised) = await FreshAsync(connection, transaction, previousRun, [.. hotspots.Select(h => h.Id)], cancellationToken);
        var changes = added.Select(a => a.Hotspot).Concat(closed.Select(c => c.Hotspot)).CountBy(id => id).ToDictionary();
        var carriedIds = hotspots.Where(h => fresh.Contains(h.Id) && !changed.Contains(h.Id)).Select(h => h.Id).ToArray();
        var advancedIds = hotspots
            .Where(h => fresh.Contains(h.Id) && changed.Contains(h.Id)
                && changes.GetValueOrDefault(h.Id) <= h.Hotspot.Reports.Count(i => !snapshot.FromEpisodes[i]) / 2)
            .Select(h => h.Id).ToHashSet();
        var summarisedIds = hotspots.Select(h => h.Id).Except(carriedIds).Except(advancedIds).ToArray();
        var summarised = summarisedIds.SelectMany(id => now[id].Rows.Select(row => (Hotspot: id, Report: row.Key, row.Value.Weight, row.Value.WeightedAt))).ToList();
        await using var summaries = HotspotMemberSummaries.Start(openConnection, [.. summarised.Select(m => m.Hotspot)], [.. summarised.Select(m => m.Report)],
            [.. summarised.Select(m => m.Weight)], [.. summarised.Select(m => m.WeightedAt)], asOf, parameters.HalfLifeDays, cancellationToken);
        await WriteSpansAsync(connection, transaction, "hotspot_members", "report_id", run, seq, added, closed, cancellationToken);
        await WriteSpansAsync(connection, transaction, "hotspot_episode_members", "episode_id", run, seq, foundAdded, foundClosed, cancellationToken);
        phases.Mark("member rows written");
        var decay = Math.Pow(0.5, (asOf - previousAsOf).TotalDays / parameters.HalfLifeDays);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO hotspot_member_groups (run_id, hotspot_id, agency_id, handling_code, child_linked, masking_cell, category,
                                               link_group, reports, weight_sum, first_report_at, last_report_at)
            SELECT $1, g.hotspot_id, g.agency_id, g.handling_code, g.child_linked, g.masking_cell, g.category, g.link_group,
                   g.reports, g.weight_sum * $3, g.first_report_at, g.last_report_at
            FROM hotspot_member_groups g
            WHERE g.run_id = $2 AND g.hotspot_id = ANY ($4)
            """, [run.Id, previousRun, decay, carriedIds], cancellationToken);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO hotspot_linked_sets (run_id, hotspot_id, kind, link_groups, entities)
            SELECT $1, l.hotspot_id, l.kind, l.link_groups, l.entities
            FROM hotspot_linked_sets l
            WHERE l.run_id = $2 AND l.hotspot_id = ANY ($3)
            """, [run.Id, previousRun, carriedIds], cancellationToken);
        phases.Mark("summaries carried");
        if (advancedIds.Count > 0)
        {
            var delta = added.Where(a => advancedIds.Contains(a.Hotspot)).Select(a => (a.Hotspot, a.Report, a.Weight, Sign: 1))
                .Concat(closed.Where(c => advancedIds.Contains(c.Hotspot)).Select(c => (c.Hotspot, c.Report, c.Weight, Sign: -1)))
                .ToList();
            await ExecuteAsync(connection, transaction, "SELECT advance_hotspot_summaries($1, $2, $3, $4, $5, $6, $7)",
                [
                    run.Id, previousRun, decay, delta.Select(d => d.Hotspot).ToArray(), delta.Select(d => d.Report).ToArray(),
                    delta.Select(d => d.Weight).ToArray(), delta.Select(d => d.Sign).ToArray(),
                ], cancellationToken);
        }

        phases.Mark("summaries brought forward");
        await summaries.StoreAsync(connection, transaction, run.Id, cancellationToken);
        phases.Mark("summaries made");
        // Found-location groups: carried when the hotspot's found locations did not change and its groups at the
        // previous run are fresh; summed from its rows otherwise.
        var foundCarriedIds = hotspots.Where(h => foundSummarised.Contains(h.Id) && !foundChanged.Contains(h.Id)).Select(h => h.Id).ToArray();
        await ExecuteAsync(connection, transaction, """
            INSERT INTO hotspot_found_groups (run_id, hotspot_id, agency_id, handling_code, masking_cell, locations, weight_sum,
                                              first_found_at, last_found_at)
            SELECT $1, f.hotspot_id, f.agency_id, f.handling_code, f.masking_cell, f.locations, f.weight_sum * $3, f.first_found_at, f.last_found_at
            FROM hotspot_found_groups f
            WHERE f.run_id = $2 AND f.hotspot_id = ANY ($4)
            """, [run.Id, previousRun, decay, foundCarriedIds], cancellationToken);
        await ExecuteAsync(connection, transaction, "SELECT summarise_hotspot_found_locations($1, $2)",
            [run.Id, hotspots.Select(h => h.Id).Except(foundCarriedIds).ToArray()], cancellationToken);
        phases.Mark("found-location groups");
        return new Written(added.Count, closed.Count, foundAdded.Count, foundClosed.Count, carriedIds.Length, advancedIds.Count, summarisedIds.Length,
            new OpenMembers(run.Id, now));

        // A hotspot with the cells it had, some of them moved: its previous rows, but for the moved points, which may
        // have joined it, left it or changed their weight.
        HotspotRows CompareMoved(Guid id, DetectedHotspot hotspot, HotspotRows before, IReadOnlySet<int> positions)
        {
            var rows = new Dictionary<Guid, (double Weight, DateTimeOffset WeightedAt)>(before.Rows);
            var found = new Dictionary<Guid, (double Weight, DateTimeOffset WeightedAt)>(before.Found);
            var members = new HashSet<int>();
            foreach (var i in hotspot.Reports)
            {
                if (!positions.Contains(i))
                {
                    continue;
                }

                members.Add(i);
                var report = snapshot.Reports[i];
                var weight = weighting.Weight(report.SourceEvaluation, report.IntelligenceAssessment, report.OccurredAt, asOf);
                if (snapshot.FromEpisodes[i])
                {
                    if (!Keep(id, snapshot.Ids[i], weight, before.Found, found, foundAdded, foundClosed))
                    {
                        foundChanged.Add(id);
                    }
                }
                else if (!Keep(id, snapshot.Ids[i], weight, before.Rows, rows, added, closed))
                {
                    changed.Add(id);
                }
            }

            foreach (var i in positions)
            {
                var point = snapshot.Ids[i];
                if (members.Contains(i))
                {
                    continue;
                }

                if (rows.Remove(point, out var row))
                {
                    closed.Add((id, point, row.Weight * Decay(row.WeightedAt)));
                    changed.Add(id);
                }
                else if (found.Remove(point, out row))
                {
                    foundClosed.Add((id, point, row.Weight * Decay(row.WeightedAt)));
                    foundChanged.Add(id);
                }
            }

            return new HotspotRows(hotspot.Area.Cells, rows, found);
        }

        // Keeps a point's open row when its carried weight is the one the run gives it, else closes it (if any) and adds
        // a row; true when kept.
        bool Keep(Guid hotspot, Guid point, double weight, IReadOnlyDictionary<Guid, (double Weight, DateTimeOffset WeightedAt)> previous,
            Dictionary<Guid, (double Weight, DateTimeOffset WeightedAt)> rows, List<(Guid Hotspot, Guid Report, double Weight)> adding,
            List<(Guid Hotspot, Guid Report, double Weight)> closing)
        {
            if (previous.TryGetValue(point, out var row))
            {
                var carried = row.Weight * Decay(row.WeightedAt);
                if (Math.Abs(carried - weight) <= WeightTolerance * Math.Max(Math.Abs(carried), Math.Abs(weight)))
                {
                    rows[point] = row;
                    return true;
                }

                closing.Add((hotspot, point, carried));
            }

            rows[point] = (weight, asOf);
            adding.Add((hotspot, point, weight));
            return false;
        }

        // Closes the previous rows the run did not keep; true when there were any.
        bool CloseRest(Guid hotspot, IReadOnlyDictionary<Guid, (double Weight, DateTimeOffset WeightedAt)> previous,
            IReadOnlyDictionary<Guid, (double Weight, DateTimeOffset WeightedAt)> kept, List<(Guid Hotspot, Guid Report, double Weight)> closing)
        {
            var any = false;
            foreach (var (point, row) in previous)
            {
                if (!kept.ContainsKey(point))
                {
                    closing.Add((hotspot, point, row.Weight * Decay(row.WeightedAt)));
                    any = true;
                }
            }

            return any;
        }

        double Decay(DateTimeOffset weightedAt)
        {
            if (!decays.TryGetValue(weightedAt, out var decay))
            {
                decay = Math.Pow(0.5, (asOf - weightedAt).TotalDays / parameters.HalfLifeDays);
                decays[weightedAt] = decay;
            }

            return decay;
        }
    }

    /// <summary>
    /// Closes the open rows of <paramref name="table"/> (<c>hotspot_members</c> or <c>hotspot_episode_members</c>, whose
    /// point is <paramref name="pointColumn"/>) that the run took out, at its <paramref name="seq"/>, and adds those it put in.
    /// </summary>
    private static async Task WriteSpansAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string pointColumn, HotspotRun run,
        long seq, List<(Guid Hotspot, Guid Point, double Weight)> added, List<(Guid Hotspot, Guid Point, double Weight)> closed, CancellationToken cancellationToken)
    {
        // Through temporary tables: COPY cannot write to a table under row-level security.
        if (closed.Count > 0)
        {
            await ExecuteAsync(connection, transaction, $"CREATE TEMP TABLE {table}_closed (hotspot_id uuid NOT NULL, point_id uuid NOT NULL) ON COMMIT DROP", [], cancellationToken);
            await HotspotRunWriter.CopyAsync(connection, $"{table}_closed (hotspot_id, point_id)", closed, async (row, item) =>
            {
                await row.WriteAsync(item.Hotspot, NpgsqlDbType.Uuid, cancellationToken);
                await row.WriteAsync(item.Point, NpgsqlDbType.Uuid, cancellationToken);
            }, cancellationToken);
            await ExecuteAsync(connection, transaction, $"""
                UPDATE {table} m SET until_seq = $1
                FROM {table}_closed c
                WHERE m.{pointColumn} = c.point_id AND m.hotspot_id = c.hotspot_id AND m.from_seq IS NOT NULL AND m.until_seq IS NULL
                """, [seq], cancellationToken);
        }

        if (added.Count > 0)
        {
            await ExecuteAsync(connection, transaction, $"CREATE TEMP TABLE {table}_added (hotspot_id uuid NOT NULL, point_id uuid NOT NULL, weight float8 NOT NULL) ON COMMIT DROP",
                [], cancellationToken);
            await HotspotRunWriter.CopyAsync(connection, $"{table}_added (hotspot_id, point_id, weight)", added, async (row, item) =>
            {
                await row.WriteAsync(item.Hotspot, NpgsqlDbType.Uuid, cancellationToken);
                await row.WriteAsync(item.Point, NpgsqlDbType.Uuid, cancellationToken);
                await row.WriteAsync(item.Weight, NpgsqlDbType.Double, cancellationToken);
            }, cancellationToken);
            await ExecuteAsync(connection, transaction, $"""
                INSERT INTO {table} (run_id, hotspot_id, {pointColumn}, weight, weighted_at, from_seq)
                SELECT $1, a.hotspot_id, a.point_id, a.weight, $2, $3 FROM {table}_added a ORDER BY a.hotspot_id, a.point_id
                """, [run.Id, run.AsOf, seq], cancellationToken);
        }
    }

    /// <summary>
    /// Which of <paramref name="ids"/> the line's previous run found with summaries that are fresh (no member report,
    /// mention or found location changed since, <c>hotspot_stale</c>): those can be carried or brought forward; and of
    /// those, which have found-location groups (runs written before migration 0059 have none).
    /// </summary>
    private static async Task<(HashSet<Guid> Fresh, HashSet<Guid> FoundSummarised)> FreshAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid previousRun, Guid[] ids,
        CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, """
            SELECT hh.hotspot_id, hh.found_summarised FROM hotspot_history hh
            WHERE hh.run_id = $1 AND hh.hotspot_id = ANY ($2)
              AND NOT EXISTS (SELECT 1 FROM hotspot_stale s WHERE s.run_id = hh.run_id AND s.hotspot_id = hh.hotspot_id)
            """, [previousRun, ids]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (fresh, foundSummarised) = (new HashSet<Guid>(), new HashSet<Guid>());
        while (await reader.ReadAsync(cancellationToken))
        {
            fresh.Add(reader.GetGuid(0));
            if (reader.GetBoolean(1))
            {
                foundSummarised.Add(reader.GetGuid(0));
            }
        }

        return (fresh, foundSummarised);
    }

    /// <summary>The line's latest run and its date; an id no run has when the line has none yet.</summary>
    private static async Task<(Guid Run, DateTimeOffset AsOf)> PreviousRunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT mr.run_id, r.as_of FROM hotspot_member_runs mr JOIN hotspot_runs r ON r.id = mr.run_id ORDER BY mr.seq DESC LIMIT 1
            """, connection, transaction)
        { CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)) : (Guid.Empty, default);
    }

    /// <summary>The line's open member and found-location rows, as the database has them, hotspot by hotspot.</summary>
    private static async Task<Dictionary<Guid, HotspotRows>> OpenMembersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var rows = await OpenRowsAsync(connection, transaction, "SELECT hotspot_id, report_id, weight, weighted_at FROM hotspot_members WHERE from_seq IS NOT NULL AND until_seq IS NULL",
            cancellationToken);
        var found = await OpenRowsAsync(connection, transaction,
            "SELECT hotspot_id, episode_id, weight, weighted_at FROM hotspot_episode_members WHERE from_seq IS NOT NULL AND until_seq IS NULL", cancellationToken);
        var none = new Dictionary<Guid, (double, DateTimeOffset)>();
        return rows.Keys.Union(found.Keys).ToDictionary(hotspot => hotspot,
            hotspot => new HotspotRows(null, rows.GetValueOrDefault(hotspot) ?? none, found.GetValueOrDefault(hotspot) ?? none));
    }

    /// <summary>Rows of hotspot, point, weight and when it was weighed, by hotspot and point.</summary>
    private static async Task<Dictionary<Guid, Dictionary<Guid, (double, DateTimeOffset)>>> OpenRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds };
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        var open = new Dictionary<Guid, Dictionary<Guid, (double, DateTimeOffset)>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var hotspot = reader.GetGuid(0);
            if (!open.TryGetValue(hotspot, out var rows))
            {
                open[hotspot] = rows = [];
            }

            rows[reader.GetGuid(1)] = (reader.GetDouble(2), reader.GetFieldValue<DateTimeOffset>(3));
        }

        return open;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds };
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
