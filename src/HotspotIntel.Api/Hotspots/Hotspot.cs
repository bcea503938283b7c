using HotspotIntel.Analysis;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Hotspots;

/// <summary>
/// An area where reports concentrate more than chance would explain, with an identity that lasts across analysis runs,
/// as the latest run that found it saw it. Aggregate only: counts of linked persons and vehicles, never who they are.
/// Geometry in WGS84 (SRID 4326).
/// </summary>
public sealed class Hotspot
{
    public Guid Id { get; set; }

    public Guid FirstRunId { get; set; }

    /// <summary>The latest run that found it; the hotspot is current when that is the latest succeeded run.</summary>
    public Guid LatestRunId { get; set; }

    public HotspotMethod Method { get; set; }

    public required MultiPolygon Area { get; set; }

    public required Point Centroid { get; set; }

    public double AreaSquareMeters { get; set; }

    public int ReportCount { get; set; }

    /// <summary>The sum of its reports' weights (recency × grading, <see cref="ReportWeighting"/>).</summary>
    public double WeightedScore { get; set; }

    public double? ZScore { get; set; }

    public double? PValue { get; set; }

    /// <summary>90, 95 or 99 for Gi* hotspots; null for methods without a significance test.</summary>
    public int? ConfidencePercent { get; set; }

    public HotspotTrend? Trend { get; set; }

    /// <summary>JSON: [{"category": code, "reports": n}], most reported first.</summary>
    public required string TopCategories { get; set; }

    public required Guid[] PremisesIds { get; set; }

    public required Guid[] LocationIds { get; set; }

    public int LinkedVehicleCount { get; set; }

    public int LinkedPersonCount { get; set; }

    /// <summary>When the run that first found it started.</summary>
    public DateTimeOffset FirstSeenAt { get; set; }

    /// <summary>When the latest run that found it started.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset? FirstReportAt { get; set; }

    public DateTimeOffset? LastReportAt { get; set; }
}
