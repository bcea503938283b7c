namespace HotspotIntel.Analysis;

/// <summary>
/// How well an analysis found hotspots planted in synthetic data: the share of planted hotspots that some reported
/// hotspot matches (recall, 0 to 1), and the share of reported hotspots that match no planted one (0 to 1).
/// </summary>
public readonly record struct PlantedHotspotScore(double Recall, double UnmatchedReportedShare);
