namespace HotspotIntel.Analysis.Networks;

/// <summary>
/// Groups of entities more linked among themselves than to the rest: Louvain community detection (Blondel et al. 2008)
/// on the unweighted <see cref="LinkGraph"/>, maximising Newman's modularity. Deterministic: nodes are visited in the
/// graph's order (networkx's <c>louvain_communities</c> shuffles them by a seed), so the same network always gets the
/// same communities.
/// </summary>
public static class Communities
{
    /// <summary>The community of each node, numbered 0, 1, … by the first node in each, largest modularity found.</summary>
    public static int[] Louvain(LinkGraph graph)
    {
        var n = graph.Nodes.Count;
        var membership = Enumerable.Range(0, n).ToArray();
        if (graph.EdgeCount == 0)
        {
            return membership;
        }

        // The current level's graph: weighted adjacency (self-loops hold the weight inside an aggregated node).
        var adjacency = graph.Neighbours.Select(list => list.ToDictionary(w => w, _ => 1.0)).ToList();
        var totalWeight = (double)graph.EdgeCount;
        while (true)
        {
            var (level, moved) = OneLevel(adjacency, totalWeight);
            if (!moved)
            {
                break;
            }

            for (var v = 0; v < n; v++)
            {
                membership[v] = level[membership[v]];
            }

            adjacency = Aggregate(adjacency, level);
        }

        return Renumber(membership);
    }

    /// <summary>
    /// Newman's modularity of a partition: the share of edges inside communities less the share expected if edges were
    /// placed at random with the same degrees, Q = Σ_c [L_c / m − (d_c / 2m)²] (networkx <c>community.modularity</c>).
    /// </summary>
    public static double Modularity(LinkGraph graph, IReadOnlyList<int> community)
    {
        var m = (double)graph.EdgeCount;
        if (m == 0)
        {
            return 0;
        }

        var inside = new Dictionary<int, double>();
        var degrees = new Dictionary<int, double>();
        for (var v = 0; v < graph.Nodes.Count; v++)
        {
            degrees[community[v]] = degrees.GetValueOrDefault(community[v]) + graph.Neighbours[v].Length;
            foreach (var w in graph.Neighbours[v])
            {
                if (w > v && community[w] == community[v])
                {
                    inside[community[v]] = inside.GetValueOrDefault(community[v]) + 1;
                }
            }
        }

        return degrees.Sum(pair => inside.GetValueOrDefault(pair.Key) / m - Math.Pow(pair.Value / (2 * m), 2));
    }

    /// <summary>Moves each node to the neighbouring community that gains most modularity until no move gains any.</summary>
    private static (int[] Community, bool Moved) OneLevel(List<Dictionary<int, double>> adjacency, double m)
    {
        var count = adjacency.Count;
        var community = Enumerable.Range(0, count).ToArray();
        // A self-loop of weight w adds 2w to the degree (both of its ends are at the node).
        var degree = adjacency.Select((edges, v) => edges.Sum(pair => pair.Key == v ? 2 * pair.Value : pair.Value)).ToArray();

        var communityDegree = (double[])degree.Clone();
        // The weight from the node being moved to each neighbouring community, and those communities, reused for every node.
        var linksTo = new double[count];
        var neighbouring = new List<int>();
        var movedAny = false;
        bool improved;
        do
        {
            improved = false;
            for (var v = 0; v < count; v++)
            {
                var current = community[v];
                foreach (var (w, weight) in adjacency[v])
                {
                    if (w != v)
                    {
                        if (linksTo[community[w]] == 0)
                        {
                            neighbouring.Add(community[w]);
                        }

                        linksTo[community[w]] += weight;
                    }
                }

                communityDegree[current] -= degree[v];
                var best = current;
                var bestGain = linksTo[current] - communityDegree[current] * degree[v] / (2 * m);
                // In ascending order, so that of equal gains the lowest numbered community wins, whatever order the edges came in.
                neighbouring.Sort();
                foreach (var candidate in neighbouring)
                {
                    var gain = linksTo[candidate] - communityDegree[candidate] * degree[v] / (2 * m);
                    if (gain > bestGain + 1e-12)
                    {
                        (best, bestGain) = (candidate, gain);
                    }

                    linksTo[candidate] = 0;
                }

                neighbouring.Clear();
                communityDegree[best] += degree[v];
                if (best != current)
                {
                    community[v] = best;
                    improved = movedAny = true;
                }
            }
        }
        while (improved);

        return (Renumber(community), movedAny);
    }

    /// <summary>The graph of communities: one node per community, edge weights summed, inner edges as self-loops.</summary>
    private static List<Dictionary<int, double>> Aggregate(List<Dictionary<int, double>> adjacency, int[] community)
    {
        var size = community.Max() + 1;
        var aggregated = Enumerable.Range(0, size).Select(_ => new Dictionary<int, double>()).ToList();
        for (var v = 0; v < adjacency.Count; v++)
        {
            foreach (var (w, weight) in adjacency[v])
            {
                var (a, b) = (community[v], community[w]);
                // Each edge between two nodes appears in both lists; a self-loop once.
                var share = v == w ? weight : a == b ? weight / 2 : weight;
                aggregated[a][b] = aggregated[a].GetValueOrDefault(b) + share;
            }
        }

        return aggregated;
    }

    private static int[] Renumber(int[] community)
    {
        var numbers = new Dictionary<int, int>();
        return [.. community.Select(c => numbers.TryGetValue(c, out var number) ? number : numbers[c] = numbers.Count)];
    }
}
