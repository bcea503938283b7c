using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Json;
using HotspotIntel.Core.Hotspots;
using HotspotIntel.Core.Locations;
using HotspotIntel.Core.Premises;

namespace HotspotIntel.Api.Hotspots;

/// <summary>
/// A hotspot as a map shows it, as <see cref="RunId"/> found it and as the reader may see it (<see cref="SeenHotspot"/>):
/// counts, score, categories and times from the reports the reader may read; counts only, never who. No count of nearby
/// premises either: some may belong to agencies whose records the reader may not see, and a count would tell of them.
/// The counts, score and significance are null for a hotspot shown only because the partnership shares hotspot areas.
/// </summary>
public sealed record HotspotProperties(
    Guid RunId,
    HotspotMethod Method,
    double AreaSquareMeters,
    int? ReportCount,
    double? WeightedScore,
    double? ZScore,
    double? PValue,
    int? ConfidencePercent,
    HotspotTrend? Trend,
    IReadOnlyList<CategoryCount> TopCategories,
    int? LinkedVehicleCount,
    int? LinkedPersonCount,
    double[] Centroid,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? FirstReportAt,
    DateTimeOffset? LastReportAt)
{
    public static Feature<HotspotProperties> FeatureOf(SeenHotspot hotspot) =>
        new(hotspot.HotspotId, hotspot.Area, new HotspotProperties(
            hotspot.RunId, hotspot.Method, hotspot.AreaSquareMeters, hotspot.ReportCount, hotspot.WeightedScore, hotspot.ZScore, hotspot.PValue,
            hotspot.ConfidencePercent, hotspot.Trend, TopCategoriesOf(hotspot),
            hotspot.LinkedVehicleCount, hotspot.LinkedPersonCount, [hotspot.Centroid.X, hotspot.Centroid.Y],
            hotspot.FirstSeenAt, hotspot.LastSeenAt, hotspot.FirstReportAt, hotspot.LastReportAt));

    public static IReadOnlyList<CategoryCount> TopCategoriesOf(SeenHotspot hotspot) => hotspot.TopCategories is null
        ? []
        : System.Text.Json.JsonSerializer.Deserialize<List<CategoryCount>>(hotspot.TopCategories, System.Text.Json.JsonSerializerOptions.Web) ?? [];
}

/// <summary>
/// One hotspot with a page of its history over runs (the newest runs, oldest first; <see cref="NextCursor"/> pages on to
/// older ones), the premises and named places near it that you may see, and its splits and merges.
/// </summary>
public sealed record HotspotDetail(
    HotspotProperties Latest,
    bool IsCurrent,
    IReadOnlyList<HotspotHistoryView> History,
    [property: System.ComponentModel.Description("Pass as cursor for the history's older runs; null when this page has the oldest")] string? NextCursor,
    IReadOnlyList<NearbyPremises> Premises,
    IReadOnlyList<NearbyLocation> Locations,
    IReadOnlyList<HotspotLineageView> Lineage);

/// <summary>The hotspot as one run found it.</summary>
public sealed record HotspotHistoryView(Guid RunId, DateTimeOffset? RunFinishedAt, double AreaSquareMeters, int? ReportCount,
    double? WeightedScore, double? ZScore, int? ConfidencePercent, HotspotTrend? Trend);

public sealed record NearbyPremises(Guid Id, string Name, PremisesType PremisesType);

public sealed record NearbyLocation(Guid Id, string Name, LocationType LocationType);

public sealed record HotspotLineageView(Guid RunId, HotspotLineageKind Kind, Guid FromHotspotId, Guid ToHotspotId);
