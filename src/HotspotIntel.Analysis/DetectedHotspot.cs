using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Analysis;

/// <summary>
/// One hotspot a <see cref="HotspotPipeline"/> run found: its hex cells, the reports inside them (indices into the
/// run's input), their count and summed weight, its significance where the method gives one, and its trend.
/// </summary>
/// <param name="Area">The connected hot cells.</param>
/// <param name="Reports">Indices of the input reports whose cell is in the area, ascending.</param>
/// <param name="WeightedScore">Sum of those reports' weights (<see cref="ReportWeighting"/>).</param>
/// <param name="ZScore">
/// How far its weighted count stands above its local expectation, in standard deviations of a quasi-Poisson count,
/// now or over the trend period, whichever is the more significant.
/// </param>
/// <param name="PValue">The one-sided p-value of that excess, Bonferroni-corrected for the run's study cells.</param>
/// <param name="Confidence">The confidence class that p-value reaches (99, 95 or 90%).</param>
/// <param name="Trend">
/// From its count against its local expectation in each trend bin; null when it was significantly above it in no bin,
/// or when the run's data do not cover the trend window (see <see cref="HotspotAnalysis.Warnings"/>).
/// </param>
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
