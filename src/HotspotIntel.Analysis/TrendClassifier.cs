using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Analysis;

/// <summary>
/// Classes a place's history over equal time bins (oldest first) as a <see cref="HotspotTrend"/>, in the spirit of
/// ArcGIS Emerging Hot Spot Analysis: whether it was hot in each bin, and a Mann-Kendall test on its Gi* z-scores
/// across the bins for the direction of change.
/// </summary>
/// <remarks>
/// The first rule that matches wins:
/// <list type="number">
/// <item>never hot: no trend (null);</item>
/// <item>not hot in any of the last <see cref="RecentBins"/> bins: <see cref="HotspotTrend.Historical"/>;</item>
/// <item>hot bins form one unbroken run ending with the latest bin and are no more than half of the bins: <see cref="HotspotTrend.New"/>;</item>
/// <item>significant downward trend (p &lt; <see cref="Alpha"/>, S &lt; 0): <see cref="HotspotTrend.Diminishing"/>;</item>
/// <item>hot in more than half of the bins with a significant upward trend: <see cref="HotspotTrend.Intensifying"/>;</item>
/// <item>hot in more than half of the bins: <see cref="HotspotTrend.Persistent"/>;</item>
/// <item>hot in no more than half of the bins with a significant upward trend: <see cref="HotspotTrend.New"/>;</item>
/// <item>otherwise: <see cref="HotspotTrend.Sporadic"/>.</item>
/// </list>
/// ArcGIS asks for 90% of bins where these rules ask for more than half, because a partnership reviews a few
/// months of monthly or weekly bins, not years; and it splits "sporadic" further (oscillating, consecutive).
/// A place that started recently and is hot in most bins since, but missed one by chance (a few reports a month
/// make a quiet month likely), is new by its upward trend rather than sporadic by its gap.
/// </remarks>
public sealed class TrendClassifier
{
    /// <summary>Rules that treat the last <paramref name="recentBins"/> bins as "now" and test trends at significance <paramref name="alpha"/>.</summary>
    public TrendClassifier(int recentBins = 1, double alpha = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(recentBins);
        if (double.IsNaN(alpha) || alpha <= 0 || alpha >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), "The significance level must be between 0 and 1.");
        }

        RecentBins = recentBins;
        Alpha = alpha;
    }

    /// <summary>How many of the latest bins count as the present when deciding that a hotspot is historical.</summary>
    public int RecentBins { get; }

    /// <summary>Significance level of the Mann-Kendall trend test.</summary>
    public double Alpha { get; }

    /// <summary>The trend of a place with these <paramref name="bins"/>, oldest first; null when it was never hot.</summary>
    public HotspotTrend? Classify(IReadOnlyList<TrendBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var hotBins = bins.Count(bin => bin.IsHot);
        if (hotBins == 0)
        {
            return null;
        }

        var recentStart = Math.Max(0, bins.Count - RecentBins);
        if (!bins.Skip(recentStart).Any(bin => bin.IsHot))
        {
            return HotspotTrend.Historical;
        }

        var mostBins = hotBins * 2 > bins.Count;
        if (!mostBins && FinalRunLength(bins) == hotBins)
        {
            return HotspotTrend.New;
        }

        var trend = MannKendall.Test(bins.Select(bin => bin.ZScore).ToArray());
        var significant = trend.PValue < Alpha;
        return (significant, trend.S, mostBins) switch
        {
            (true, < 0, _) => HotspotTrend.Diminishing,
            (true, > 0, true) => HotspotTrend.Intensifying,
            (_, _, true) => HotspotTrend.Persistent,
            (true, > 0, false) => HotspotTrend.New,
            _ => HotspotTrend.Sporadic,
        };
    }

    private static int FinalRunLength(IReadOnlyList<TrendBin> bins)
    {
        var length = 0;
        for (var i = bins.Count - 1; i >= 0 && bins[i].IsHot; i--)
        {
            length++;
        }

        return length;
    }
}
