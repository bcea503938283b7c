using HotspotIntel.Analysis.Networks;

namespace HotspotIntel.Api.Network;

/// <summary>
/// What connects a premises to hotspots: the shortest path, through what the reader may see, from the premises to each
/// premises and place a hotspot holds (as the latest run the reader may see found them), within a number of links.
/// </summary>
public sealed class HotspotConnections(NetworkStore store, NetworkIndex index)
{
    /// <summary>The most entities the search around the premises reaches.</summary>
    public const int NodeBudget = 5_000;

    public async Task<HotspotConnectionsView> FindAsync(Guid premisesId, IReadOnlyList<Guid> hotspotIds, int maxHops, NetworkFilter filter,
        CancellationToken cancellationToken)
    {
        var holdings = await store.HotspotHoldingsAsync(hotspotIds, cancellationToken);
        var explored = await new NetworkExplorer(store, index).AroundAsync([(premisesId, "premises")], maxHops, NodeBudget, filter, cancellationToken);
        var links = explored.Links();
        var graph = new LinkGraph(explored.Entities.Keys, links.Select(link => (link.From, link.To)));
        var connections = hotspotIds.Distinct().Select(hotspotId => new HotspotConnection(hotspotId,
        [
            .. holdings.Where(holding => holding.HotspotId == hotspotId && holding.EntityId != premisesId && explored.Entities.ContainsKey(holding.EntityId))
                .Select(holding => NetworkPaths.KShortest(graph, premisesId, holding.EntityId, 1).FirstOrDefault())
                .OfType<IReadOnlyList<Guid>>()
                .OrderBy(path => path.Count).ThenBy(path => path[^1])
                .Select(path => new NetworkPath(path.Count - 1, path, [])),
        ])).ToList();
        var onPaths = connections.SelectMany(connection => connection.Paths).SelectMany(path => path.Nodes).ToHashSet();
        var pairs = connections.SelectMany(connection => connection.Paths)
            .SelectMany(path => path.Nodes.Zip(path.Nodes.Skip(1), (a, b) => a.CompareTo(b) < 0 ? (a, b) : (b, a))).ToHashSet();
        var pathLinks = links.Where(link => pairs.Contains((link.From, link.To))).ToList();
        var linksByPair = pathLinks.ToLookup(link => (link.From, link.To));
        return new HotspotConnectionsView(premisesId,
            [.. connections.Select(connection => connection with
            {
                Paths = [.. connection.Paths.Select(path => path with
                {
                    Steps = [.. path.Nodes.Zip(path.Nodes.Skip(1), (a, b) => new PathStep(a, b,
                        [.. linksByPair[a.CompareTo(b) < 0 ? (a, b) : (b, a)].Select(link => link.Id)]))],
                })],
            })],
            [.. onPaths.Select(id => NetworkNodeView.Of(explored.Entities[id].Entity, explored.Entities[id].Hop)).OrderBy(node => node.Hop).ThenBy(node => node.Id)],
            pathLinks);
    }
}

/// <summary>What connects a premises to each hotspot asked about: the shortest path to each of its premises and places reached.</summary>
public sealed record HotspotConnectionsView(Guid PremisesId, IReadOnlyList<HotspotConnection> Hotspots, IReadOnlyList<NetworkNodeView> Nodes,
    IReadOnlyList<NetworkLinkView> Links);

/// <summary>One hotspot and the paths from the premises to what it holds, shortest first.</summary>
public sealed record HotspotConnection(Guid HotspotId, IReadOnlyList<NetworkPath> Paths);
