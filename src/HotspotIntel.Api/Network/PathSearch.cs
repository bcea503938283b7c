using HotspotIntel.Analysis.Networks;

namespace HotspotIntel.Api.Network;

/// <summary>
/// Paths between two entities: a bidirectional breadth-first search in PostgreSQL (each step one hop from the smaller
/// side's frontier, under the reader's row-level security) until the two sides meet, then one hop more when more
/// than one path is wanted; then the k shortest paths within what both sides reached, in memory (Yen's algorithm,
/// <see cref="NetworkPaths"/>). Every path of up to as many links as the two sides searched lies within what they
/// reached, so the paths returned are the shortest there are, and only through what the reader may see.
/// </summary>
public sealed class PathSearch(NetworkStore store)
{
    /// <summary>The most entities a search reaches before it stops: a bound on its time, reported as <c>searchLimited</c>.</summary>
    public const int NodeBudget = 20_000;

    public async Task<FoundPaths> BetweenAsync((Guid Id, string Kind) from, (Guid Id, string Kind) to, int k, int maxHops,
        NetworkFilter filter, CancellationToken cancellationToken)
    {
        var found = new FoundPaths();
        var ends = await store.EntitiesAsync([from, to], cancellationToken);
        if (ends.Count < (from.Id == to.Id ? 1 : 2))
        {
            return found;
        }

        foreach (var entity in ends)
        {
            found.Entities[entity.Id] = entity;
        }

        var sides = new[] { new Side(from.Id), new Side(to.Id) };
        int? shortest = from.Id == to.Id ? 0 : null;
        while (sides[0].Depth + sides[1].Depth < maxHops)
        {
            var side = sides.Where(s => s.Frontier.Count > 0).MinBy(s => s.Frontier.Count);
            if (side is null)
            {
                break;
            }

            var other = side == sides[0] ? sides[1] : sides[0];
            var read = await store.LinkEndsAsync(side.Frontier, filter, null, cancellationToken);
            found.Ends.AddRange(read);
            var unknown = read.Where(end => !found.Entities.ContainsKey(end.OtherId)).Select(end => (end.OtherId, end.OtherKind)).ToList();
            foreach (var entity in await store.EntitiesAsync(unknown, cancellationToken))
            {
                found.Entities[entity.Id] = entity;
            }

            side.Depth++;
            side.Frontier = [.. read.Select(end => end.OtherId).Distinct()
                .Where(id => found.Entities.ContainsKey(id) && side.Distance.TryAdd(id, side.Depth))];
            foreach (var id in side.Frontier.Where(other.Distance.ContainsKey))
            {
                shortest = Math.Min(shortest ?? int.MaxValue, side.Depth + other.Distance[id]);
            }

            if (shortest is { } length && (k == 1 || sides[0].Depth + sides[1].Depth > length))
            {
                break;
            }

            if (found.Entities.Count > NodeBudget)
            {
                found.SearchLimited = true;
                break;
            }
        }

        var searched = sides[0].Depth + sides[1].Depth;
        found.SearchedHops = searched;
        var graph = new LinkGraph(found.Entities.Keys, found.Links().Select(link => (link.From, link.To)));
        found.Paths = [.. NetworkPaths.KShortest(graph, from.Id, to.Id, k).Where(path => path.Count - 1 <= searched)];
        return found;
    }

    private sealed class Side(Guid start)
    {
        public Dictionary<Guid, int> Distance { get; } = new() { [start] = 0 };

        public List<Guid> Frontier { get; set; } = [start];

        public int Depth { get; set; }
    }
}

/// <summary>What a path search reached, and the paths it found through it (node sequences).</summary>
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
