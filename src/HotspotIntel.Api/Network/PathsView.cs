namespace HotspotIntel.Api.Network;

/// <summary>Paths between two entities, shortest first, with the entities and links on them.</summary>
/// <param name="Paths">The paths, fewest links first.</param>
/// <param name="Nodes">The entities on them.</param>
/// <param name="Links">The links on them.</param>
/// <param name="SearchedHops">The longest path looked for: no shorter path exists beyond those returned.</param>
/// <param name="SearchLimited">True when the search stopped at its bound on entities reached before the ends met.</param>
public sealed record PathsView(IReadOnlyList<NetworkPath> Paths, IReadOnlyList<NetworkNodeView> Nodes, IReadOnlyList<NetworkLinkView> Links,
    int SearchedHops, bool SearchLimited)
{
    public static PathsView Of(FoundPaths found)
    {
        var links = found.Links();
        var linksByPair = links.ToLookup(link => (link.From, link.To));
        var paths = found.Paths.Select(path => new NetworkPath(path.Count - 1, path,
            [.. path.Zip(path.Skip(1), (a, b) => new PathStep(a, b, [.. linksByPair[a.CompareTo(b) < 0 ? (a, b) : (b, a)].Select(link => link.Id)]))])).ToList();
        var onPaths = paths.SelectMany(path => path.Nodes).ToHashSet();
        var stepLinks = paths.SelectMany(path => path.Steps).SelectMany(step => step.LinkIds).ToHashSet();
        return new PathsView(paths,
            [.. onPaths.Select(id => NetworkNodeView.Of(found.Entities[id], 0)).OrderBy(node => node.Id)],
            [.. links.Where(link => stepLinks.Contains(link.Id))],
            found.SearchedHops, found.SearchLimited);
    }
}

/// <summary>One path: how many links long, its entities in order, and each step's links.</summary>
public sealed record NetworkPath(int Length, IReadOnlyList<Guid> Nodes, IReadOnlyList<PathStep> Steps);

/// <summary>A step of a path: two entities next to each other on it, and every link that joins them.</summary>
public sealed record PathStep(Guid From, Guid To, IReadOnlyList<Guid> LinkIds);
