namespace HotspotIntel.Api.MissingEpisodes;

/// <summary>How the region is divided for the frequently-missing counts.</summary>
public enum FrequentlyMissingAreaType
{
    /// <summary>The basemap's wards (by name), where the episodes were found.</summary>
    Ward,

    /// <summary>The 500 m masking cells, named by their centre's British National Grid easting and northing (e.g. E406500N286500).</summary>
    Cell,
}

/// <summary>
/// Children frequently missing at the end of each month, in all and per area where their episodes in the window were
/// found: counts only, never who; a count below <c>suppressedBelow</c> (but above zero) is withheld.
/// </summary>
/// <param name="AreaType">How the areas divide the region.</param>
/// <param name="EpisodeThreshold">Episodes in the window that make a child frequently missing (the partnership's setting).</param>
/// <param name="WindowDays">The rolling window, days up to the end of each month (the partnership's setting).</param>
/// <param name="SuppressedBelow">Counts from 1 to this less one are withheld: null, with <c>suppressed</c> true.</param>
/// <param name="Months">Each month of the period, oldest first.</param>
public sealed record FrequentlyMissingCountsView(
    FrequentlyMissingAreaType AreaType, int EpisodeThreshold, int WindowDays, int SuppressedBelow, IReadOnlyList<FrequentlyMissingMonth> Months);

/// <summary>One month's counts (as of its last moment, Europe/London).</summary>
/// <param name="Month">The calendar month, yyyy-MM.</param>
/// <param name="Children">Children frequently missing at the end of the month; null when suppressed.</param>
/// <param name="Suppressed">True when the count is withheld for being small.</param>
/// <param name="Areas">
/// Areas where at least one of those children's episodes in the window was found, by code; a child with episodes found in
/// several areas counts in each, and episodes with no found location count in the total only.
/// </param>
public sealed record FrequentlyMissingMonth(string Month, int? Children, bool Suppressed, IReadOnlyList<FrequentlyMissingArea> Areas);

/// <summary>One area's count in one month.</summary>
/// <param name="Area">The ward's name or the cell's code.</param>
/// <param name="Children">Frequently-missing children with an episode in the window found in the area; null when suppressed.</param>
/// <param name="Suppressed">True when the count is withheld for being small.</param>
public sealed record FrequentlyMissingArea(string Area, int? Children, bool Suppressed);

/// <summary>A row of <c>frequently_missing_counts()</c> (migrations/0036).</summary>
internal sealed class FrequentlyMissingRow
{
    public DateOnly Month { get; set; }

    public string? AreaCode { get; set; }

    public int? Children { get; set; }
}
