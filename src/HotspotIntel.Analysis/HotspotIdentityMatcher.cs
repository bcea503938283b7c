namespace HotspotIntel.Analysis;

/// <summary>
/// Carries hotspot identities from one analysis run to the next: a current hotspot keeps a previous hotspot's id
/// when they overlap enough, and splits, merges, new and gone hotspots are reported. Hotspots are sets of
/// <see cref="HexCell"/>s of one grid, so overlap is counted in cells, which all have the same area.
/// </summary>
/// <remarks>
/// Overlap share = |A ∩ B| / min(|A|, |B|) (the overlap coefficient), not Jaccard |A ∩ B| / |A ∪ B|: a hotspot
/// that grows or shrinks where it stands is the same hotspot to the tasking group, and Jaccard would call a
/// 3-cell hotspot that grew to 12 cells around its old self only 25% the same.
/// Two hotspots are linked when their overlap share is at least the minimum. Ids pass along the links greedily,
/// largest overlap (in cells) first, then highest share, then earliest previous and current hotspot, each id to at
/// most one current hotspot and each current hotspot taking at most one id; so in a split the largest piece keeps the
/// id and in a merge the hotspot that brought the most cells lends its id.
/// </remarks>
public sealed class HotspotIdentityMatcher
{
    /// <summary>A matcher that links hotspots whose overlap share is at least <paramref name="minimumOverlapShare"/> (0 to 1, exclusive of 0).</summary>
    public HotspotIdentityMatcher(double minimumOverlapShare = 0.5)
    {
        if (double.IsNaN(minimumOverlapShare) || minimumOverlapShare <= 0 || minimumOverlapShare > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumOverlapShare), "The minimum overlap share must be above 0 and at most 1.");
        }

        MinimumOverlapShare = minimumOverlapShare;
    }

    /// <summary>Smallest overlap share at which two hotspots count as the same place.</summary>
    public double MinimumOverlapShare { get; }

    /// <summary>|A ∩ B| / min(|A|, |B|): 1 when one lies inside the other, 0 when they share no cell or either is empty.</summary>
    public static double OverlapShare(IReadOnlyCollection<HexCell> a, IReadOnlyCollection<HexCell> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var setA = a as IReadOnlySet<HexCell> ?? a.ToHashSet();
        var setB = b as IReadOnlySet<HexCell> ?? b.ToHashSet();
        var smaller = Math.Min(setA.Count, setB.Count);
        return smaller == 0 ? 0.0 : (double)Overlap(setA, setB) / smaller;
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> share cells and their overlap share reaches <see cref="MinimumOverlapShare"/>.</summary>
    public bool SamePlace(IReadOnlyCollection<HexCell> a, IReadOnlyCollection<HexCell> b) =>
        OverlapShare(a, b) >= MinimumOverlapShare;

    /// <summary>Matches the <paramref name="current"/> run's hotspots against the <paramref name="previous"/> run's.</summary>
    public HotspotMatching Match(IReadOnlyList<PreviousHotspot> previous, IReadOnlyList<IReadOnlyCollection<HexCell>> current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (previous.Select(hotspot => hotspot.Id).Distinct().Count() != previous.Count)
        {
            throw new ArgumentException("Previous hotspot ids must be unique.", nameof(previous));
        }

        var previousSets = previous.Select(hotspot => hotspot.Cells.ToHashSet()).ToArray();
        var currentSets = current.Select(cells => cells.ToHashSet()).ToArray();
        var links = new List<(int Previous, int Current, int Cells, double Share)>();
        for (var p = 0; p < previousSets.Length; p++)
        {
            for (var c = 0; c < currentSets.Length; c++)
            {
                var cells = Overlap(previousSets[p], currentSets[c]);
                var smaller = Math.Min(previousSets[p].Count, currentSets[c].Count);
                var share = smaller == 0 ? 0.0 : (double)cells / smaller;
                if (cells > 0 && share >= MinimumOverlapShare)
                {
                    links.Add((p, c, cells, share));
                }
            }
        }

        var keptIds = new Guid?[currentSets.Length];
        var idTaken = new bool[previousSets.Length];
        var byStrength = links
            .OrderByDescending(link => link.Cells)
            .ThenByDescending(link => link.Share)
            .ThenBy(link => link.Previous)
            .ThenBy(link => link.Current);
        foreach (var link in byStrength)
        {
            if (!idTaken[link.Previous] && keptIds[link.Current] is null)
            {
                idTaken[link.Previous] = true;
                keptIds[link.Current] = previous[link.Previous].Id;
            }
        }

        var linksOfPrevious = links.ToLookup(link => link.Previous, link => link.Current);
        var linksOfCurrent = links.ToLookup(link => link.Current, link => link.Previous);
        return new HotspotMatching(
            keptIds,
            New: Enumerable.Range(0, currentSets.Length).Where(c => !linksOfCurrent.Contains(c)).ToList(),
            Gone: Enumerable.Range(0, previousSets.Length).Where(p => !linksOfPrevious.Contains(p)).Select(p => previous[p].Id).ToList(),
            Splits: linksOfPrevious
                .Where(group => group.Count() > 1)
                .OrderBy(group => group.Key)
                .Select(group => new HotspotSplit(previous[group.Key].Id, group.Order().ToList()))
                .ToList(),
            Merges: linksOfCurrent
                .Where(group => group.Count() > 1)
                .OrderBy(group => group.Key)
                .Select(group => new HotspotMerge(group.Order().Select(p => previous[p].Id).ToList(), group.Key))
                .ToList());
    }

    private static int Overlap(IReadOnlySet<HexCell> a, IReadOnlySet<HexCell> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        return small.Count(large.Contains);
    }
}
