namespace HotspotIntel.Core.MissingEpisodes;

/// <summary>
/// Whether a child is "frequently missing": at least <see cref="EpisodeThreshold"/> episodes starting within any
/// <see cref="WindowDays"/> days ending on the day of assessment.
/// 3+ episodes in a rolling 90 days is a common local protocol, so both numbers are a per-partnership setting.
/// </summary>
public sealed record FrequentlyMissingRule(int EpisodeThreshold = 3, int WindowDays = 90)
{
    /// <summary>True when the episodes that started in the window ending at <paramref name="asOf"/> reach the threshold.</summary>
    public bool IsFrequentlyMissing(IEnumerable<DateTimeOffset> episodeStarts, DateTimeOffset asOf) =>
        EpisodesInWindow(episodeStarts, asOf) >= EpisodeThreshold;

    /// <summary>How many episodes started in the <see cref="WindowDays"/> days up to and including <paramref name="asOf"/>.</summary>
    public int EpisodesInWindow(IEnumerable<DateTimeOffset> episodeStarts, DateTimeOffset asOf) =>
        episodeStarts.Count(start => IsInWindow(start, asOf));

    /// <summary>True when an episode that started at <paramref name="episodeStart"/> falls in the window ending at <paramref name="asOf"/>.</summary>
    public bool IsInWindow(DateTimeOffset episodeStart, DateTimeOffset asOf) =>
        episodeStart > asOf.AddDays(-WindowDays) && episodeStart <= asOf;
}
