using HotspotIntel.Api.Data;
using HotspotIntel.Core.Hotspots;
using HotspotIntel.Core.Records;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.MeetingPacks;

/// <summary>
/// Everything a tasking meeting pack holds, read once under its maker's access and rendered three ways (HTML, PDF, a
/// CSV per table) from these same values, so the three cannot differ. Counts and areas only: no person is named.
/// </summary>
/// <param name="Title">The pack's title.</param>
/// <param name="Area">The area, a WGS84 rectangle.</param>
/// <param name="From">The period's start (the last meeting), UTC.</param>
/// <param name="To">The period's end, UTC.</param>
/// <param name="MadeBy">The maker's user id.</param>
/// <param name="MadeAt">When the pack was built.</param>
/// <param name="Marking">The highest security marking of its content.</param>
/// <param name="HandlingConditions">The handling conditions of its content, joined; null when none.</param>
/// <param name="PublishedRunId">The published hotspot run it reads; null before any.</param>
/// <param name="PreviousRunId">The run published last before <paramref name="From"/>: what the last meeting saw.</param>
/// <param name="Hotspots">New, intensifying and persistent hotspots in the area, each with its map and trend.</param>
/// <param name="Tables">The tables, in the pack's order.</param>
/// <param name="Basemap">Streets and ward boundaries in and around the area, for the maps.</param>
/// <param name="Kind">A tasking pack (with a map and trend chart per hotspot) or a problem profile (tables per area).</param>
public sealed record MeetingPackContent(
    string Title,
    Envelope Area,
    DateTimeOffset From,
    DateTimeOffset To,
    string MadeBy,
    DateTimeOffset MadeAt,
    SecurityMarking Marking,
    string? HandlingConditions,
    Guid? PublishedRunId,
    Guid? PreviousRunId,
    IReadOnlyList<PackHotspot> Hotspots,
    IReadOnlyList<PackTable> Tables,
    IReadOnlyList<BasemapFeature> Basemap,
    MeetingPackKind Kind = MeetingPackKind.Tasking);

/// <summary>One hotspot of the pack: its area as the maker may see it and its history over runs.</summary>
public sealed record PackHotspot(Guid Id, HotspotTrend? Trend, int? ReportCount, double? WeightedScore, Geometry Area,
    IReadOnlyList<PackTrendPoint> History);

/// <summary>One run's figures for a hotspot: a point of its trend chart.</summary>
public sealed record PackTrendPoint(DateTimeOffset At, int? ReportCount, double? WeightedScore);

/// <summary>A street, ward boundary or place of the partnership's basemap (<c>basemap_features</c>).</summary>
public sealed record BasemapFeature(string Layer, string? Kind, string? Name, Geometry Geometry);

/// <summary>
/// One table of the pack as text, exactly as every rendering shows it: <paramref name="Id"/> names its CSV file, and
/// <paramref name="Columns"/> are its headers as people read them (the CSV's header row too).
/// </summary>
public sealed record PackTable(string Id, string Title, string Note, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
