namespace HotspotIntel.Api.Network;

/// <summary>
/// Grows a network hop by hop from where a question starts, over this instance's <see cref="NetworkIndex"/> brought up to
/// date first: each hop follows the links the filter and the reader's access rule let through to entities the reader
/// may see, so an entity the reader may not see is never reached and nothing beyond it is either; when a hop reaches
/// more entities than the node limit leaves room for, the most tied into the network come first and the walk stops
/// there. The database then decides: the entities reached are read on the reader's connection under its row-level
/// security, every link end among them that the answer shows is looked for there too (one probe per pair of entities,
/// <see cref="NetworkStore.MissingLinkEndsAsync"/>), and anything it does not return as the copy holds it is left out
/// and the walk done again without it. The links shown are made from those link ends of the copy, and their metrics
/// worked out while the database checks.
/// </summary>
public sealed class NetworkExplorer(NetworkStore store, NetworkIndex index)
{
    /// <summary>
    /// A network at most <paramref name="hops"/> links from <paramref name="starts"/> (a record merged into another
    /// starting from its survivor), of at most <paramref name="nodeLimit"/> entities; <paramref name="withMetrics"/>,
    /// with each entity's <see cref="NetworkMetrics"/> in it.
    /// </summary>
    public async Task<ExploredNetwork> AroundAsync(IReadOnlyList<(Guid Id, string Kind)> starts, int hops, int nodeLimit,
        NetworkFilter filter, CancellationToken cancellationToken, bool withMetrics = false)
    {
        var reader = await NetworkReader.ReadAsync(store.Connection, cancellationToken);
        var startEntities = await store.EntitiesAsync(starts.Select(reader.Canonical), cancellationToken);
        await index.EnsureCurrentAsync(cancellationToken);
        var excluded = new NetworkExclusions();
        while (true)
        {
            var walk = index.Read(copy => Walk(reader.Over(copy), startEntities, hops, nodeLimit, filter, excluded));
            // The links and metrics are worked out from the walk while the database checks it; if the database then
            // withholds anything, they are dropped with the walk.
            var made = Task.Run(() => MakeLinks(walk, withMetrics), cancellationToken);
            var entities = (await store.EntitiesAsync(walk.Nodes.Select(node => (node.Id, node.Kind)), cancellationToken)).ToDictionary(entity => entity.Id);
            var missing = await store.MissingLinkEndsAsync(walk.Checks, cancellationToken);
            var (links, metrics) = await made;
            if (excluded.TakeMissing([.. walk.Nodes.Select(node => node.Id)], entities.Keys, walk.Checks, missing))
            {
                continue;
            }

            var network = new ExploredNetwork { Truncated = walk.Truncated, LinkViews = links, Metrics = metrics };
            foreach (var (id, _, hop) in walk.Nodes)
            {
                network.Entities[id] = (entities[id], hop);
            }

            return network;
        }
    }

    private static (List<NetworkLinkView> Links, Dictionary<Guid, NodeMetrics>? Metrics) MakeLinks(WalkResult walk, bool withMetrics)
    {
        var links = NetworkLinkView.Of(walk.Ends);
        // The entities in the order the answer lists them (nearest first, then by id), which the metrics depend on.
        return (links, withMetrics
            ? NetworkMetrics.Of([.. walk.Nodes.OrderBy(node => node.Hop).ThenBy(node => node.Id).Select(node => node.Id)], links)
            : null);
    }

    /// <param name="Nodes">The entities reached, with their hop, in the order reached.</param>
    /// <param name="Checks">The link ends among the entities reached, each link once, as the database is asked for them.</param>
    /// <param name="Ends">The same link ends as the network shows them (merged records as their survivors), in the same order.</param>
    /// <param name="Truncated">Whether the node limit left entities out.</param>
    private sealed record WalkResult(List<(Guid Id, string Kind, int Hop)> Nodes, List<LinkEndKey> Checks, List<LinkEnd> Ends, bool Truncated);

