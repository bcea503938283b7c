using Npgsql;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// A run's member summaries (its members grouped by who may read them, and their linked persons and vehicles by link
/// group) made on a connection of their own while the run's connection writes the member rows
/// (<c>hotspot_member_summaries</c>, migration 0066), then stored in the run's transaction: an analyst's run makes them
/// for all its hotspots, a run of the published line for those whose summaries it can neither carry nor bring forward.
/// At a million reports each takes about 5 s of one core of the database (a line's first run writes its member spans
/// in 7-9 s): one after the other, they were most of a full run. The second connection reads the reports as committed some seconds before the run's own
/// would have; a report changed between that read and the run's commit is not marked stale (the staleness triggers see
/// committed member rows only), as one changed between the summary and the commit never was.
/// </summary>
internal static class HotspotMemberSummaries
{
    /// <summary>A summary group of a hotspot's member reports (<c>hotspot_member_groups</c>); the masking cell as EWKB.</summary>
    public sealed record Group(Guid HotspotId, Guid AgencyId, string HandlingCode, bool ChildLinked, byte[]? MaskingCell, string Category,
        int LinkGroup, int Reports, double WeightSum, DateTime FirstReportAt, DateTime LastReportAt);

    /// <summary>How many persons or vehicles a hotspot's members mention in exactly these link groups (<c>hotspot_linked_sets</c>).</summary>
    public sealed record LinkedSet(Guid HotspotId, string Kind, int[] LinkGroups, int Entities);

    public sealed record Made(List<Group> Groups, List<LinkedSet> LinkedSets);

    /// <summary>
    /// Starts making the summaries of the members (at each position a hotspot, a report, and its weight as of
    /// <paramref name="weightedAt"/>, brought to the run's date <paramref name="asOf"/> by <c>hotspot_member_weight</c>
    /// as <c>summarise_hotspot_members</c> does; null when every weight is as of the run) on a connection opened for them.
    /// </summary>
    public static Aside Start(Func<CancellationToken, ValueTask<NpgsqlConnection>> openConnection, Guid[] hotspots, Guid[] reports, double[] weights,
        DateTimeOffset[]? weightedAt, DateTimeOffset asOf, double halfLifeDays, CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (hotspots.Length == 0)
        {
            return new Aside(stop, Task.FromResult(new Made([], [])));
        }

        return new Aside(stop, MakeAsync(openConnection, [hotspots, reports, weights, weightedAt ?? (object)DBNull.Value, asOf, halfLifeDays], stop.Token));
    }

    /// <summary>Summaries being made aside: stored once made, or stopped (and waited for) when disposed of first.</summary>
    public sealed class Aside(CancellationTokenSource stop, Task<Made> made) : IAsyncDisposable
    {
        /// <summary>Waits for the summaries and stores them as the run <paramref name="runId"/>'s, in its transaction.</summary>
        public async Task StoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, CancellationToken cancellationToken) =>
            await HotspotMemberSummaries.StoreAsync(connection, transaction, runId, await made, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await made.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            stop.Dispose();
        }
    }

    private static async Task<Made> MakeAsync(Func<CancellationToken, ValueTask<NpgsqlConnection>> openConnection, object[] parameters,
        CancellationToken cancellationToken)
    {
        await using var connection = await openConnection(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT hotspot_id, agency_id, handling_code, child_linked, masking_cell::bytea, category, link_group, reports, weight_sum,
                   first_report_at, last_report_at, kind, link_groups, entities
            FROM hotspot_member_summaries($1, $2, CASE WHEN $4::timestamptz[] IS NULL THEN $3::float8[] ELSE
                ARRAY(SELECT hotspot_member_weight(m.weight, m.weighted_at, $5, $6)
                      FROM unnest($3::float8[], $4::timestamptz[]) WITH ORDINALITY AS m (weight, weighted_at, position) ORDER BY m.position) END)
            """, connection) { CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds };
        command.Parameters.AddRange(parameters.Select(value => new NpgsqlParameter { Value = value }).ToArray());
        var made = new Made([], []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(11))
            {
                made.Groups.Add(new Group(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetBoolean(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4), reader.GetString(5), reader.GetInt32(6), reader.GetInt32(7),
                    reader.GetDouble(8), reader.GetFieldValue<DateTime>(9), reader.GetFieldValue<DateTime>(10)));
            }
            else
            {
                made.LinkedSets.Add(new LinkedSet(reader.GetGuid(0), reader.GetString(11), reader.GetFieldValue<int[]>(12), reader.GetInt32(13)));
            }
        }

        return made;
    }

    private static async Task StoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, Made made, CancellationToken cancellationToken)
    {
        await using (var groups = new NpgsqlCommand("""
            INSERT INTO hotspot_member_groups (run_id, hotspot_id, agency_id, handling_code, child_linked, masking_cell, category,
                                               link_group, reports, weight_sum, first_report_at, last_report_at)
            SELECT $1, g.hotspot_id, g.agency_id, g.handling_code, g.child_linked, g.masking_cell::geometry, g.category, g.link_group,
                   g.reports, g.weight_sum, g.first_report_at, g.last_report_at
            FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::boolean[], $6::bytea[], $7::text[], $8::int[], $9::int[], $10::float8[],
                        $11::timestamptz[], $12::timestamptz[])
                 AS g (hotspot_id, agency_id, handling_code, child_linked, masking_cell, category, link_group, reports, weight_sum,
                       first_report_at, last_report_at)
            """, connection, transaction) { CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds })
        {
            object[] values =
            [
                runId, made.Groups.Select(g => g.HotspotId).ToArray(), made.Groups.Select(g => g.AgencyId).ToArray(),
                made.Groups.Select(g => g.HandlingCode).ToArray(), made.Groups.Select(g => g.ChildLinked).ToArray(),
                made.Groups.Select(g => g.MaskingCell).ToArray(), made.Groups.Select(g => g.Category).ToArray(),
                made.Groups.Select(g => g.LinkGroup).ToArray(), made.Groups.Select(g => g.Reports).ToArray(),
                made.Groups.Select(g => g.WeightSum).ToArray(), made.Groups.Select(g => g.FirstReportAt).ToArray(),
                made.Groups.Select(g => g.LastReportAt).ToArray(),
            ];
            groups.Parameters.AddRange(values.Select(value => new NpgsqlParameter { Value = value }).ToArray());
            await groups.ExecuteNonQueryAsync(cancellationToken);
        }

        // Each set's link groups as an array literal: unnest takes no array of arrays of differing lengths.
        await using var linked = new NpgsqlCommand("""
            INSERT INTO hotspot_linked_sets (run_id, hotspot_id, kind, link_groups, entities)
            SELECT $1, l.hotspot_id, l.kind, l.link_groups::int[], l.entities
            FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[]) AS l (hotspot_id, kind, link_groups, entities)
            """, connection, transaction) { CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds };
        object[] sets =
        [
            runId, made.LinkedSets.Select(l => l.HotspotId).ToArray(), made.LinkedSets.Select(l => l.Kind).ToArray(),
            made.LinkedSets.Select(l => $"{{{string.Join(',', l.LinkGroups)}}}").ToArray(), made.LinkedSets.Select(l => l.Entities).ToArray(),
        ];
        linked.Parameters.AddRange(sets.Select(value => new NpgsqlParameter { Value = value }).ToArray());
        await linked.ExecuteNonQueryAsync(cancellationToken);
    }
}
