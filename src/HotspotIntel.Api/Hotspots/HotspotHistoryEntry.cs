using HotspotIntel.Analysis;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Hotspots;

/// <summary>A hotspot as one run found it: its area (SRID 4326), size, score and trend then.</summary>
public sealed class HotspotHistoryEntry
{
    public Guid RunId { get; set; }

    public Guid HotspotId { get; set; }

    public Hotspot Hotspot { get; set; } = null!;

    public required MultiPolygon Area { get; set; }

    public double AreaSquareMeters { get; set; }

    public int ReportCount { get; set; }

    public double WeightedScore { get; set; }

    public double? ZScore { get; set; }

    public double? PValue { get; set; }

    public int? ConfidencePercent { get; set; }

    public HotspotTrend? Trend { get; set; }
}
