using HotspotIntel.Api.Concerns;
using HotspotIntel.Api.Hotspots;

namespace HotspotIntel.Api.Locations;

/// <summary>
/// What a check asks of a named place: the reports that mention it and the current hotspots near it. Only what the caller
/// may see: reports through row-level security and <c>reports_for_role</c>; hotspots are aggregates.
/// </summary>
/// <param name="LocationId">The place checked.</param>
/// <param name="Reports">Reports mentioning it, newest first (at most 500).</param>
/// <param name="MoreReports">Whether more reports mention it than are listed.</param>
/// <param name="RadiusMeters">How far from the place's centre hotspots were looked for, metres.</param>
/// <param name="NearbyHotspots">Hotspots of the latest succeeded run within that distance, nearest first.</param>
public sealed record LocationConcerns(
    Guid LocationId,
    IReadOnlyList<ReportConcern> Reports,
    bool MoreReports,
    int RadiusMeters,
    IReadOnlyList<NearbyHotspot> NearbyHotspots);
