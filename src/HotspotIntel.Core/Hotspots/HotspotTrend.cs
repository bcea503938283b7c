namespace HotspotIntel.Core.Hotspots;

/// <summary>
/// How a hotspot has behaved over the analysis period's time bins, a simplified form of ArcGIS Emerging Hot Spot
/// Analysis's patterns; <c>TrendClassifier</c> in HotspotIntel.Analysis holds the rules.
/// </summary>
public enum HotspotTrend
{
    /// <summary>Hot only recently: in no more than half of all bins, either in an unbroken run ending with the latest or with a significant upward trend.</summary>
    New,

    /// <summary>Hot in the latest bins and in most bins, and getting hotter (significant upward Mann-Kendall trend).</summary>
    Intensifying,

    /// <summary>Hot in the latest bins and in most bins, with no significant trend.</summary>
    Persistent,

    /// <summary>Hot in the latest bins and before, but cooling (significant downward Mann-Kendall trend).</summary>
    Diminishing,

    /// <summary>Hot in earlier bins but not in the latest ones.</summary>
    Historical,

    /// <summary>Hot in the latest bins and on and off before, in no more than half of all bins, with no significant trend.</summary>
    Sporadic,
}
