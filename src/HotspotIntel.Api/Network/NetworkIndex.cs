using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Records;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Network;

/// <summary>
/// This API instance's copy of the link network: every link end (<c>network_link_ends</c>: recorded links' ends and
/// each derived link's two) as adjacency arrays of small ints, with what the read policy and the filters need of it
/// (agencies and handling codes, derivation and type, grading, time range), and every entity's kind, agency and
/// handling code; no names, labels or places. Read once on a login of its own, which reads every row of those and
/// nothing else (<paramref name="copyLogin"/>: hotspotintel_network, migration 0074), and brought up to date before
/// every question from <c>network_changes</c> (migration 0047; read again whole when changes it may need were pruned,
/// migration 0064). Changes are found by the writing transaction's id against the oldest
/// transaction still running when the instance last looked (the snapshot's xmin), so a change committed late with a
/// small id is still found and no writer waits for another: an instance that has applied every change it can see
/// answers from the database as it is, so several instances agree and a reader's own writes show in their next
/// question on any instance. The walks over it (<see cref="NetworkExplorer"/>, <see cref="PathSearch"/>) apply the
/// reader's access rule, read from the database per question (<see cref="NetworkReader"/>); what they return is then
/// read again on the reader's own connection, under row-level security, and whatever the database does not return is
/// taken out and the walk done again.
/// </summary>
public sealed class NetworkIndex(NpgsqlDataSource copyLogin, ILogger<NetworkIndex> logger) : IAsyncDisposable
{
    // Beyond this many entities changed at once (a full derived-link pass, an import), reading everything again is cheaper.
    private const int MostEntitiesReadAgain = 50_000;

    private static readonly string[] LinkTypeCodes = [.. NetworkFilter.LinkTypeCodes];
    private static readonly string[] DerivationCodes = ["recorded", "co_occurrence", "co_location"];
    private static readonly byte Recorded = (byte)Array.IndexOf(DerivationCodes, "recorded");

    private readonly SemaphoreSlim _syncing = new(1, 1);
    private readonly ReaderWriterLockSlim _lock = new();
    private NetworkTables _tables = new();
    // The oldest transaction running at the last look (null: nothing read yet).
    private ulong? _xmin;
    // The changes already applied of transactions at or after _xmin: seen again by the next look, and skipped.
    private HashSet<long> _appliedSinceXmin = [];
    private long _lastSyncStarted;

    /// <summary>Entities and link ends held, for the benchmark and logs.</summary>
    public (int Entities, long LinkEnds) Size
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return (_tables.Entities.Count, _tables.EndCount);
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
            await using var connection = await copyLogin.OpenConnectionAsync(cancellationToken);
            // What follows reads the database as it is after the look, so it holds every change the look found.
            var look = await ChangesSinceAsync(connection, _xmin, _appliedSinceXmin, cancellationToken);
            if (_xmin is null || look.Changed is null || look.Changed.Count > MostEntitiesReadAgain)
            {
                await LoadAsync(connection, null, cancellationToken);
            }
            else if (look.Changed.Count > 0)
            {
                await LoadAsync(connection, look.Changed, cancellationToken);
            }

            (_xmin, _appliedSinceXmin) = (look.Xmin, look.Applied);

