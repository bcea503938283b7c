namespace HotspotIntel.Analysis;

/// <summary>
/// One time bin of a place's history for <see cref="TrendClassifier"/>: its Gi* z-score in that bin and whether it
/// was hot (after false-discovery-rate correction, at the confidence the run uses).
/// </summary>
public readonly record struct TrendBin(double ZScore, bool IsHot);
