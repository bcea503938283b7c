namespace HotspotIntel.Analysis.Impact;

/// <summary>An area that could stand as the comparison for a target: its counts over the same bins, and how far it lies from the target.</summary>
/// <param name="Counts">Reports in the candidate over the target's bins.</param>
/// <param name="DistanceMetres">From the target's centre to the candidate's.</param>
public sealed record MatchCandidate(AreaCounts Counts, double DistanceMetres);

/// <summary>
/// Chooses the comparison for a difference in differences from areas without action: the <c>count</c> candidates whose
/// reports before the action were most like the target's, in level and in trend, summed bin by bin.
/// </summary>
/// <remarks>
/// <para>
/// Matching on the before window only, never on what came after, is what keeps the estimate honest: the after window is
/// the outcome. A candidate is as unlike the target as the distance
/// |ln((Cb + ½) / (Tb + ½))| + |ln((Cl + ½) / (Ce + ½)) − ln((Tl + ½) / (Te + ½))|, the first term the gap in level
/// (reports before the action) and the second in trend (the later half of the before window against the earlier half;
/// the middle bin of an odd window is in neither). Parallel trends before the action is the assumption difference in
/// differences rests on, and areas of like level answer regression to the mean, which a target chosen because it was
/// busy would otherwise show as a fall. The ½ keeps the logarithms finite (as in <see cref="DifferenceInDifferences"/>).
/// </para>
/// <para>
/// A candidate without a report before the action cannot show a trend and is never chosen. Ties go to the nearer
/// candidate, whose surroundings are likelier to be like the target's, then to the earlier one in the list.
/// </para>
/// </remarks>
public static class MatchedComparison
{
    /// <summary>
    /// The indices in <paramref name="candidates"/> of the <paramref name="count"/> best matches for
    /// <paramref name="target"/>, best first; fewer when fewer candidates held reports before the action.
    /// </summary>
    public static IReadOnlyList<int> Choose(AreaCounts target, IReadOnlyList<MatchCandidate> candidates, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        foreach (var candidate in candidates)
        {
            if (candidate.Counts.BeforeBins.Count != target.BeforeBins.Count || candidate.Counts.AfterBins.Count != target.AfterBins.Count)
            {
                throw new ArgumentException("Every candidate must have the target's bins.", nameof(candidates));
            }
        }

        return candidates
            .Select((candidate, index) => (candidate, index))
            .Where(pair => pair.candidate.Counts.Before > 0)
            .OrderBy(pair => Distance(target, pair.candidate.Counts))
            .ThenBy(pair => pair.candidate.DistanceMetres)
            .ThenBy(pair => pair.index)
            .Take(count)
            .Select(pair => pair.index)
            .ToList();
    }

    /// <summary>The areas' counts added bin by bin: the comparison that the chosen matches make together.</summary>
    public static AreaCounts Sum(IReadOnlyList<AreaCounts> areas, int binsPerWindow)
    {
        var before = new int[binsPerWindow];
        var after = new int[binsPerWindow];
        foreach (var area in areas)
        {
            for (var bin = 0; bin < binsPerWindow; bin++)
            {
                before[bin] += area.BeforeBins[bin];
                after[bin] += area.AfterBins[bin];
            }
        }

        return new AreaCounts(before, after);
    }

    /// <summary>How unlike <paramref name="target"/> the candidate's before window is, in level and trend (0: alike).</summary>
    public static double Distance(AreaCounts target, AreaCounts candidate) =>
        Math.Abs(LogRatio(candidate.Before, target.Before)) + Math.Abs(Trend(candidate.BeforeBins) - Trend(target.BeforeBins));

    // The later half of the before window against the earlier half, on the log scale.
    private static double Trend(IReadOnlyList<int> beforeBins)
    {
        var half = beforeBins.Count / 2;
        var earlier = beforeBins.Take(half).Sum();
        var later = beforeBins.Skip(beforeBins.Count - half).Sum();
        return LogRatio(later, earlier);
    }

    private static double LogRatio(int numerator, int denominator) => Math.Log((numerator + 0.5) / (denominator + 0.5));
}
