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
/// every other hotspot's are made from its members (<c>summarise_hotspot_members</c>).
/// </summary>
internal static class HotspotMemberSpans
{
    /// <summary>
    /// How close a carried weight must be to the one the run gives: the decay brought forward in one step differs from
    /// the decay at once only in the last bits; a changed grading, date or half-life differs by far more.
    /// </summary>
    private const double WeightTolerance = 1e-12;

    /// <summary>What a run wrote: member rows added and closed, and hotspots whose summaries were carried or made.</summary>
    public sealed record Written(int Added, int Closed, int Carried, int Summarised);

    public static async Task<Written> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, HotspotRun run,
        HotspotParameters parameters, ReportSnapshot snapshot, IReadOnlyList<HotspotRunWriter.Identified> hotspots, CancellationToken cancellationToken)
    {
        var asOf = run.AsOf;
        var (previousRun, previousAsOf) = await PreviousRunAsync(connection, transaction, cancellationToken);
        var seq = await ScalarAsync<long>(connection, transaction, "SELECT nextval('hotspot_member_seq')", [], cancellationToken);
        await ExecuteAsync(connection, transaction, "INSERT INTO hotspot_member_runs (run_id, seq) VALUES ($1, $2)", [run.Id, seq], cancellationToken);

        var open = await OpenMembersAsync(connection, transaction, asOf, parameters.HalfLifeDays, cancellationToken);
        var weighting = new ReportWeighting(parameters.HalfLifeDays);
        var added = new List<(Guid Hotspot, Guid Report, double Weight)>();
        var closed = new List<(Guid Hotspot, Guid Report)>();
        var changed = new HashSet<Guid>();
        foreach (var (id, hotspot) in hotspots)
        {
            foreach (var i in hotspot.Reports)
            {
                if (snapshot.FromEpisodes[i])
                {
                    continue;
                }

                var report = snapshot.Reports[i];
                var key = (id, snapshot.Ids[i]);
                var weight = weighting.Weight(report.SourceEvaluation, report.IntelligenceAssessment, report.OccurredAt, asOf);
                if (open.Remove(key, out var carried))
                {
                    if (Math.Abs(carried - weight) <= WeightTolerance * Math.Max(Math.Abs(carried), Math.Abs(weight)))
                    {
                        continue;
                    }

                    closed.Add(key);
                }

                added.Add((id, snapshot.Ids[i], weight));
                changed.Add(id);
            }
        }

        // Whatever is still open is no longer a member: of a hotspot that lost it, or of one that is gone.
        closed.AddRange(open.Keys);
        changed.UnionWith(open.Keys.Select(key => key.Hotspot));

        await ExecuteAsync(connection, transaction, "CREATE TEMP TABLE run_closed (hotspot_id uuid NOT NULL, report_id uuid NOT NULL) ON COMMIT DROP", [], cancellationToken);
        await ExecuteAsync(connection, transaction, "CREATE TEMP TABLE run_added (hotspot_id uuid NOT NULL, report_id uuid NOT NULL, weight float8 NOT NULL) ON COMMIT DROP", [], cancellationToken);
        await HotspotRunWriter.CopyAsync(connection, "run_closed (hotspot_id, report_id)", closed, async (row, item) =>
        {
            await row.WriteAsync(item.Hotspot, NpgsqlDbType.Uuid, cancellationToken);
            await row.WriteAsync(item.Report, NpgsqlDbType.Uuid, cancellationToken);
        }, cancellationToken);
        await HotspotRunWriter.CopyAsync(connection, "run_added (hotspot_id, report_id, weight)", added, async (row, item) =>
        {
            await row.WriteAsync(item.Hotspot, NpgsqlDbType.Uuid, cancellationToken);
            await row.WriteAsync(item.Report, NpgsqlDbType.Uuid, cancellationToken);
            await row.WriteAsync(item.Weight, NpgsqlDbType.Double, cancellationToken);
        }, cancellationToken);
        await ExecuteAsync(connection, transaction, """
            UPDATE hotspot_members m SET until_seq = $1
            FROM run_closed c
            WHERE m.report_id = c.report_id AND m.hotspot_id = c.hotspot_id AND m.from_seq IS NOT NULL AND m.until_seq IS NULL
            """, [seq], cancellationToken);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO hotspot_members (run_id, hotspot_id, report_id, weight, weighted_at, from_seq)
            SELECT $1, a.hotspot_id, a.report_id, a.weight, $2, $3 FROM run_added a
            """, [run.Id, asOf, seq], cancellationToken);

        // Summaries: carried for a hotspot with the same members as at the previous run and fresh summaries there.
        await ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE run_carried ON COMMIT DROP AS
            SELECT h.id FROM run_hotspots h
            WHERE h.id <> ALL ($2)
              AND EXISTS (SELECT 1 FROM hotspot_history hh WHERE hh.run_id = $1 AND hh.hotspot_id = h.id)
              AND NOT EXISTS (SELECT 1 FROM hotspot_stale s WHERE s.run_id = $1 AND s.hotspot_id = h.id)
            """, [previousRun, changed.ToArray()], cancellationToken);
        var decay = Math.Pow(0.5, (asOf - previousAsOf).TotalDays / parameters.HalfLifeDays);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO hotspot_member_groups (run_id, hotspot_id, agency_id, handling_code, child_linked, masking_cell, category,
                                               link_group, reports, weight_sum, first_report_at, last_report_at)
            SELECT $1, g.hotspot_id, g.agency_id, g.handling_code, g.child_linked, g.masking_cell, g.category, g.link_group,
                   g.reports, g.weight_sum * $3, g.first_report_at, g.last_report_at
            FROM hotspot_member_groups g JOIN run_carried c ON c.id = g.hotspot_id
            WHERE g.run_id = $2
            """, [run.Id, previousRun, decay], cancellationToken);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO hotspot_linked_sets (run_id, hotspot_id, kind, link_groups, entities)
            SELECT $1, l.hotspot_id, l.kind, l.link_groups, l.entities
            FROM hotspot_linked_sets l JOIN run_carried c ON c.id = l.hotspot_id
            WHERE l.run_id = $2
            """, [run.Id, previousRun], cancellationToken);
        var carriedCount = (int)await ScalarAsync<long>(connection, transaction, "SELECT count(*) FROM run_carried", [], cancellationToken);
        await ExecuteAsync(connection, transaction,
            "SELECT summarise_hotspot_members($1, ARRAY(SELECT h.id FROM run_hotspots h WHERE NOT EXISTS (SELECT 1 FROM run_carried c WHERE c.id = h.id)))",
            [run.Id], cancellationToken);
        return new Written(added.Count, closed.Count, carriedCount, hotspots.Count - carriedCount);
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

    /// <summary>The line's open member rows, each weight brought forward to <paramref name="asOf"/>.</summary>
    private static async Task<Dictionary<(Guid Hotspot, Guid Report), double>> OpenMembersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        DateTimeOffset asOf, double halfLifeDays, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT hotspot_id, report_id, weight, weighted_at FROM hotspot_members WHERE from_seq IS NOT NULL AND until_seq IS NULL",
            connection, transaction)
        { CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds };
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        var open = new Dictionary<(Guid, Guid), double>();
        var decays = new Dictionary<DateTimeOffset, double>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetGuid(0), reader.GetGuid(1));
            var weight = reader.GetDouble(2);
            var weightedAt = reader.GetFieldValue<DateTimeOffset>(3);
            if (!decays.TryGetValue(weightedAt, out var decay))
            {
                decay = Math.Pow(0.5, (asOf - weightedAt).TotalDays / halfLifeDays);
                decays[weightedAt] = decay;
            }

            open[key] = weight * decay;
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
