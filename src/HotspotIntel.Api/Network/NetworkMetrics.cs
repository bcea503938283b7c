using HotspotIntel.Analysis.Networks;

namespace HotspotIntel.Api.Network;

/// <summary>Ranks who matters within a returned network (HotspotIntel.Analysis: centrality and communities).</summary>
public static class NetworkMetrics
{
    /// <param name="nodes">The network's entities, in the order the answer lists them, which the communities' numbers follow.</param>
    /// <param name="links">The pairs of entities linked (a pair may come several times, either way round).</param>
    public static Dictionary<Guid, NodeMetrics> Of(IReadOnlyList<Guid> nodes, IEnumerable<(Guid From, Guid To)> links)
    {
        var graph = new LinkGraph(nodes, links);
        var degree = Centrality.Degree(graph);
        var betweenness = Centrality.Betweenness(graph);
        var eigenvector = Centrality.Eigenvector(graph);
        var community = Communities.Louvain(graph);
        return graph.Nodes.Select((id, i) => (id, metrics: new NodeMetrics(graph.Neighbours[i].Length, Round(degree[i]), Round(betweenness[i]),
            Round(eigenvector[i]), community[i]))).ToDictionary(pair => pair.id, pair => pair.metrics);
    }

    private static double Round(double value) => Math.Round(value, 6);
}
