using HotspotIntel.Api.Data;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Records;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Network;

/// <summary>
/// This API instance's copy of the link network: every link end (<c>link_ends</c>) as adjacency arrays of small ints,
/// with what the read policy and the filters need of it (agencies and handling codes, derivation and type, grading,
/// time range), and every entity's kind, agency and handling code; no names, labels or places. Read once on the jobs'
/// login (the system, which reads everything) and brought up to date before every question from <c>network_changes</c>
/// (migration 0047), whose ids become visible in the order they were given: an instance that has applied every change up
/// to the latest it can see answers from the database as it is, so several instances agree and a reader's own writes
/// show in their next question on any instance. The walks over it (<see cref="NetworkExplorer"/>, <see cref="PathSearch"/>)
/// apply the reader's access rule, read from the database per question (<see cref="NetworkReader"/>); what they return
/// is then read again on the reader's own connection, under row-level security, and whatever the database does not
/// return is taken out and the walk done again.
/// </summary>
public sealed class NetworkIndex(SystemDatabase database, ILogger<NetworkIndex> logger)
{
    // Beyond this many entities changed at once (a full derived-link pass, an import), reading everything again is cheaper.
    private const int MostEntitiesReadAgain = 50_000;

    private static readonly string[] LinkTypeCodes = [.. NetworkFilter.LinkTypeCodes];
    private static readonly string[] DerivationCodes = ["recorded", "co_occurrence", "co_location"];

    private readonly SemaphoreSlim _syncing = new(1, 1);
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<Guid, int> _nodeByEntity = [];
    private readonly List<Guid> _entities = [];
    private readonly List<byte> _kinds = [];
    private readonly List<short> _agencies = [];
    private readonly List<bool> _shared = [];
    private readonly List<IndexedEnd[]> _ends = [];
    private readonly Dictionary<Guid, short> _agencyByGuid = [];
    private readonly List<Guid> _agencyGuids = [];
    private long _applied = -1;
    private long _lastSyncStarted;
    private long _endCount;

