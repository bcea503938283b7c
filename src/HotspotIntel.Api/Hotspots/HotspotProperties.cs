using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Json;
using HotspotIntel.Core.Hotspots;
using HotspotIntel.Core.Locations;
using HotspotIntel.Core.Premises;

namespace HotspotIntel.Api.Hotspots;

/// <summary>
/// A hotspot as a map shows it: area, size, score and trend as of <see cref="RunId"/>; contents (categories, nearby
/// premises and places, linked counts) as of the latest run that found it. Counts only: never who. No count of nearby
/// premises either: some may belong to agencies whose records the reader may not see, and a count would tell of them.
/// </summary>
public sealed record HotspotProperties(
    Guid RunId,
    HotspotMethod Method,
    double AreaSquareMeters,
    int ReportCount,
    double WeightedScore,
    double? ZScore,
    double? PValue,
    int? ConfidencePercent,
    HotspotTrend? Trend,
    IReadOnlyList<CategoryCount> TopCategories,
    int LinkedVehicleCount,
    int LinkedPersonCount,
    double[] Centroid,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? FirstReportAt,
    DateTimeOffset? LastReportAt)
{
    public static Feature<HotspotProperties> FeatureOf(HotspotHistoryEntry entry)
    {
        var hotspot = entry.Hotspot;
        return new(hotspot.Id, entry.Area, new HotspotProperties(
            entry.RunId, hotspot.Method, entry.AreaSquareMeters, entry.ReportCount, entry.WeightedScore, entry.ZScore, entry.PValue,
            entry.ConfidencePercent, entry.Trend, TopCategoriesOf(hotspot),
            hotspot.LinkedVehicleCount, hotspot.LinkedPersonCount, [hotspot.Centroid.X, hotspot.Centroid.Y],
            hotspot.FirstSeenAt, hotspot.LastSeenAt, hotspot.FirstReportAt, hotspot.LastReportAt));
    }

    private static IReadOnlyList<CategoryCount> TopCategoriesOf(Hotspot hotspot) =>
        System.Text.Json.JsonSerializer.Deserialize<List<CategoryCount>>(hotspot.TopCategories, System.Text.Json.JsonSerializerOptions.Web) ?? [];
}

/// <summary>One hotspot with its history over runs, the premises and named places near it that you may see, and its splits and merges.</summary>
public sealed record HotspotDetail(
    HotspotProperties Latest,
    bool IsCurrent,
    IReadOnlyList<HotspotHistoryView> History,
    IReadOnlyList<NearbyPremises> Premises,
    IReadOnlyList<NearbyLocation> Locations,
    IReadOnlyList<HotspotLineageView> Lineage);

/// <summary>The hotspot as one run found it.</summary>
public sealed record HotspotHistoryView(Guid RunId, DateTimeOffset? RunFinishedAt, double AreaSquareMeters, int ReportCount,
    double WeightedScore, double? ZScore, int? ConfidencePercent, HotspotTrend? Trend);

public sealed record NearbyPremises(Guid Id, string Name, PremisesType PremisesType);

public sealed record NearbyLocation(Guid Id, string Name, LocationType LocationType);

public sealed record HotspotLineageView(Guid RunId, HotspotLineageKind Kind, Guid FromHotspotId, Guid ToHotspotId);
