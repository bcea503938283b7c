namespace HotspotIntel.Analysis;

/// <summary>
/// The Getis-Ord Gi* statistic of one feature (point or hex cell): how far the sum of values around it lies
/// above (positive) or below (negative) what chance would give, in standard deviations, with its p-values.
/// </summary>
/// <param name="ZScore">Gi* as a standard normal z-score.</param>
/// <param name="PValue">Two-sided p-value: chance of a z-score at least this far from 0 in either direction.</param>
/// <param name="PValueHot">One-sided p-value for a hotspot: chance of a z-score at least this high.</param>
public readonly record struct GiStarResult(double ZScore, double PValue, double PValueHot)
{
    /// <summary>The result for a z-score, with p-values from the standard normal distribution.</summary>
    public static GiStarResult FromZScore(double zScore) =>
        new(zScore, NormalDistribution.TwoSidedPValue(zScore), NormalDistribution.UpperTail(zScore));
}
