using System.Data;
using Microsoft.EntityFrameworkCore;
using HotspotIntel.Core;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Network;

/// <summary>
/// The network's reads, each one set-based statement on the request's connection, under its row-level security: the
/// link ends at a set of entities (one scan of each table's index by entity per hop, through <c>network_link_ends</c>), the entities themselves as the reader
/// may see them, and the entities a report names or a hotspot holds. A record merged into another (entity resolution,
/// <c>entity_merges</c>) is read as its survivor wherever the reader may see the merge (both records): the survivor's
/// link ends include the merged record's, and an end at the merged record is an end at the survivor.
/// </summary>
public sealed class NetworkStore(NpgsqlConnection connection)
{
    // An end as the reader sees it: its entity as given (a survivor for a merged record's end), its other end as its
    // survivor when merged. A link between two records merged into one would join the survivor to itself, and is left out.
    private const string LinkEndColumns = """
        a.canonical, e.link_id, e.entity_kind, coalesce(o.survivor_id, e.other_id), e.other_kind, e.derivation, e.link_type, e.agency_id,
        e.paired_agency_id, e.security_marking::text, e.source_evaluation::text, e.intelligence_assessment::text, e.starts_on, e.ends_on,
        e.evidence_count
        """;

    // The ids to read link ends at: each entity, and every record merged into it that the reader may see merged.
    private const string Aliases = """
        aliases AS (
            SELECT f.id AS canonical, f.id AS entity_id FROM unnest($1::uuid[]) AS f (id)
            UNION
            SELECT m.survivor_id, m.merged_id FROM entity_merges m WHERE m.survivor_id = ANY ($1) AND m.reversed_at IS NULL)
        """;

    private const string MergedOther = "LEFT JOIN entity_merges o ON o.merged_id = e.other_id AND o.reversed_at IS NULL";

