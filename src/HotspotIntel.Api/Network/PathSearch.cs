using HotspotIntel.Analysis.Networks;

namespace HotspotIntel.Api.Network;

/// <summary>
/// Paths between two entities: a bidirectional breadth-first search over this instance's <see cref="NetworkIndex"/>
/// (each step one hop from the smaller side's frontier, through links the filter and the reader's access rule let
/// through to entities the reader may see) until the two sides meet, then one hop more when more than one path is
/// wanted; then the k shortest paths (Yen's algorithm, <see cref="NetworkPaths"/>) among the entities that lie on some
/// path of up to as many links as the two sides searched, all of which lie within what they reached, so the paths
/// returned are the shortest there are, and only through what the reader may see. The database then decides: the
/// entities on the paths are read on the reader's connection under its row-level security, the link ends joining them
/// probed by their keys there too, and if it does not return one of them the search is done again without it.
/// </summary>
public sealed class PathSearch(NetworkStore store, NetworkIndex index)
{
    /// <summary>The most entities a search reaches before it stops: a bound on its time, reported as <c>searchLimited</c>.</summary>
    public const int NodeBudget = 20_000;

    public async Task<FoundPaths> BetweenAsync((Guid Id, string Kind) from, (Guid Id, string Kind) to, int k, int maxHops,
        NetworkFilter filter, CancellationToken cancellationToken)
    {
        var reader = await NetworkReader.ReadAsync(store.Connection, cancellationToken);
        (from, to) = (reader.Canonical(from), reader.Canonical(to));
        var ends = await store.EntitiesAsync([from, to], cancellationToken);
        if (ends.Count < (from.Id == to.Id ? 1 : 2))
        {
            return new FoundPaths();
        }

        await index.EnsureCurrentAsync(cancellationToken);
        var excluded = new NetworkExclusions();
        while (true)
        {
            var search = index.Read(copy => Search(reader.Over(copy), from.Id, to.Id, k, maxHops, filter, excluded));
            var entities = await store.EntitiesAsync(search.Nodes, cancellationToken);
            var missing = await store.MissingLinkEndsAsync(search.StepChecks, cancellationToken);
            if (excluded.TakeMissing([.. search.Nodes.Select(node => node.Id)], [.. entities.Select(entity => entity.Id)], search.StepChecks, missing))
            {
                continue;
            }

            var found = new FoundPaths { Paths = search.Paths, SearchedHops = search.SearchedHops, SearchLimited = search.SearchLimited };
            found.Ends.AddRange(search.StepEnds);
            foreach (var entity in entities)
            {
                found.Entities[entity.Id] = entity;
            }

            return found;
        }
    }

    private sealed record SearchResult(List<IReadOnlyList<Guid>> Paths, List<(Guid Id, string Kind)> Nodes, List<LinkEndKey> StepChecks,
        List<LinkEnd> StepEnds, int SearchedHops, bool SearchLimited);

