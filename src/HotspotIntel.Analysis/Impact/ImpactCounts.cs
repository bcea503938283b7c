namespace HotspotIntel.Analysis.Impact;

/// <summary>
/// What an impact assessment counts: reports in the action's target area, in a comparison area where no action was
/// taken, and optionally in a ring around the target where displaced offending would show, over the same bins.
/// </summary>
/// <param name="Target">The target area: a hotspot's area, or a buffer around a premises, vehicle base or place.</param>
/// <param name="Comparison">
/// An area with no action over the same period whose reports show the background trend: a wider buffer ring beyond
/// <paramref name="Ring"/>, or the sum of matched areas without action. It must not overlap the target or the ring.
/// </param>
/// <param name="Ring">The ring immediately around the target (e.g. the next 250 m), for displacement; null to skip it.</param>
public sealed record ImpactCounts(AreaCounts Target, AreaCounts Comparison, AreaCounts? Ring = null)
{
    /// <summary>Bins in each window; zero while no full bin has passed since the action began.</summary>
    public int BinsPerWindow => Target.BeforeBins.Count;

    /// <summary>Throws unless every area has the same number of bins in both windows and no count is negative.</summary>
    public void Validate()
    {
        foreach (var (name, area) in Areas())
        {
            if (area.BeforeBins.Count != BinsPerWindow || area.AfterBins.Count != BinsPerWindow)
            {
                throw new ArgumentException(
                    $"The {name} area has {area.BeforeBins.Count} bins before and {area.AfterBins.Count} after; every area needs {BinsPerWindow} in each window (equal windows).");
            }

            if (area.BeforeBins.Any(count => count < 0) || area.AfterBins.Any(count => count < 0))
            {
                throw new ArgumentException($"The {name} area has a negative count.");
            }
        }
    }

    private IEnumerable<(string Name, AreaCounts Area)> Areas()
    {
        yield return ("target", Target);
        yield return ("comparison", Comparison);
        if (Ring is not null)
        {
            yield return ("ring", Ring);
        }
    }
}