    /// <summary>
    /// The ends, at <paramref name="entityIds"/>, of the links <paramref name="filter"/> follows; with
    /// <paramref name="towards"/>, only those whose other end is one of them.
    /// </summary>
    public async Task<List<LinkEnd>> LinkEndsAsync(IReadOnlyCollection<Guid> entityIds, NetworkFilter filter,
        IReadOnlyCollection<Guid>? towards, CancellationToken cancellationToken)
    {
        if (entityIds.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand($"""
            WITH {Aliases}
            SELECT {LinkEndColumns}
            FROM aliases a
            JOIN network_link_ends e ON e.entity_id = a.entity_id
            {MergedOther}
            WHERE (cardinality($2::text[]) = 0 OR e.link_type = ANY ($2))
              AND ($3::text IS NULL OR e.source_evaluation <= $3)
              AND ($4::text IS NULL OR e.intelligence_assessment <= $4)
              AND ($5::date IS NULL OR e.ends_on IS NULL OR e.ends_on >= $5)
              AND ($6::date IS NULL OR e.starts_on IS NULL OR e.starts_on <= $6)
              AND (cardinality($7::uuid[]) = 0 OR (e.agency_id = ANY ($7) AND e.paired_agency_id = ANY ($7)))
              AND ($8::uuid[] IS NULL OR coalesce(o.survivor_id, e.other_id) = ANY ($8))
              AND coalesce(o.survivor_id, e.other_id) <> a.canonical
            """, connection)
        {
            Parameters =
            {
                new() { Value = entityIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new() { Value = filter.LinkTypes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = Code(filter.MinSourceEvaluation), NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = Code(filter.MinIntelligenceAssessment), NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = (object?)filter.From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date },
                new() { Value = (object?)filter.To ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date },
                new() { Value = filter.AgencyIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new() { Value = (object?)towards?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            },
        };
        return await ReadEndsAsync(command, cancellationToken);
    }

    private static async Task<List<LinkEnd>> ReadEndsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ends = new List<LinkEnd>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ends.Add(new LinkEnd(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetGuid(7), reader.GetGuid(8), reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetFieldValue<DateOnly>(12), reader.IsDBNull(13) ? null : reader.GetFieldValue<DateOnly>(13),
                reader.IsDBNull(14) ? null : reader.GetInt32(14)));
        }

        return ends;
    }

    /// <summary>The reader's connection, with its access session.</summary>
    public NpgsqlConnection Connection => connection;

    /// <summary>
    /// Which of <paramref name="ends"/> (each a link end as this instance's copy holds it: the entity holding it, the
    /// link's id, the entity at its other end and its security marking) the reader may not see, or that no longer are as
    /// the copy holds them: their positions in <paramref name="ends"/>, none when the database returns every one. In one
    /// statement under row-level security, one probe by pair for each two entities the ends join: of <c>link_ends</c>
    /// (migration 0058) for recorded links, of <c>derived_links</c> (0073, which holds each pair once, its smaller id
    /// first) for derived ones. Each returns every link (and evidence class) between the two at once, where a probe by
    /// key would take one each.
    /// </summary>
    public async Task<List<int>> MissingLinkEndsAsync(IReadOnlyList<LinkEndKey> ends, CancellationToken cancellationToken)
    {
        if (ends.Count == 0)
        {
            return [];
        }

        // Each pair once, in the index's order (Guid compares as PostgreSQL's uuid does): the probes walk it forwards. A
        // derived link is one row for both its ends, so its pair is probed once, as derived_links holds it.
        var recorded = PairsOf(ends, derived: false);
        var derived = PairsOf(ends, derived: true);

        // OFFSET 0 keeps the probes a nested loop: flattened, the planner may prefer a hash join over the whole table,
        // as it underestimates how many rows the read policy lets through. What comes back is each visible row's pair
        // (its position in the arrays sent, negative for a derived pair), link and marking, matched here against the copy's.
        await using var command = new NpgsqlCommand("""
            SELECT p.i::int4, e.link_id, e.security_marking::text
            FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS p (entity_id, other_id, i)
            CROSS JOIN LATERAL (SELECT e.link_id, e.security_marking FROM link_ends e
                                WHERE e.entity_id = p.entity_id AND e.other_id = p.other_id OFFSET 0) e
            UNION ALL
            SELECT -p.i::int4, d.id, d.security_marking::text
            FROM unnest($3::uuid[], $4::uuid[]) WITH ORDINALITY AS p (entity_id, other_id, i)
            CROSS JOIN LATERAL (SELECT d.id, d.security_marking FROM derived_links d
                                WHERE d.entity_id = p.entity_id AND d.other_id = p.other_id OFFSET 0) d
            """, connection);
        foreach (var pairs in (IEnumerable<(Guid Holder, Guid Other)[]>)[recorded, derived])
        {
            command.Parameters.Add(new() { Value = pairs.Select(pair => pair.Holder).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            command.Parameters.Add(new() { Value = pairs.Select(pair => pair.Other).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        }

        var returned = new Dictionary<(Guid Holder, Guid Other, Guid LinkId), string>(ends.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var position = reader.GetInt32(0);
                var (holder, other) = position > 0 ? recorded[position - 1] : derived[-position - 1];
                returned[(holder, other, reader.GetGuid(1))] = reader.GetString(2);
            }
        }

        var missing = new List<int>();
        for (var i = 0; i < ends.Count; i++)
        {
            var (holder, other) = Probed(ends[i]);
            if (!returned.TryGetValue((holder, other, ends[i].LinkId), out var marking) || marking != ends[i].SecurityMarking)
            {
                missing.Add(i);
            }
        }

        return missing;
    }

    private static (Guid Holder, Guid Other)[] PairsOf(IReadOnlyList<LinkEndKey> ends, bool derived) =>
        [.. ends.Where(end => end.Derived == derived).Select(Probed).Distinct().Order()];

    /// <summary>The pair an end is probed by: its own for a recorded end, its link's (smaller id first) for a derived one.</summary>
    private static (Guid Holder, Guid Other) Probed(LinkEndKey end) =>
        end.Derived && end.Other.CompareTo(end.Holder) < 0 ? (end.Other, end.Holder) : (end.Holder, end.Other);

    /// <summary>The ends of the recorded link <paramref name="linkId"/>, if the reader may see it.</summary>
    public async Task<List<LinkEnd>> LinkEndsOfAsync(Guid linkId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {LinkEndColumns}
            FROM link_ends e
            CROSS JOIN LATERAL (SELECT coalesce((SELECT m.survivor_id FROM entity_merges m WHERE m.merged_id = e.entity_id AND m.reversed_at IS NULL),
                                                e.entity_id) AS canonical) a
            {MergedOther}
            WHERE e.link_id = $1 AND e.derivation = 'recorded' AND coalesce(o.survivor_id, e.other_id) <> a.canonical
            """, connection)
        {
            Parameters = { new() { Value = linkId, NpgsqlDbType = NpgsqlDbType.Uuid } },
        };
        return await ReadEndsAsync(command, cancellationToken);
    }

    /// <summary>
    /// The entities among <paramref name="wanted"/> that the reader may see. Each kind's ids go to that kind's branch of
    /// <c>network_entities</c> only, so every branch probes its own primary key.
    /// </summary>
    public async Task<List<NetworkEntity>> EntitiesAsync(IEnumerable<(Guid Id, string Kind)> wanted, CancellationToken cancellationToken)
    {
        var byKind = wanted.Distinct().GroupBy(entity => entity.Kind).ToDictionary(group => group.Key, group => group.Select(e => e.Id).ToArray());
        if (byKind.Count == 0)
        {
            return [];
        }

        var kinds = NetworkReference.EntityKinds;
        var conditions = string.Join(" OR ", kinds.Select((kind, i) => $"(kind = '{kind}' AND id = ANY (${i + 1}))"));
        await using var command = new NpgsqlCommand($"""
            SELECT id, kind, label, detail, agency_id, handling_code::text, security_marking::text, date_of_birth, ST_X(point), ST_Y(point)
            FROM network_entities
            WHERE {conditions}
            """, connection);
        foreach (var kind in kinds)
        {
            command.Parameters.Add(new() { Value = byKind.GetValueOrDefault(kind) ?? [], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        }

        var entities = new List<NetworkEntity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entities.Add(new NetworkEntity(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetGuid(4), reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8), reader.IsDBNull(9) ? null : reader.GetDouble(9)));
        }

        return entities;
    }

    /// <summary>
    /// Each entity as the network holds it: a record merged into another (where the reader may see both) as its
    /// survivor, any other as itself.
    /// </summary>
    public async Task<List<(Guid Id, string Kind)>> CanonicalAsync(IReadOnlyList<(Guid Id, string Kind)> entities, CancellationToken cancellationToken)
    {
        if (entities.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(
            "SELECT merged_id, survivor_id FROM entity_merges WHERE merged_id = ANY ($1) AND reversed_at IS NULL", connection)
        {
            Parameters = { new() { Value = entities.Select(entity => entity.Id).Distinct().ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid } },
        };
        var survivors = new Dictionary<Guid, Guid>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                survivors[reader.GetGuid(0)] = reader.GetGuid(1);
            }
        }

        return [.. entities.Select(entity => (survivors.GetValueOrDefault(entity.Id, entity.Id), entity.Kind)).Distinct()];
    }

    /// <summary>
    /// The entities a network starts from: entities as given; for a report, what it names as the reader may see its
    /// mentions; for a hotspot, the premises and places it holds as the reader sees it (<see cref="HotspotHoldingsAsync"/>).
    /// Merged records are as named (<see cref="NetworkExplorer"/> starts from their survivors).
    /// </summary>
    public async Task<List<(Guid Id, string Kind)>> StartingEntitiesAsync(IReadOnlyList<NetworkReference> starts, CancellationToken cancellationToken)
    {
        var entities = starts.Where(start => start.IsEntity).Select(start => (start.Id, start.Kind)).ToList();
        var reports = starts.Where(start => start.Kind == NetworkReference.Report).Select(start => start.Id).ToArray();
        var hotspots = starts.Where(start => start.Kind == NetworkReference.Hotspot).Select(start => start.Id).ToArray();
        if (reports.Length + hotspots.Length == 0)
        {
            return entities;
        }

        if (reports.Length > 0)
        {
            await using var command = new NpgsqlCommand("SELECT entity_id, entity_kind FROM report_mentions WHERE report_id = ANY ($1)", connection)
            {
                Parameters = { new() { Value = reports, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid } },
            };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entities.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        entities.AddRange((await HotspotHoldingsAsync(hotspots, cancellationToken)).Select(holding => (holding.EntityId, holding.Kind)));
        return [.. entities.Distinct()];
    }

    /// <summary>
    /// The premises and places each hotspot holds as the reader sees it (<c>hotspots_seen</c>) in the latest of its runs
    /// the reader may see (<c>hotspot_history_runs</c>): nothing of a hotspot the reader may not see, as of one that does
    /// not exist, where the <c>hotspots</c> table would tell any reader what every hotspot holds.
    /// </summary>
    public async Task<List<(Guid HotspotId, Guid EntityId, string Kind)>> HotspotHoldingsAsync(IReadOnlyCollection<Guid> hotspotIds,
        CancellationToken cancellationToken)
    {
        var holdings = new List<(Guid, Guid, string)>();
        if (hotspotIds.Count == 0)
        {
            return holdings;
        }

        await using var command = new NpgsqlCommand("""
            SELECT h.hotspot_id, held.id, held.kind
            FROM unnest($1::uuid[]) AS asked (id)
            CROSS JOIN LATERAL hotspots_seen(NULL, asked.id, ARRAY(SELECT r.run_id FROM hotspot_history_runs(asked.id, NULL, 1) r)) h
            CROSS JOIN LATERAL (SELECT unnest(h.premises_ids), 'premises' UNION ALL SELECT unnest(h.location_ids), 'location') AS held (id, kind)
            """, connection)
        {
            Parameters = { new() { Value = hotspotIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            holdings.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2)));
        }

        return holdings;
    }

    /// <summary>Opens the DbContext's connection if it is not open (the access session is set when it opens).</summary>
    public static async Task<NpgsqlConnection> OpenAsync(Data.HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        return connection;
    }

    private static object Code<TEnum>(TEnum? value) where TEnum : struct, Enum =>
        value is { } known ? EnumCodes<TEnum>.ToCode(known) : DBNull.Value;
}
