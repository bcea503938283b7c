namespace HotspotIntel.Analysis;

/// <summary>
/// Measures of how well hotspots predict where reports fall: the Prediction Accuracy Index, and recall against
/// hotspots planted in synthetic data. Areas in square metres.
/// </summary>
public static class PredictionAccuracy
{
    /// <summary>
    /// PAI = (hits / total) / (hotspot area / study area): the share of reports caught per share of the map
    /// flagged; 1 is no better than chance, higher is better.
    /// Chainey, Tompson and Uhlig, "The utility of hotspot mapping for predicting spatial patterns of crime",
    /// Security Journal 21 (2008) 4–28.
    /// </summary>
    /// <param name="hits">Reports (usually of the test period) inside the hotspots.</param>
    /// <param name="total">All reports in the study area in the same period.</param>
    /// <param name="hotspotAreaSquareMeters">Area of the hotspots.</param>
    /// <param name="studyAreaSquareMeters">Area of the study area.</param>
    public static double PredictionAccuracyIndex(int hits, int total, double hotspotAreaSquareMeters, double studyAreaSquareMeters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hits, total);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hotspotAreaSquareMeters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(studyAreaSquareMeters);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hotspotAreaSquareMeters, studyAreaSquareMeters);
        return ((double)hits / total) / (hotspotAreaSquareMeters / studyAreaSquareMeters);
    }

    /// <summary>
    /// Scores <paramref name="reported"/> hotspots against <paramref name="planted"/> ones, both as hex cell sets of
    /// one grid: a reported and a planted hotspot match when their overlap share reaches
    /// <paramref name="minimumOverlapShare"/>: <see cref="HotspotIdentityMatcher.SamePlace"/>, the rule that carries
    /// identities between runs.
    /// </summary>
    public static PlantedHotspotScore ScorePlantedHotspots(
        IReadOnlyList<IReadOnlyCollection<HexCell>> planted,
        IReadOnlyList<IReadOnlyCollection<HexCell>> reported,
        double minimumOverlapShare)
    {
        ArgumentNullException.ThrowIfNull(planted);
        ArgumentNullException.ThrowIfNull(reported);
        if (planted.Count == 0)
        {
            throw new ArgumentException("Recall needs at least one planted hotspot.", nameof(planted));
        }

        var matcher = new HotspotIdentityMatcher(minimumOverlapShare);
        var plantedSets = planted.Select(cells => cells.ToHashSet()).ToArray();
        var reportedSets = reported.Select(cells => cells.ToHashSet()).ToArray();
        var found = plantedSets.Count(p => reportedSets.Any(r => matcher.SamePlace(p, r)));
        var unmatched = reportedSets.Count(r => !plantedSets.Any(p => matcher.SamePlace(p, r)));
        return new PlantedHotspotScore(
            (double)found / plantedSets.Length,
            reportedSets.Length == 0 ? 0.0 : (double)unmatched / reportedSets.Length);
    }
}
