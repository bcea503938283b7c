using QuikGraph;
using QuikGraph.Algorithms.ShortestPath;

namespace HotspotIntel.Analysis.Networks;

/// <summary>Paths between two entities of a <see cref="LinkGraph"/>, each step one linked pair, shortest first.</summary>
public static class NetworkPaths
{
    /// <summary>
    /// Up to <paramref name="k"/> loopless paths from <paramref name="from"/> to <paramref name="to"/>, fewest steps
    /// first, as node sequences: Yen's algorithm (1971), QuikGraph's <c>YenShortestPathsAlgorithm</c>, over both
    /// directions of every edge with unit weights. Paths of equal length come in a fixed order for a given graph.
    /// Empty when either end is not in the graph or nothing joins them.
    /// </summary>
    public static List<IReadOnlyList<Guid>> KShortest(LinkGraph graph, Guid from, Guid to, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var (source, target) = (graph.IndexOf(from), graph.IndexOf(to));
        if (source < 0 || target < 0)
        {
            return [];
        }

        if (source == target)
        {
            return [[from]];
        }

        var directed = new AdjacencyGraph<int, EquatableTaggedEdge<int, double>>(allowParallelEdges: false);
        directed.AddVertexRange(Enumerable.Range(0, graph.Nodes.Count));
        for (var v = 0; v < graph.Nodes.Count; v++)
        {
            foreach (var w in graph.Neighbours[v])
            {
                directed.AddEdge(new EquatableTaggedEdge<int, double>(v, w, 1));
            }
        }

        try
        {
            return [.. new YenShortestPathsAlgorithm<int>(directed, source, target, k).Execute()
                .Select(path => (IReadOnlyList<Guid>)[graph.Nodes[source], .. path.Select(edge => graph.Nodes[edge.Target])])];
        }
        catch (NoPathFoundException)
        {
            return [];
        }
    }
}