    /// <summary>Entities and link ends held, for the benchmark and logs.</summary>
    public (int Entities, long LinkEnds) Size
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return (_entities.Count, _endCount);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>
    /// Brings this copy up to date with every change committed before the call: reads the whole network the first time,
    /// then the changes since the last one applied (one indexed read when there are none). A sync that started after this
    /// call did is as good as its own.
    /// </summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        await _syncing.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _lastSyncStarted) > arrived)
            {
                return;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await using var context = database.CreateContext();
            var connection = await NetworkStore.OpenAsync(context, cancellationToken);
            if (_applied < 0)
            {
                await LoadAsync(connection, null, cancellationToken);
            }
            else
            {
                var (latest, changed) = await ChangesSinceAsync(connection, _applied, cancellationToken);
                if (latest != _applied && (changed is null || changed.Count > MostEntitiesReadAgain))
                {
                    await LoadAsync(connection, null, cancellationToken);
                }
                else if (latest != _applied)
                {
                    await LoadAsync(connection, changed, cancellationToken);
                    _applied = latest;
                }
            }

            // Only a sync that succeeded stands for the calls that arrived before it started.
            Volatile.Write(ref _lastSyncStarted, started);
        }
        finally
        {
            _syncing.Release();
        }
    }

    /// <summary>Runs <paramref name="read"/> over the copy, which no sync changes meanwhile.</summary>
    public T Read<T>(Func<NetworkIndex, T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read(this);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    // What a walk reads, only inside Read.
    internal int NodeOf(Guid entity) => _nodeByEntity.GetValueOrDefault(entity, -1);

    internal Guid EntityOf(int node) => _entities[node];

    internal string KindOf(int node) => _kinds[node] == 0 ? "" : NetworkReference.EntityKinds[_kinds[node] - 1];

    internal IndexedEnd[] EndsOf(int node) => _ends[node];

    internal int AgencyCount => _agencyGuids.Count;

    internal short AgencyOf(Guid agency) => _agencyByGuid.GetValueOrDefault(agency, (short)-1);

    internal Guid AgencyGuid(short agency) => _agencyGuids[agency];

    /// <summary>Whether the entity exists, with its agency and whether its handling code is P (sharing permitted).</summary>
    internal (bool Exists, short Agency, bool Shared) EntityAccess(int node) => (_kinds[node] != 0, _agencies[node], _shared[node]);

    internal static string LinkTypeCode(IndexedEnd end) => LinkTypeCodes[end.LinkType];

    internal static string DerivationCode(IndexedEnd end) => DerivationCodes[end.Derivation];

    internal static byte LinkTypeOf(string code) => (byte)Array.IndexOf(LinkTypeCodes, code);

    private static async Task<(long Latest, HashSet<Guid>? Changed)> ChangesSinceAsync(NpgsqlConnection connection, long applied,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id, entity_ids FROM network_changes WHERE id > $1 ORDER BY id", connection)
        {
            Parameters = { new() { Value = applied, NpgsqlDbType = NpgsqlDbType.Bigint } },
        };
        var latest = applied;
        HashSet<Guid>? changed = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            latest = reader.GetInt64(0);
            if (reader.IsDBNull(1))
            {
                changed = null;
            }
            else
            {
                changed?.UnionWith(reader.GetFieldValue<Guid[]>(1));
            }
        }

        return (latest, changed);
    }

    /// <summary>Reads the entities and link ends of <paramref name="changed"/> again, or everything when null.</summary>
    private async Task LoadAsync(NpgsqlConnection connection, HashSet<Guid>? changed, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long latest = 0;
        if (changed is null)
        {
            // The latest change before reading: anything after it is applied again on the next sync (reading again is idempotent).
            await using var command = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM network_changes", connection);
            latest = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var ids = changed?.ToArray();
        var entities = new List<(Guid Id, byte Kind, Guid Agency, bool Shared)>();
        var kinds = NetworkReference.EntityKinds;
        var tables = new[] { "persons", "premises", "vehicles", "locations", "phone_numbers", "online_identifiers" };
        var select = string.Join(" UNION ALL ", tables.Select(table =>
            $"SELECT id, '{Kind(table)}', agency_id, handling_code = 'P' FROM {table}" + (ids is null ? "" : " WHERE id = ANY ($1)")));
        await using (var command = new NpgsqlCommand(select, connection))
        {
            if (ids is not null)
            {
                command.Parameters.Add(new() { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entities.Add((reader.GetGuid(0), (byte)(IndexOf(kinds, reader.GetString(1)) + 1), reader.GetGuid(2), reader.GetBoolean(3)));
            }
        }

        var ends = new List<(Guid Entity, Guid Other, Guid Agency, Guid PairedAgency, IndexedEnd End)>();
        await using (var command = new NpgsqlCommand($"""
            SELECT entity_id, other_id, agency_id, paired_agency_id, link_id,
                   array_position($1::text[], derivation)::int2, array_position($2::text[], link_type)::int2,
                   handling_code = 'P', paired_handling_code = 'P',
                   coalesce(array_position($3::text[], security_marking::text), 1)::int2,
                   coalesce(array_position($4::text[], source_evaluation::text), 0)::int2,
                   coalesce(array_position($5::text[], intelligence_assessment::text), 0)::int2,
                   starts_on, ends_on, evidence_count
            FROM link_ends
            {(ids is null ? "" : "WHERE entity_id = ANY ($6)")}
            """, connection))
        {
            command.Parameters.Add(new() { Value = DerivationCodes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = LinkTypeCodes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = EnumCodes<SecurityMarking>.All.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = EnumCodes<SourceEvaluation>.All.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = EnumCodes<IntelligenceAssessment>.All.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            if (ids is not null)
            {
                command.Parameters.Add(new() { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var flags = (byte)((reader.GetBoolean(7) ? IndexedEnd.Shared : 0) | (reader.GetBoolean(8) ? IndexedEnd.PairedShared : 0));
                ends.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3), new IndexedEnd
                {
                    LinkId = reader.GetGuid(4),
                    Derivation = (byte)(reader.GetInt16(5) - 1),
                    LinkType = (byte)(reader.IsDBNull(6) ? 0 : reader.GetInt16(6) - 1),
                    Flags = flags,
                    SecurityMarking = (byte)(reader.GetInt16(9) - 1),
                    SourceEvaluation = (byte)reader.GetInt16(10),
                    IntelligenceAssessment = (byte)reader.GetInt16(11),
                    StartsOn = reader.IsDBNull(12) ? int.MinValue : reader.GetFieldValue<DateOnly>(12).DayNumber,
                    EndsOn = reader.IsDBNull(13) ? int.MaxValue : reader.GetFieldValue<DateOnly>(13).DayNumber,
                    EvidenceCount = reader.IsDBNull(14) ? -1 : reader.GetInt32(14),
                }));
            }
        }

        _lock.EnterWriteLock();
        try
        {
            if (changed is null)
            {
                _nodeByEntity.Clear();
                _entities.Clear();
                _kinds.Clear();
                _agencies.Clear();
                _shared.Clear();
                _ends.Clear();
                _endCount = 0;
            }
            else
            {
                // Every changed entity is read again whole: those no longer found are gone, with their link ends.
                foreach (var id in changed)
                {
                    if (_nodeByEntity.TryGetValue(id, out var node))
                    {
                        _kinds[node] = 0;
                        _endCount -= _ends[node].Length;
                        _ends[node] = [];
                    }
                }
            }

            foreach (var (id, kind, agency, shared) in entities)
            {
                var node = Node(id);
                (_kinds[node], _agencies[node], _shared[node]) = (kind, Agency(agency), shared);
            }

            foreach (var group in ends.GroupBy(end => end.Entity))
            {
                var node = Node(group.Key);
                _ends[node] = [.. group.Select(end => end.End with
                {
                    Other = Node(end.Other),
                    Agency = Agency(end.Agency),
                    PairedAgency = Agency(end.PairedAgency),
                })];
                _endCount += _ends[node].Length;
            }

            if (changed is null)
            {
                _applied = latest;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        if (changed is null)
        {
            // The arrays it holds (link ends, and per entity its id twice, kind, agency, handling and array header), and the managed heap after.
            var bytes = _endCount * System.Runtime.CompilerServices.Unsafe.SizeOf<IndexedEnd>() + _entities.Count * 96L;
            logger.LogInformation("Link network index read: {Entities} entities, {LinkEnds} link ends in {Seconds:F1} s; about {Megabytes:F0} MiB of arrays, managed heap {Heap:F0} MiB.",
                _entities.Count, _endCount, watch.Elapsed.TotalSeconds, bytes / 1048576.0, GC.GetTotalMemory(forceFullCollection: true) / 1048576.0);
        }
    }

    private int Node(Guid entity)
    {
        if (!_nodeByEntity.TryGetValue(entity, out var node))
        {
            node = _entities.Count;
            _nodeByEntity[entity] = node;
            _entities.Add(entity);
            _kinds.Add(0);
            _agencies.Add(-1);
            _shared.Add(false);
            _ends.Add([]);
        }

        return node;
    }

    private short Agency(Guid agency)
    {
        if (!_agencyByGuid.TryGetValue(agency, out var index))
        {
            index = (short)_agencyGuids.Count;
            _agencyByGuid[agency] = index;
            _agencyGuids.Add(agency);
        }

        return index;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Kind(string table) => table switch
    {
        "persons" => "person",
        "locations" => "location",
        "vehicles" => "vehicle",
        "phone_numbers" => "phone_number",
        "online_identifiers" => "online_identifier",
        _ => table,
    };
}

/// <summary>
/// One link end in <see cref="NetworkIndex"/>: the other entity, the link's id (a derived link's per evidence class),
/// agencies as indexes, codes as indexes into their lists (grading 1-based, 0 for none) and days as day numbers
/// (<see cref="int.MinValue"/> and <see cref="int.MaxValue"/> for open ends).
/// </summary>
internal readonly record struct IndexedEnd
{
    public const byte Shared = 1;
    public const byte PairedShared = 2;

    public Guid LinkId { get; init; }

    public int Other { get; init; }

    public short Agency { get; init; }

    public short PairedAgency { get; init; }

    public byte Derivation { get; init; }

    public byte LinkType { get; init; }

    public byte Flags { get; init; }

    public byte SecurityMarking { get; init; }

    public byte SourceEvaluation { get; init; }

    public byte IntelligenceAssessment { get; init; }

    public int StartsOn { get; init; }

    public int EndsOn { get; init; }

    public int EvidenceCount { get; init; }

    /// <summary>The grading as a number that sorts as its code does (<c>1A</c> first), ungraded last.</summary>
    public int GradingRank => SourceEvaluation == 0 ? int.MaxValue : SourceEvaluation * 16 + IntelligenceAssessment;
}
