namespace HotspotIntel.Analysis.Networks;

/// <summary>
/// A network of entities as the graph algorithms see it: undirected and simple. Several links between the same two
/// entities (a recorded link and a derived one, say) make one edge, and a link from an entity to itself makes none, as
/// in networkx's <c>Graph</c>, against whose values the algorithms are tested. Nodes keep the order they were given in,
/// so every algorithm over the same graph gives the same answer.
/// </summary>
public sealed class LinkGraph
{
    private readonly Dictionary<Guid, int> _indexById;

    /// <param name="nodes">The entities; duplicates are ignored.</param>
    /// <param name="edges">Pairs of entities that are linked; a pair naming an entity not in <paramref name="nodes"/> is ignored.</param>
    public LinkGraph(IEnumerable<Guid> nodes, IEnumerable<(Guid From, Guid To)> edges)
    {
        Nodes = [.. nodes.Distinct()];
        _indexById = Nodes.Select((id, index) => (id, index)).ToDictionary(pair => pair.id, pair => pair.index);
        var neighbours = Nodes.Select(_ => new List<int>()).ToArray();
        foreach (var (from, to) in edges)
        {
            if (from != to && _indexById.TryGetValue(from, out var a) && _indexById.TryGetValue(to, out var b))
            {
                neighbours[a].Add(b);
                neighbours[b].Add(a);
            }
        }

        Neighbours = [.. neighbours.Select(SortedDistinct)];
        EdgeCount = Neighbours.Sum(list => list.Length) / 2;
    }

    /// <summary>The entities, in the order given.</summary>
    public IReadOnlyList<Guid> Nodes { get; }

    /// <summary>Each node's neighbours, by index into <see cref="Nodes"/>, in ascending order.</summary>
    public IReadOnlyList<int[]> Neighbours { get; }

    /// <summary>How many distinct linked pairs there are.</summary>
    public int EdgeCount { get; }

    private static int[] SortedDistinct(List<int> list)
    {
        list.Sort();
        var count = 0;
        for (var i = 0; i < list.Count; i++)
        {
            if (i == 0 || list[i] != list[i - 1])
            {
                list[count++] = list[i];
            }
        }

        return [.. list.Take(count)];
    }

    /// <summary>The index of <paramref name="id"/> in <see cref="Nodes"/>, or -1.</summary>
    public int IndexOf(Guid id) => _indexById.GetValueOrDefault(id, -1);
}
