using NetTopologySuite.Geometries;

namespace HotspotIntel.Core.Hotspots;

/// <summary>
/// An area where reports concentrate more than chance would explain, with an identity that lasts across analysis runs,
/// as the latest run that found it saw it. Aggregate only: counts of linked persons and vehicles, never who they are.
/// Geometry in WGS84 (SRID 4326).
/// </summary>
public sealed class Hotspot
{
    /// <summary>Identity kept from run to run while the area overlaps (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The run that first found it.</summary>
    public Guid FirstRunId { get; set; }

    /// <summary>The latest run that found it; the hotspot is current when that is the current run.</summary>
    public Guid LatestRunId { get; set; }

    /// <summary>The method of the latest run that found it.</summary>
    public HotspotMethod Method { get; set; }

    /// <summary>Its area in the latest run that found it (SRID 4326, longitude first).</summary>
    public required MultiPolygon Area { get; set; }

    /// <summary>The centre of <see cref="Area"/> (SRID 4326).</summary>
    public required Point Centroid { get; set; }

    /// <summary>Area in square metres, measured in British National Grid (EPSG:27700).</summary>
    public double AreaSquareMeters { get; set; }

    /// <summary>Reports inside it.</summary>
    public int ReportCount { get; set; }

    /// <summary>The sum of its reports' weights (recency × grading, <c>ReportWeighting</c> in HotspotIntel.Analysis).</summary>
    public double WeightedScore { get; set; }

    /// <summary>Its z-score, for methods with a significance test.</summary>
    public double? ZScore { get; set; }

    /// <summary>Its p-value, for methods with a significance test.</summary>
    public double? PValue { get; set; }

    /// <summary>90, 95 or 99 for Gi* hotspots; null for methods without a significance test.</summary>
    public int? ConfidencePercent { get; set; }

    /// <summary>How it behaved over the trend bins; null when the run could not tell.</summary>
    public HotspotTrend? Trend { get; set; }

    /// <summary>JSON: [{"category": code, "reports": n}], most reported first.</summary>
    public required string TopCategories { get; set; }

    /// <summary>Premises within the run's nearby distance of it.</summary>
    public required Guid[] PremisesIds { get; set; }

    /// <summary>Named public places within the run's nearby distance of it.</summary>
    public required Guid[] LocationIds { get; set; }

    /// <summary>Vehicles its reports mention: a count, never which.</summary>
    public int LinkedVehicleCount { get; set; }

    /// <summary>Persons its reports mention: a count, never who.</summary>
    public int LinkedPersonCount { get; set; }

    /// <summary>When the run that first found it started.</summary>
    public DateTimeOffset FirstSeenAt { get; set; }

    /// <summary>When the latest run that found it started.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>When its earliest report happened.</summary>
    public DateTimeOffset? FirstReportAt { get; set; }

    /// <summary>When its latest report happened.</summary>
    public DateTimeOffset? LastReportAt { get; set; }
}