    private static WalkResult Walk(NetworkReader.Access access, List<NetworkEntity> starts, int hops, int nodeLimit, NetworkFilter filter,
        NetworkExclusions excluded)
    {
        var copy = access.Index;
        var follows = NetworkFollowed.Of(filter, copy);
        var hopOf = new Dictionary<int, int>();
        var order = new List<int>();
        var frontier = new List<int>();
        foreach (var start in starts.OrderBy(entity => entity.Id).Take(nodeLimit))
        {
            if (copy.NodeOf(start.Id) is >= 0 and var node && !excluded.Entities.Contains(start.Id) && hopOf.TryAdd(node, 0))
            {
                order.Add(node);
                frontier.Add(node);
            }
        }

        var truncated = starts.Count > nodeLimit;
        for (var hop = 1; hop <= hops && frontier.Count > 0 && !truncated; hop++)
        {
            // Each entity reached: how many of the frontier link to it, and its best graded link from there.
            var reached = new Dictionary<int, (int Links, int Grading, int LastFrom)>();
            foreach (var from in frontier)
            {
                foreach (var (_, end, other) in Followed(access, follows, excluded, from))
                {
                    if (hopOf.ContainsKey(other) || !Visible(access, excluded, other))
                    {
                        continue;
                    }

                    reached[other] = reached.TryGetValue(other, out var tie)
                        ? (tie.LastFrom == from ? tie.Links : tie.Links + 1, Math.Min(tie.Grading, end.GradingRank), from)
                        : (1, end.GradingRank, from);
                }
            }

            IEnumerable<int> admitted = reached.Keys;
            var room = nodeLimit - hopOf.Count;
            if (reached.Count > room)
            {
                truncated = true;
                // The entities most tied into the network so far come first, then the best graded; the id settles ties.
                admitted = reached.OrderByDescending(pair => pair.Value.Links).ThenBy(pair => pair.Value.Grading)
                    .ThenBy(pair => copy.EntityOf(pair.Key)).Take(room).Select(pair => pair.Key);
            }

            frontier = [];
            foreach (var node in admitted)
            {
                hopOf[node] = hop;
                order.Add(node);
                frontier.Add(node);
            }
        }

        // The links among the entities reached (only those: the node limit has cut the rest), each once: read from the
        // end whose id sorts first.
        var (checks, ends) = (new List<LinkEndKey>(), new List<LinkEnd>());
        foreach (var node in order)
        {
            var id = copy.EntityOf(node);
            foreach (var (holder, end, other) in Followed(access, follows, excluded, node))
            {
                if (hopOf.ContainsKey(other) && id.CompareTo(copy.EntityOf(other)) < 0)
                {
                    checks.Add(CheckOf(copy, holder, end));
                    ends.Add(copy.LinkEndOf(holder, end, node, other));
                }
            }
        }

        return new WalkResult([.. order.Select(node => (copy.EntityOf(node), copy.KindOf(node), hopOf[node]))], checks, ends, truncated);
    }

    /// <summary>
    /// The link ends at <paramref name="node"/> (and at the records merged into it) that the filter follows and the
    /// reader may read, with the entity at their other end as the network holds it; none back to the node itself.
    /// </summary>
    internal static IEnumerable<(int Holder, IndexedEnd End, int Other)> Followed(NetworkReader.Access access, NetworkFollowed follows,
        NetworkExclusions excluded, int node)
    {
        foreach (var holder in access.Holders(node))
        {
            foreach (var end in access.Index.EndsOf(holder))
            {
                if (follows.Follows(end) && access.CanRead(end) && (excluded.Links.Count == 0 || !excluded.Links.Contains(end.LinkId))
                    && access.Canonical(end.Other) is var other && other != node)
                {
                    yield return (holder, end, other);
                }
            }
        }
    }

    /// <summary>What the database is asked of <paramref name="end"/>, held by <paramref name="holder"/>: the row as the copy holds it.</summary>
    internal static LinkEndKey CheckOf(NetworkIndex copy, int holder, in IndexedEnd end) =>
        new(copy.EntityOf(holder), end.LinkId, copy.EntityOf(end.Other), NetworkIndex.MarkingCode(end), NetworkIndex.IsDerived(end));

    internal static bool Visible(NetworkReader.Access access, NetworkExclusions excluded, int node) =>
        access.CanReadEntity(node) && (excluded.Entities.Count == 0 || !excluded.Entities.Contains(access.Index.EntityOf(node)));
}

