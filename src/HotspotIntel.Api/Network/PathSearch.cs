using HotspotIntel.Analysis.Networks;

namespace HotspotIntel.Api.Network;

/// <summary>
/// Paths between two entities: a bidirectional breadth-first search over this instance's <see cref="NetworkIndex"/>
/// (each step one hop from the side whose frontier has fewer link ends to read, through links the filter and the
/// reader's access rule let through to entities the reader may see) until the two sides meet (at the first entity they
/// meet at, when one path is wanted), then one hop more when more than one path is wanted, or until one side has
/// nothing left to expand without meeting the other (no path at any length); then the k shortest paths (Yen's algorithm,
/// <see cref="NetworkPaths"/>) among the entities that lie on some path of up to as many links as the two sides
/// searched, all of which lie within what they reached, so the paths returned are the shortest there are, and only
/// through what the reader may see. The database then decides: the entities on the paths are read on the reader's
/// connection under its row-level security, the link ends joining them probed by their keys there too, and if it does
/// not return one of them the search is done again without it.
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
        // By node, as the copy numbers entities: a search reads up to a million links, and arrays answer "reached?" and
        // "how far?" for each without hashing. Each entity reached also gets a number of its own, in the order reached,
        // by which the graph the search read is kept: a pair of numbers for each link from an expanded entity to one it
        // reached, as it read them.
        var numberOf = new int[copy.NodeCount];
        Array.Fill(numberOf, -1);
        var reached = new List<int>();
        int Reach(int node)
        {
            numberOf[node] = reached.Count;
            reached.Add(node);
            return numberOf[node];
        }

        Reach(from);
        if (to != from)
        {
            Reach(to);
        }

        var expanded = new bool[copy.NodeCount];
        var (linkFrom, linkTo) = (new List<int>(), new List<int>());
        var sides = new[] { new Side(from, copy.NodeCount), new Side(to, copy.NodeCount) };
        int? shortest = from == to ? 0 : null;
        var (limited, apart) = (false, false);
        while (sides[0].Depth + sides[1].Depth < maxHops)
        {
            // A side with nothing left to expand has reached all it is joined to: if the sides have not met, no path
            // exists at any length, and expanding the other side up to the budget would only say so later.
            if (shortest is null && sides.Any(s => s.Frontier.Count == 0))
            {
                apart = true;
                break;
            }

            // The side whose next level reads fewer link ends: a search's time is the link ends it reads, and a frontier
            // of a few hubs can hold more of them than one of many entities.
            var side = sides.Where(s => s.Frontier.Count > 0).MinBy(s => s.EndsToRead(access));
            if (side is null)
            {
                break;
            }

            var other = side == sides[0] ? sides[1] : sides[0];
            var next = new List<int>();
            var met = false;
            foreach (var node in side.Frontier)
            {
                expanded[node] = true;
                var number = numberOf[node];
                foreach (var (_, _, neighbour) in NetworkExplorer.Followed(access, follows, excluded, node))
                {
                    var reachedAs = numberOf[neighbour];
                    if (reachedAs < 0)
                    {
                        if (!NetworkExplorer.Visible(access, excluded, neighbour))
                        {
                            continue;
                        }

                        reachedAs = Reach(neighbour);
                    }

                    linkFrom.Add(number);
                    linkTo.Add(reachedAs);
                    if (side.Distance[neighbour] < 0)
                    {
                        side.Distance[neighbour] = side.Depth + 1;
                        next.Add(neighbour);
                        met |= other.Distance[neighbour] >= 0;
                    }
                }

                // The first level in which the sides meet meets only the other side's last level (a meeting nearer its
                // start would have been found a level before, from that side), so the first meeting gives the shortest
                // length: when one path is asked for, the rest of the level is not read.
                if (met && k == 1)
                {
                    break;
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

            if (reached.Count > NodeBudget)
            {
                limited = true;
                break;
            }
        }

        var searched = apart ? maxHops : sides[0].Depth + sides[1].Depth;
        if (shortest is null)
        {
            // The two sides never met, so no path of up to `searched` links exists: nothing to rank, and the distances
            // below would walk everything the search reached (up to the node budget) for nothing.
            return new SearchResult([], [], [], [], searched, limited);
        }

        // The graph the search read: each link from an entity it expanded to one it reached, both ways. It is made from
        // the expanded entities' links alone: an entity the search only reached (most of them, and the hubs among them)
        // has its links read no more, where measuring distances would otherwise read every one of them twice and keep
        // few. Every path of up to `searched` links lies in it (each of its links has an end fewer than its side's depth
        // from that side's start, which that side expanded), but for those through the part of the last level left
        // unread when one path is wanted, and only entities within `searched` links of both ends through it can lie on
        // a path the search may return.
        var read = ReadGraph.Of(reached.Count, linkFrom, linkTo);
        var (fromFirst, fromLast) = (read.Distances(numberOf[from], searched), read.Distances(numberOf[to], searched));
        var onSomePath = Enumerable.Range(0, reached.Count).Where(n => fromFirst[n] >= 0 && fromLast[n] >= 0 && fromFirst[n] + fromLast[n] <= searched)
            .Select(n => reached[n]).OrderBy(copy.EntityOf).ToList();
        var kept = onSomePath.ToHashSet();
        // The links among them read again in each entity's own order, so paths of equal length are ranked as before.
        var graph = new LinkGraph(onSomePath.Select(copy.EntityOf),
            onSomePath.SelectMany(node => NetworkExplorer.Followed(access, follows, excluded, node).Select(end => end.Other)
                .Where(other => kept.Contains(other) && (expanded[node] || expanded[other]))
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

    /// <summary>
    /// The links a search read, both ways, as arrays by the numbers it gave the entities it reached (the links of each
    /// entity side by side), so that measuring distances over a million of them walks arrays, not dictionaries of lists.
    /// </summary>
    private sealed class ReadGraph(int[] start, int[] linked)
    {
        public static ReadGraph Of(int count, List<int> from, List<int> to)
        {
            var start = new int[count + 1];
            foreach (var list in (ReadOnlySpan<List<int>>)[from, to])
            {
                foreach (var node in list)
                {
                    start[node + 1]++;
                }
            }

            for (var n = 0; n < count; n++)
            {
                start[n + 1] += start[n];
            }

            var filled = start[..count];
            var linked = new int[from.Count * 2];
            for (var i = 0; i < from.Count; i++)
            {
                linked[filled[from[i]]++] = to[i];
                linked[filled[to[i]]++] = from[i];
            }

            return new ReadGraph(start, linked);
        }

        /// <summary>Links from <paramref name="origin"/> to each entity within <paramref name="most"/> links of it; -1 beyond.</summary>
        public int[] Distances(int origin, int most)
        {
            var distance = new int[start.Length - 1];
            Array.Fill(distance, -1);
            distance[origin] = 0;
            var queue = new Queue<int>([origin]);
            while (queue.TryDequeue(out var node) && distance[node] < most)
            {
                for (var i = start[node]; i < start[node + 1]; i++)
                {
                    if (distance[linked[i]] < 0)
                    {
                        distance[linked[i]] = distance[node] + 1;
                        queue.Enqueue(linked[i]);
                    }
                }
            }

            return distance;
        }
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

        private long? _endsToRead;

        public List<int> Frontier
        {
            get;
            set
            {
                field = value;
                _endsToRead = null;
            }
        }

        /// <summary>How many link ends expanding the frontier reads, those of the records merged into its entities included.</summary>
        public long EndsToRead(NetworkReader.Access access) =>
            _endsToRead ??= Frontier.Sum(node => access.Holders(node).Sum(holder => (long)access.Index.EndsOf(holder).Length));

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
