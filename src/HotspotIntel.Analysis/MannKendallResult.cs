namespace HotspotIntel.Analysis;

/// <summary>
/// The outcome of a Mann-Kendall trend test on a time-ordered series: <see cref="S"/> (later-minus-earlier pairs
/// that rise, minus those that fall), its variance under no trend (corrected for ties), the continuity-corrected
/// z-score and its two-sided p-value. Positive S and z mean an upward trend.
/// </summary>
public readonly record struct MannKendallResult(long S, double Variance, double ZScore, double PValue);