/// <summary>What an exploration reached: entities with their hop, and the links among them.</summary>
public sealed class ExploredNetwork
{
    public Dictionary<Guid, (NetworkEntity Entity, int Hop)> Entities { get; } = [];

    public bool Truncated { get; set; }

    internal List<NetworkLinkView> LinkViews { get; init; } = [];

    /// <summary>Each entity's metrics within the network, when asked for.</summary>
    internal Dictionary<Guid, NodeMetrics>? Metrics { get; init; }

    /// <summary>The links whose two ends are both in the network.</summary>
    public List<NetworkLinkView> Links() => LinkViews;
}

/// <summary>
/// What the database did not return of a walk's answer on the reader's connection (entities, link rows), to leave out
/// when the walk is done again. Empty unless the index and the database disagree (a change committed in between, or a
/// rule the index does not mirror).
/// </summary>
public sealed class NetworkExclusions
{
    public HashSet<Guid> Entities { get; } = [];

    public HashSet<Guid> Links { get; } = [];

    /// <summary>
    /// Adds what was asked for and not returned (<paramref name="endsMissing"/>: positions in <paramref name="endsAsked"/>);
    /// true when there was any.
    /// </summary>
    internal bool TakeMissing(IReadOnlyCollection<Guid> entitiesAsked, IReadOnlyCollection<Guid> entitiesReturned,
        IReadOnlyList<LinkEndKey> endsAsked, IReadOnlyCollection<int> endsMissing)
    {
        // What is returned is what was asked for, or less (each is read by its distinct id): as many is all of it.
        if (entitiesReturned.Count == entitiesAsked.Count && endsMissing.Count == 0)
        {
            return false;
        }

        var returned = entitiesReturned.ToHashSet();
        var before = Entities.Count + Links.Count;
        Entities.UnionWith(entitiesAsked.Where(id => !returned.Contains(id)));
        Links.UnionWith(endsMissing.Select(i => endsAsked[i].LinkId));
        return Entities.Count + Links.Count > before;
    }
}

/// <summary>A <see cref="NetworkFilter"/> in the index's terms.</summary>
internal sealed class NetworkFollowed
{
    private bool[]? _types;
    private bool[]? _agencies;
    private int _sourceEvaluation;
    private int _assessment;
    private int _from = int.MinValue;
    private int _to = int.MaxValue;

    public static NetworkFollowed Of(NetworkFilter filter, NetworkIndex index)
    {
        var followed = new NetworkFollowed
        {
            _sourceEvaluation = filter.MinSourceEvaluation is { } source ? (int)source + 1 : 0,
            _assessment = filter.MinIntelligenceAssessment is { } assessment ? (int)assessment + 1 : 0,
            _from = filter.From?.DayNumber ?? int.MinValue,
            _to = filter.To?.DayNumber ?? int.MaxValue,
        };
        if (filter.LinkTypes.Count > 0)
        {
            followed._types = new bool[NetworkFilter.LinkTypeCodes.Count];
            foreach (var type in filter.LinkTypes)
            {
                followed._types[NetworkIndex.LinkTypeOf(type)] = true;
            }
        }

        if (filter.AgencyIds.Count > 0)
        {
            followed._agencies = new bool[index.AgencyCount];
            foreach (var agency in filter.AgencyIds)
            {
                if (index.AgencyOf(agency) is >= 0 and var i)
                {
                    followed._agencies[i] = true;
                }
            }
        }

        return followed;
    }

    /// <summary>The conditions of <see cref="NetworkStore.LinkEndsAsync"/>'s filter on one link end.</summary>
    public bool Follows(in IndexedEnd end) =>
        (_types is null || _types[end.LinkType])
        && (_sourceEvaluation == 0 || (end.SourceEvaluation != 0 && end.SourceEvaluation <= _sourceEvaluation))
        && (_assessment == 0 || (end.IntelligenceAssessment != 0 && end.IntelligenceAssessment <= _assessment))
        && end.EndsOn >= _from && end.StartsOn <= _to
        && (_agencies is null || (_agencies[end.Agency] && _agencies[end.PairedAgency]));
}
