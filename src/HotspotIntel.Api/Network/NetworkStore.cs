using System.Data;
using Microsoft.EntityFrameworkCore;
using HotspotIntel.Core;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Network;

/// <summary>
/// The network's reads, each one set-based statement on the request's connection, under its row-level security: the
/// link ends at a set of entities (one scan of <c>link_ends</c>' key per hop), the entities themselves as the reader
/// may see them, and the entities a report names or a hotspot holds.
/// </summary>
public sealed class NetworkStore(NpgsqlConnection connection)
{
    private const string LinkEndColumns = """
        entity_id, link_id, entity_kind, other_id, other_kind, derivation, link_type, agency_id, paired_agency_id,
        security_marking::text, source_evaluation::text, intelligence_assessment::text, starts_on, ends_on, evidence_count
        """;

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
            SELECT {LinkEndColumns}
            FROM link_ends
            WHERE entity_id = ANY ($1)
              AND (cardinality($2::text[]) = 0 OR link_type = ANY ($2))
              AND ($3::text IS NULL OR source_evaluation <= $3)
              AND ($4::text IS NULL OR intelligence_assessment <= $4)
              AND ($5::date IS NULL OR ends_on IS NULL OR ends_on >= $5)
              AND ($6::date IS NULL OR starts_on IS NULL OR starts_on <= $6)
              AND (cardinality($7::uuid[]) = 0 OR (agency_id = ANY ($7) AND paired_agency_id = ANY ($7)))
              AND ($8::uuid[] IS NULL OR other_id = ANY ($8))
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

    /// <summary>The ends of the recorded link <paramref name="linkId"/>, if the reader may see it.</summary>
    public async Task<List<LinkEnd>> LinkEndsOfAsync(Guid linkId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {LinkEndColumns} FROM link_ends WHERE link_id = $1 AND derivation = 'recorded'", connection)
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
    /// The entities a network starts from: entities as given; for a report, what it names as the reader may see its
    /// mentions; for a hotspot, the premises and places its latest run found in it.
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

        await using var command = new NpgsqlCommand("""
            SELECT entity_id, entity_kind FROM report_mentions WHERE report_id = ANY ($1)
            UNION
            SELECT unnest(premises_ids), 'premises' FROM hotspots WHERE id = ANY ($2)
            UNION
            SELECT unnest(location_ids), 'location' FROM hotspots WHERE id = ANY ($2)
            """, connection)
        {
            Parameters =
            {
                new() { Value = reports, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new() { Value = hotspots, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entities.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return entities;
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
