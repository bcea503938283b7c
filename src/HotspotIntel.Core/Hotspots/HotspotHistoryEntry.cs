using NetTopologySuite.Geometries;

namespace HotspotIntel.Core.Hotspots;

/// <summary>A hotspot as one run found it: its area (SRID 4326), size, score and trend then.</summary>
public sealed class HotspotHistoryEntry
{
    /// <summary>The run.</summary>
    public Guid RunId { get; set; }

    /// <summary>The hotspot.</summary>
    public Guid HotspotId { get; set; }

    /// <summary>The hotspot as its latest run saw it.</summary>
    public Hotspot Hotspot { get; set; } = null!;

    /// <summary>Its area in this run (SRID 4326, longitude first).</summary>
    public required MultiPolygon Area { get; set; }

    /// <summary>Area in square metres (EPSG:27700).</summary>
    public double AreaSquareMeters { get; set; }

    /// <summary>Reports inside it in this run.</summary>
    public int ReportCount { get; set; }

    /// <summary>The sum of its reports' weights in this run.</summary>
    public double WeightedScore { get; set; }

    /// <summary>Its z-score in this run, for methods with a significance test.</summary>
    public double? ZScore { get; set; }

    /// <summary>Its p-value in this run, for methods with a significance test.</summary>
    public double? PValue { get; set; }

    /// <summary>90, 95 or 99 for Gi* hotspots; null otherwise.</summary>
    public int? ConfidencePercent { get; set; }

    /// <summary>Its trend in this run; null when the run could not tell.</summary>
    public HotspotTrend? Trend { get; set; }
}
