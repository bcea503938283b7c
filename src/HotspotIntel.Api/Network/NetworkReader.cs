using Npgsql;

namespace HotspotIntel.Api.Network;

/// <summary>
/// Who is asking a network question, as the database's read policies see them, read from the database on the
/// reader's own connection per question: their role, agency and the agencies sharing with them today
/// (<c>app_role()</c>, <c>app_agency_id()</c>, <c>app_partner_agency_ids()</c>), and the merges of records (entity
/// resolution) they may see, each merged record with its survivor. Its access rule (<see cref="Access"/>) is that of the read policies
/// of <c>link_ends</c> and <c>derived_links</c> (migration 0041) and of the entities' tables (migrations 0006, 0037) for the roles that may ask.
/// </summary>
public sealed class NetworkReader
{
    private NetworkReader(string role, Guid? agency, IReadOnlyCollection<Guid> partners, Dictionary<Guid, Guid> survivors)
    {
        Role = role;
        Agency = agency;
        Partners = partners;
        Survivors = survivors;
    }

    public string Role { get; }

    public Guid? Agency { get; }

    public IReadOnlyCollection<Guid> Partners { get; }

    /// <summary>Each record merged into another, where the reader may see the merge: its survivor.</summary>
    public Dictionary<Guid, Guid> Survivors { get; }

    /// <summary>An entity as the network holds it: its survivor where the reader may see its merge, else itself.</summary>
    public (Guid Id, string Kind) Canonical((Guid Id, string Kind) entity) => (Survivors.GetValueOrDefault(entity.Id, entity.Id), entity.Kind);

    public static async Task<NetworkReader> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("SELECT app_role(), app_agency_id(), app_partner_agency_ids()"),
                new("SELECT merged_id, survivor_id FROM entity_merges WHERE reversed_at IS NULL"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var role = reader.IsDBNull(0) ? "" : reader.GetString(0);
        Guid? agency = reader.IsDBNull(1) ? null : reader.GetGuid(1);
        var partners = reader.IsDBNull(2) ? [] : reader.GetFieldValue<Guid[]>(2);
        await reader.NextResultAsync(cancellationToken);
        var survivors = new Dictionary<Guid, Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            survivors[reader.GetGuid(0)] = reader.GetGuid(1);
        }

        return new NetworkReader(role, agency, partners, survivors);
    }

    /// <summary>The reader's rule over one index, inside <see cref="NetworkIndex.Read{T}"/>.</summary>
    internal Access Over(NetworkIndex index) => new(this, index);

    /// <summary>
    /// The reader's access rule in the index's terms: which agencies' records they read (their own, and P-coded records of
    /// a sharing partner), and each node's survivor and the records merged into it.
    /// </summary>
    internal sealed class Access
    {
        private readonly NetworkIndex _index;
        private readonly bool _everything;
        private readonly bool _nothing;
        private readonly short _own;
        private readonly bool[] _partner;
        private readonly Dictionary<int, int> _survivor = [];
        private readonly Dictionary<int, List<int>> _merged = [];

        public Access(NetworkReader reader, NetworkIndex index)
        {
            _index = index;
            _everything = reader.Role == "system";
            _nothing = reader.Role is not ("analyst" or "supervisor" or "system");
            _own = reader.Agency is { } agency ? index.AgencyOf(agency) : (short)-1;
            _partner = new bool[index.AgencyCount];
            foreach (var partner in reader.Partners)
            {
                if (index.AgencyOf(partner) is >= 0 and var i)
                {
                    _partner[i] = true;
                }
            }

            foreach (var (merged, survivor) in reader.Survivors)
            {
                var (m, s) = (index.NodeOf(merged), index.NodeOf(survivor));
                if (m >= 0 && s >= 0)
                {
                    _survivor[m] = s;
                    if (!_merged.TryGetValue(s, out var list))
                    {
                        _merged[s] = list = [];
                    }

                    list.Add(m);
                }
            }
        }

        public NetworkIndex Index => _index;

        /// <summary>A record as the network holds it: its survivor where the reader may see its merge, else itself.</summary>
        public int Canonical(int node) => _survivor.GetValueOrDefault(node, node);

        /// <summary>The records whose link ends are <paramref name="node"/>'s: itself and those merged into it.</summary>
        public IEnumerable<int> Holders(int node)
        {
            yield return node;
            if (_merged.TryGetValue(node, out var merged))
            {
                foreach (var m in merged)
                {
                    yield return m;
                }
            }
        }

        public bool CanRead(short agency, bool shared) =>
            !_nothing && (_everything || agency == _own || (shared && agency >= 0 && _partner[agency]));

        public bool CanReadEntity(int node)
        {
            var (exists, agency, shared) = _index.EntityAccess(node);
            return exists && CanRead(agency, shared);
        }

        public bool CanRead(in IndexedEnd end) =>
            CanRead(end.Agency, (end.Flags & IndexedEnd.Shared) != 0) && CanRead(end.PairedAgency, (end.Flags & IndexedEnd.PairedShared) != 0);
    }
}