    private static SearchResult Search(NetworkReader.Access access, Guid fromId, Guid toId, int k, int maxHops, NetworkFilter filter,
        NetworkExclusions excluded)
    {
        var copy = access.Index;
        var (from, to) = (copy.NodeOf(fromId), copy.NodeOf(toId));
        if (from < 0 || to < 0 || excluded.Entities.Contains(fromId) || excluded.Entities.Contains(toId))
        {
            return new SearchResult([], [], [], [], 0, false);
        }

        var follows = NetworkFollowed.Of(filter, copy);
        // By node, as the copy numbers entities: a search reads up to a few hundred thousand links, and arrays answer
        // "reached?" and "how far?" for each without hashing.
        var reached = new bool[copy.NodeCount];
        (reached[from], reached[to]) = (true, true);
        var reachedCount = from == to ? 1 : 2;
        // Each expanded entity's links to entities the search reached, as it read them: the graph ranked below.
        var expanded = new Dictionary<int, List<int>>();
        var sides = new[] { new Side(from, copy.NodeCount), new Side(to, copy.NodeCount) };
        int? shortest = from == to ? 0 : null;
        var limited = false;
        while (sides[0].Depth + sides[1].Depth < maxHops)
        {
            var side = sides.Where(s => s.Frontier.Count > 0).MinBy(s => s.Frontier.Count);
            if (side is null)
            {
                break;
            }

            var other = side == sides[0] ? sides[1] : sides[0];
            var next = new List<int>();
            foreach (var node in side.Frontier)
            {
                var linked = new List<int>();
                expanded[node] = linked;
                foreach (var (_, _, neighbour) in NetworkExplorer.Followed(access, follows, excluded, node))
                {
                    if (!reached[neighbour])
                    {
                        if (!NetworkExplorer.Visible(access, excluded, neighbour))
                        {
                            continue;
                        }

                        reached[neighbour] = true;
                        reachedCount++;
                    }

                    linked.Add(neighbour);
                    if (side.Distance[neighbour] < 0)
                    {
                        side.Distance[neighbour] = side.Depth + 1;
                        next.Add(neighbour);
                    }
                }
            }

            side.Depth++;
            side.Frontier = next;
            foreach (var node in next.Where(node => other.Distance[node] >= 0))
            {
                shortest = Math.Min(shortest ?? int.MaxValue, side.Depth + other.Distance[node]);
            }

            if (shortest is { } length && (k == 1 || sides[0].Depth + sides[1].Depth > length))
            {
                break;
            }

            if (reachedCount > NodeBudget)
            {
                limited = true;
                break;
            }
        }

        var searched = sides[0].Depth + sides[1].Depth;
        if (shortest is null)
        {
            // The two sides never met, so no path of up to `searched` links exists: nothing to rank, and the distances
            // below would walk everything the search reached (up to the node budget) for nothing.
            return new SearchResult([], [], [], [], searched, limited);
        }

        // The graph the search read: each link from an entity it expanded to one it reached, both ways, as the search
        // read it. It is made from the expanded entities' links alone: an entity the search only reached (most of them,
        // and the hubs among them) has its links read no more, where measuring distances would otherwise read every one
        // of them twice and keep few. Every path of up to `searched` links lies in it (each of its links has an end
        // fewer than its side's depth from that side's start, which that side expanded), and only entities within
        // `searched` links of both ends through it can lie on a path the search may return.
        var linkedTo = new Dictionary<int, List<int>>();
        foreach (var (node, linked) in expanded)
        {
            foreach (var other in linked)
            {
                (linkedTo.TryGetValue(other, out var back) ? back : linkedTo[other] = []).Add(node);
            }
        }

        IEnumerable<int> Neighbours(int node) =>
            (expanded.TryGetValue(node, out var linked) ? linked : []).Concat(linkedTo.TryGetValue(node, out var back) ? back : []);
        var fromFirst = Distances(from, searched, Neighbours);
        var fromLast = Distances(to, searched, Neighbours);
        var onSomePath = fromFirst.Where(pair => fromLast.TryGetValue(pair.Key, out var rest) && pair.Value + rest <= searched)
            .Select(pair => pair.Key).OrderBy(copy.EntityOf).ToList();
        var kept = onSomePath.ToHashSet();
        // The links among them read again in each entity's own order, so paths of equal length are ranked as before.
        var graph = new LinkGraph(onSomePath.Select(copy.EntityOf),
            onSomePath.SelectMany(node => NetworkExplorer.Followed(access, follows, excluded, node).Select(end => end.Other)
                .Where(other => kept.Contains(other) && (expanded.ContainsKey(node) || expanded.ContainsKey(other)))
                .Select(other => (copy.EntityOf(node), copy.EntityOf(other)))));
        var paths = NetworkPaths.KShortest(graph, fromId, toId, k).Where(path => path.Count - 1 <= searched).ToList();

        var nodes = paths.SelectMany(path => path).Distinct().Select(id => (id, copy.KindOf(copy.NodeOf(id)))).ToList();
        var (stepChecks, stepEnds) = (new List<LinkEndKey>(), new List<LinkEnd>());
        foreach (var (a, b) in paths.SelectMany(path => path.Zip(path.Skip(1))).Select(step => step.First.CompareTo(step.Second) < 0 ? step : (step.Second, step.First)).Distinct())
        {
            var (one, two) = (copy.NodeOf(a), copy.NodeOf(b));
            foreach (var (holder, end, _) in NetworkExplorer.Followed(access, follows, excluded, one).Where(end => end.Other == two))
            {
                stepChecks.Add(NetworkExplorer.CheckOf(copy, holder, end));
                stepEnds.Add(copy.LinkEndOf(holder, end, one, two));
            }
        }

        return new SearchResult(paths, nodes, stepChecks, stepEnds, searched, limited);
    }

    /// <summary>Links from <paramref name="start"/> to each entity within <paramref name="most"/> links of it.</summary>
    private static Dictionary<int, int> Distances(int start, int most, Func<int, IEnumerable<int>> neighbours)
    {
        var distance = new Dictionary<int, int> { [start] = 0 };
        var frontier = new List<int> { start };
        for (var depth = 1; depth <= most && frontier.Count > 0; depth++)
        {
            var next = new List<int>();
            foreach (var node in frontier)
            {
                foreach (var other in neighbours(node))
                {
                    if (distance.TryAdd(other, depth))
                    {
                        next.Add(other);
                    }
                }
            }

            frontier = next;
        }

        return distance;
    }

    private sealed class Side
    {
        public Side(int start, int nodeCount)
        {
            Array.Fill(Distance = new int[nodeCount], -1);
            Distance[start] = 0;
            Frontier = [start];
        }

        /// <summary>Links from the start to each entity reached from it, by node; -1 where not reached.</summary>
        public int[] Distance { get; }

        public List<int> Frontier { get; set; }

        public int Depth { get; set; }
    }
}

/// <summary>What a path search found: the paths (node sequences), and the entities and links on them as the reader may see them.</summary>
public sealed class FoundPaths
{
    public Dictionary<Guid, NetworkEntity> Entities { get; } = [];

    public List<LinkEnd> Ends { get; } = [];

    public List<IReadOnlyList<Guid>> Paths { get; set; } = [];

    public int SearchedHops { get; set; }

    public bool SearchLimited { get; set; }

    /// <summary>The links read whose two ends the reader may see.</summary>
    public List<NetworkLinkView> Links() =>
        NetworkLinkView.Of(Ends.Where(end => Entities.ContainsKey(end.EntityId) && Entities.ContainsKey(end.OtherId)));
}