            // Only a sync that succeeded stands for the calls that arrived before it started.
            Volatile.Write(ref _lastSyncStarted, started);
        }
        finally
        {
            _syncing.Release();
        }
    }

    public ValueTask DisposeAsync() => copyLogin.DisposeAsync();

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
    internal int NodeOf(Guid entity) => _tables.NodeByEntity.GetValueOrDefault(entity, -1);

    /// <summary>How many nodes the copy numbers: every node is below it.</summary>
    internal int NodeCount => _tables.Entities.Count;

    internal Guid EntityOf(int node) => _tables.Entities[node];

    internal string KindOf(int node) => _tables.Kinds[node] == 0 ? "" : NetworkReference.EntityKinds[_tables.Kinds[node] - 1];

    internal IndexedEnd[] EndsOf(int node) => _tables.Ends[node];

    internal int AgencyCount => _tables.AgencyGuids.Count;

    internal short AgencyOf(Guid agency) => _tables.AgencyByGuid.GetValueOrDefault(agency, (short)-1);

    /// <summary>Whether the entity exists, with its agency and whether its handling code is P (sharing permitted).</summary>
    internal (bool Exists, short Agency, bool Shared) EntityAccess(int node) => (_tables.Kinds[node] != 0, _tables.Agencies[node], _tables.Shared[node]);

    internal static string LinkTypeCode(IndexedEnd end) => LinkTypeCodes[end.LinkType];

    internal static string DerivationCode(IndexedEnd end) => DerivationCodes[end.Derivation];

    internal static bool IsDerived(in IndexedEnd end) => end.Derivation != Recorded;

    internal static byte LinkTypeOf(string code) => (byte)Array.IndexOf(LinkTypeCodes, code);

    private static readonly string[] MarkingCodes = [.. EnumCodes<SecurityMarking>.All];
    private static readonly string[] SourceCodes = [.. EnumCodes<SourceEvaluation>.All];
    private static readonly string[] AssessmentCodes = [.. EnumCodes<IntelligenceAssessment>.All];

    /// <summary>The security marking of <paramref name="end"/> as <c>network_link_ends</c> shows it (its code).</summary>
    internal static string MarkingCode(in IndexedEnd end) => MarkingCodes[end.SecurityMarking];

    /// <summary>
    /// <paramref name="end"/>, held by <paramref name="holder"/>, as <c>network_link_ends</c> shows it (what the database would
    /// return for its key) with its two ends as the network holds them (<paramref name="entity"/> and
    /// <paramref name="other"/>: survivors for merged records).
    /// </summary>
    internal LinkEnd LinkEndOf(int holder, in IndexedEnd end, int entity, int other) => new(
        EntityOf(entity), end.LinkId, KindOf(holder), EntityOf(other), KindOf(end.Other), DerivationCodes[end.Derivation], LinkTypeCodes[end.LinkType],
        _tables.AgencyGuids[end.Agency], _tables.AgencyGuids[end.PairedAgency], MarkingCodes[end.SecurityMarking],
        end.SourceEvaluation == 0 ? null : SourceCodes[end.SourceEvaluation - 1],
        end.IntelligenceAssessment == 0 ? null : AssessmentCodes[end.IntelligenceAssessment - 1],
        end.StartsOn == int.MinValue ? null : DateOnly.FromDayNumber(end.StartsOn),
        end.EndsOn == int.MaxValue ? null : DateOnly.FromDayNumber(end.EndsOn),
        end.EvidenceCount < 0 ? null : end.EvidenceCount);

    /// <param name="Xmin">The oldest transaction still running when the look began: the next look reads from it.</param>
    /// <param name="Applied">The changes seen of transactions at or after <paramref name="Xmin"/>, which the next look sees again.</param>
    /// <param name="Changed">The entities of the changes not yet applied (none: empty), or null for everything.</param>
    private sealed record ChangeLook(ulong Xmin, HashSet<long> Applied, HashSet<Guid>? Changed);

    /// <summary>
    /// The changes not yet applied: every change of a transaction at or after <paramref name="xmin"/> (the oldest still
    /// running at the last look; for the first, the oldest running now) not in <paramref name="applied"/>. The snapshot's
    /// xmin is read first: every transaction before it has ended, so its changes are visible to the read that follows or
    /// were rolled back. The same statement reads the horizon below which the log was pruned (migration 0064), so both
    /// are of one snapshot: a copy that last looked below it may have missed a pruned change, and reads everything.
    /// </summary>
    private static async Task<ChangeLook> ChangesSinceAsync(NpgsqlConnection connection, ulong? xmin, HashSet<long> applied,
        CancellationToken cancellationToken)
    {
        var nextXmin = await SnapshotXminAsync(connection, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT h.below::text, c.id, c.entity_ids, c.xid::text
            FROM network_changes_horizon h LEFT JOIN network_changes c ON c.xid >= $1::text::xid8
            """, connection)
        {
            Parameters = { new() { Value = (xmin ?? nextXmin).ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        };
        var kept = new HashSet<long>();
        HashSet<Guid>? changed = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (xmin < Xid(reader.GetString(0)))
            {
                changed = null;
            }

            if (reader.IsDBNull(1))
            {
                continue;
            }

            var id = reader.GetInt64(1);
            if (Xid(reader.GetString(3)) >= nextXmin)
            {
                kept.Add(id);
            }

            if (applied.Contains(id))
            {
                continue;
            }

            if (reader.IsDBNull(2))
            {
                changed = null;
            }
            else
            {
                changed?.UnionWith(reader.GetFieldValue<Guid[]>(2));
            }
        }

        return new ChangeLook(nextXmin, kept, changed);
    }

    private static async Task<ulong> SnapshotXminAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())::text", connection);
        return Xid((string)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    private static ulong Xid(string text) => ulong.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads the entities and link ends of <paramref name="changed"/> again, or everything when null.</summary>
    private async Task LoadAsync(NpgsqlConnection connection, HashSet<Guid>? changed, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
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

        // A full read builds new tables beside the current ones, which go on answering meanwhile; a partial one changes
        // the current tables under the write lock.
        var fresh = changed is null ? new NetworkTables() : null;
        var ends = new List<(Guid Entity, Guid Other, Guid Agency, Guid PairedAgency, IndexedEnd End)>();
        var built = new List<(int Node, IndexedEnd End)>();
        await using (var command = new NpgsqlCommand($"""
            SELECT entity_id, other_id, agency_id, paired_agency_id, link_id,
                   array_position($1::text[], derivation)::int2, array_position($2::text[], link_type)::int2,
                   handling_code = 'P', paired_handling_code = 'P',
                   coalesce(array_position($3::text[], security_marking::text), 1)::int2,
                   coalesce(array_position($4::text[], source_evaluation::text), 0)::int2,
                   coalesce(array_position($5::text[], intelligence_assessment::text), 0)::int2,
                   starts_on, ends_on, evidence_count
            FROM network_link_ends
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
                var (entity, other, agency, paired) = (reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3));
                var end = new IndexedEnd
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
                };
                if (fresh is not null)
                {
                    built.Add((fresh.Node(entity), end with { Other = fresh.Node(other), Agency = fresh.Agency(agency), PairedAgency = fresh.Agency(paired) }));
                }
                else
                {
                    ends.Add((entity, other, agency, paired, end));
                }
            }
        }

        if (fresh is not null)
        {
            foreach (var (id, kind, agency, shared) in entities)
            {
                var node = fresh.Node(id);
                (fresh.Kinds[node], fresh.Agencies[node], fresh.Shared[node]) = (kind, fresh.Agency(agency), shared);
            }

            // Each entity's ends in one array: counted, then placed.
            var counts = new int[fresh.Entities.Count];
            foreach (var (node, _) in built)
            {
                counts[node]++;
            }

            for (var node = 0; node < counts.Length; node++)
            {
                fresh.Ends[node] = counts[node] == 0 ? [] : new IndexedEnd[counts[node]];
                counts[node] = 0;
            }

            foreach (var (node, end) in built)
            {
                fresh.Ends[node][counts[node]++] = end;
            }

            fresh.EndCount = built.Count;
            built.Clear();
            _lock.EnterWriteLock();
            try
            {
                _tables = fresh;
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            // The arrays it holds (link ends, and per entity its id twice, kind, agency, handling and array header), and the managed heap after.
            var bytes = fresh.EndCount * System.Runtime.CompilerServices.Unsafe.SizeOf<IndexedEnd>() + fresh.Entities.Count * 96L;
            logger.LogInformation("Link network index read: {Entities} entities, {LinkEnds} link ends in {Seconds:F1} s; about {Megabytes:F0} MiB of arrays, managed heap {Heap:F0} MiB.",
                fresh.Entities.Count, fresh.EndCount, watch.Elapsed.TotalSeconds, bytes / 1048576.0, GC.GetTotalMemory(forceFullCollection: true) / 1048576.0);
            return;
        }

        _lock.EnterWriteLock();
        try
        {
            var current = _tables;
            // Every changed entity is read again whole: those no longer found are gone, with their link ends.
            foreach (var id in changed!)
            {
                if (current.NodeByEntity.TryGetValue(id, out var node))
                {
                    current.Kinds[node] = 0;
                    current.EndCount -= current.Ends[node].Length;
                    current.Ends[node] = [];
                }
            }

            foreach (var (id, kind, agency, shared) in entities)
            {
                var node = current.Node(id);
                (current.Kinds[node], current.Agencies[node], current.Shared[node]) = (kind, current.Agency(agency), shared);
            }

            foreach (var group in ends.GroupBy(end => end.Entity))
            {
                var node = current.Node(group.Key);
                current.Ends[node] = [.. group.Select(end => end.End with
                {
                    Other = current.Node(end.Other),
                    Agency = current.Agency(end.Agency),
                    PairedAgency = current.Agency(end.PairedAgency),
                })];
                current.EndCount += current.Ends[node].Length;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
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

/// <summary>The arrays of a <see cref="NetworkIndex"/>: entities by node number, each with its kind (0: none), agency, handling and link ends.</summary>
internal sealed class NetworkTables
{
    public Dictionary<Guid, int> NodeByEntity { get; } = [];

    public List<Guid> Entities { get; } = [];

    public List<byte> Kinds { get; } = [];

    public List<short> Agencies { get; } = [];

    public List<bool> Shared { get; } = [];

    public List<IndexedEnd[]> Ends { get; } = [];

    public Dictionary<Guid, short> AgencyByGuid { get; } = [];

    public List<Guid> AgencyGuids { get; } = [];

    public long EndCount { get; set; }

    public int Node(Guid entity)
    {
        if (!NodeByEntity.TryGetValue(entity, out var node))
        {
            node = Entities.Count;
            NodeByEntity[entity] = node;
            Entities.Add(entity);
            Kinds.Add(0);
            Agencies.Add(-1);
            Shared.Add(false);
            Ends.Add([]);
        }

        return node;
    }

    public short Agency(Guid agency)
    {
        if (!AgencyByGuid.TryGetValue(agency, out var index))
        {
            index = (short)AgencyGuids.Count;
            AgencyByGuid[agency] = index;
            AgencyGuids.Add(agency);
        }

        return index;
    }
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
