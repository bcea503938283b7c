namespace HotspotIntel.Analysis;

/// <summary>
/// One hotspot a <see cref="HotspotPipeline"/> run found: its hex cells, the reports inside them (indices into the
/// run's input), their count and summed weight, its significance where the method gives one, and its trend.
/// </summary>
/// <param name="Area">The connected hot cells.</param>
/// <param name="Reports">Indices of the input reports whose cell is in the area, ascending.</param>
/// <param name="WeightedScore">Sum of those reports' weights (<see cref="ReportWeighting"/>).</param>
/// <param name="ZScore">Gi*: the highest z-score among its cells; null for other methods.</param>
/// <param name="PValue">Gi*: the two-sided p-value of that z-score; null for other methods.</param>
/// <param name="Confidence">Gi*: the highest confidence class among its cells; null for other methods.</param>
/// <param name="Trend">From the time-binned Gi* series of its cells; null when it was hot in no bin.</param>
public sealed record DetectedHotspot(
    HotspotArea Area,
    IReadOnlyList<int> Reports,
    double WeightedScore,
    double? ZScore,
    double? PValue,
    HotspotConfidence? Confidence,
    HotspotTrend? Trend)
{
    /// <summary>Reports inside the area, whatever their weight.</summary>
    public int ReportCount => Reports.Count;
}
