namespace HotspotIntel.Core.MissingEpisodes;

/// <summary>One missing episode as the frequently-missing counts see it: whose it is, when it began, and the area it is counted in.</summary>
/// <param name="ChildId">The child's person id; used to count children once, never returned.</param>
/// <param name="MissingFrom">When the child was reported missing.</param>
/// <param name="AreaCode">
/// The area the episode belongs to, as the caller divides the region (a ward, a hotspot, a grid cell; e.g. where the
/// child was found); null when it has none, so the episode counts towards the total only.
/// </param>
public readonly record struct EpisodeInArea(Guid ChildId, DateTimeOffset MissingFrom, string? AreaCode);

/// <summary>How many children in one area were frequently missing on a date.</summary>
public readonly record struct AreaChildren(string AreaCode, int Children);

/// <summary>How many children were frequently missing on <paramref name="AsOf"/>, in all and in each area, without naming any.</summary>
/// <param name="AsOf">The date of assessment: the end of the rolling window.</param>
/// <param name="Children">Children frequently missing on that date.</param>
/// <param name="ByArea">
/// For each area, the frequently-missing children with at least one episode in the window counted there, by area
/// code; a child with episodes in several areas counts in each, so these may add up to more than <paramref name="Children"/>.
/// </param>
public sealed record FrequentlyMissingCount(DateTimeOffset AsOf, int Children, IReadOnlyList<AreaChildren> ByArea);

/// <summary>The frequently-missing flag (<see cref="FrequentlyMissingRule"/>) as counts per area and over time.</summary>
public static class FrequentlyMissingCounts
{
    /// <summary>The counts on each of <paramref name="asOfDates"/> (in that order) from <paramref name="episodes"/> under <paramref name="rule"/>.</summary>
    public static IReadOnlyList<FrequentlyMissingCount> Over(
        IEnumerable<EpisodeInArea> episodes, IEnumerable<DateTimeOffset> asOfDates, FrequentlyMissingRule rule)
    {
        var episodesByChild = episodes.GroupBy(episode => episode.ChildId).Select(child => child.ToArray()).ToArray();
        return asOfDates.Select(asOf => CountOn(episodesByChild, asOf, rule)).ToList();
    }

    private static FrequentlyMissingCount CountOn(EpisodeInArea[][] episodesByChild, DateTimeOffset asOf, FrequentlyMissingRule rule)
    {
        var children = 0;
        var childrenByArea = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var childEpisodes in episodesByChild)
        {
            var inWindow = childEpisodes.Where(episode => rule.IsInWindow(episode.MissingFrom, asOf)).ToArray();
            if (!rule.IsFrequentlyMissing(inWindow.Select(episode => episode.MissingFrom), asOf))
            {
                continue;
            }

            children++;
            foreach (var area in inWindow.Select(episode => episode.AreaCode).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                childrenByArea[area] = childrenByArea.GetValueOrDefault(area) + 1;
            }
        }

        var byArea = childrenByArea
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new AreaChildren(pair.Key, pair.Value))
            .ToList();
        return new FrequentlyMissingCount(asOf, children, byArea);
    }
}
