using HotspotIntel.Analysis.Networks;

namespace HotspotIntel.Api.Network;

/// <summary>Ranks who matters within a returned network (HotspotIntel.Analysis: centrality and communities).</summary>
public static class NetworkMetrics
{
    public static Dictionary<Guid, NodeMetrics> Of(IReadOnlyList<Guid> nodes, IEnumerable<NetworkLinkView> links)
    {
        var graph = new LinkGraph(nodes, links.Select(link => (link.From, link.To)));
        var degree = Centrality.Degree(graph);
        var betweenness = Centrality.Betweenness(graph);
        var eigenvector = Centrality.Eigenvector(graph);
        var community = Communities.Louvain(graph);
        return graph.Nodes.Select((id, i) => (id, metrics: new NodeMetrics(graph.Neighbours[i].Length, Round(degree[i]), Round(betweenness[i]),
            Round(eigenvector[i]), community[i]))).ToDictionary(pair => pair.id, pair => pair.metrics);
    }

    private static double Round(double value) => Math.Round(value, 6);
}
