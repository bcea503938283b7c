namespace HotspotIntel.Api.Network;

/// <summary>
/// Grows a network hop by hop from where a question starts, in PostgreSQL: each hop is one scan of the link ends at
/// the frontier and one look-up of the entities newly reached, both under the reader's row-level security, so an entity
/// the reader may not see is never reached and nothing beyond it is either. No graph is held between requests: every
/// API instance answers from the database as it is, for the reader it is.
/// </summary>
public sealed class NetworkExplorer(NetworkStore store)
{
    /// <summary>A network at most <paramref name="hops"/> links from <paramref name="starts"/>, of at most <paramref name="nodeLimit"/> entities.</summary>
    public async Task<ExploredNetwork> AroundAsync(IReadOnlyList<(Guid Id, string Kind)> starts, int hops, int nodeLimit,
        NetworkFilter filter, CancellationToken cancellationToken)
    {
        var network = new ExploredNetwork();
        var startEntities = await store.EntitiesAsync(starts, cancellationToken);
        var frontier = network.Admit(startEntities.OrderBy(entity => entity.Id).Take(nodeLimit), 0);
        network.Truncated = startEntities.Count > nodeLimit;
        for (var hop = 1; hop <= hops && frontier.Count > 0 && !network.Truncated; hop++)
        {
            var ends = await store.LinkEndsAsync(frontier, filter, null, cancellationToken);
            network.Collect(ends);
            var reached = ends.Where(end => !network.Entities.ContainsKey(end.OtherId)).ToList();
            var visible = await store.EntitiesAsync(reached.Select(end => (end.OtherId, end.OtherKind)), cancellationToken);
            var room = nodeLimit - network.Entities.Count;
            if (visible.Count > room)
            {
                network.Truncated = true;
                // The entities most tied into the network so far come first, then the best graded; the id settles ties.
                var ties = reached.GroupBy(end => end.OtherId).ToDictionary(group => group.Key,
                    group => (Links: group.Select(end => end.EntityId).Distinct().Count(), Grading: group.Min(end => end.Grading ?? "9")));
                visible = [.. visible.OrderByDescending(entity => ties[entity.Id].Links).ThenBy(entity => ties[entity.Id].Grading, StringComparer.Ordinal)
                    .ThenBy(entity => entity.Id).Take(room)];
            }

            frontier = network.Admit(visible, hop);
        }

        // The links among the entities reached last, which no hop read from their side.
        network.Collect(await store.LinkEndsAsync(frontier, filter, network.Entities.Keys, cancellationToken));
        return network;
    }
}

/// <summary>What an exploration reached: entities with their hop, and the link ends read on the way.</summary>
public sealed class ExploredNetwork
{
    private readonly List<LinkEnd> _ends = [];

    public Dictionary<Guid, (NetworkEntity Entity, int Hop)> Entities { get; } = [];

    public bool Truncated { get; set; }

    /// <summary>Adds entities not yet in the network at <paramref name="hop"/>; returns their ids.</summary>
    public List<Guid> Admit(IEnumerable<NetworkEntity> entities, int hop)
    {
        var added = new List<Guid>();
        foreach (var entity in entities)
        {
            if (Entities.TryAdd(entity.Id, (entity, hop)))
            {
                added.Add(entity.Id);
            }
        }

        return added;
    }

    public void Collect(IEnumerable<LinkEnd> ends) => _ends.AddRange(ends);

    /// <summary>The links whose two ends are both in the network.</summary>
    public List<NetworkLinkView> Links() =>
        NetworkLinkView.Of(_ends.Where(end => Entities.ContainsKey(end.EntityId) && Entities.ContainsKey(end.OtherId)));
}
