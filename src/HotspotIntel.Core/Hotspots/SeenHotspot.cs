using NetTopologySuite.Geometries;

namespace HotspotIntel.Core.Hotspots;

/// <summary>
/// A hotspot of one run as the session's reader may see it (<c>hotspots_seen</c>, migrations/0034), the only way the
/// API reads hotspots: the figures count only the reports the reader may read; a masked reader (tasking member,
/// licensing officer) gets the 500 m masking cells the area touches and never a hotspot holding fewer child-linked
/// reports than the minimum. The counts are null only for a hotspot none of whose reports the reader may read, which is
/// there at all only where the partnership shares hotspot areas with every member agency (area and trend, no counts).
/// </summary>
public sealed class SeenHotspot
{
    /// <summary>The hotspot's stable id, kept across runs.</summary>
    public Guid HotspotId { get; init; }

    /// <summary>The run that found it so.</summary>
    public Guid RunId { get; init; }

    /// <summary>How the run found it.</summary>
    public HotspotMethod Method { get; init; }

    /// <summary>Its area (WGS84): the exact outline, or for a masked reader the masking cells it touches.</summary>
    public required MultiPolygon Area { get; init; }

    /// <summary>The centre of <see cref="Area"/> (WGS84).</summary>
    public required Point Centroid { get; init; }

    /// <summary>The area of <see cref="Area"/>, square metres (British National Grid).</summary>
    public double AreaSquareMeters { get; init; }

    /// <summary>Its reports that the reader may read.</summary>
    public int? ReportCount { get; init; }

    /// <summary>The sum of those reports' weights as the run gave them.</summary>
    public double? WeightedScore { get; init; }

    /// <summary>How far it stands above its expectation, in standard deviations.</summary>
    public double? ZScore { get; init; }

    /// <summary>The p-value of that excess.</summary>
    public double? PValue { get; init; }

    /// <summary>90, 95 or 99: the confidence it is hot.</summary>
    public int? ConfidencePercent { get; init; }

    /// <summary>How it changed over the run's trend bins; null when the run could not tell.</summary>
    public HotspotTrend? Trend { get; init; }

    /// <summary>JSON: the three categories most reported among the reports the reader may read, with their counts.</summary>
    public string? TopCategories { get; init; }

    /// <summary>Vehicles those reports mention (none of a report masked for the reader).</summary>
    public int? LinkedVehicleCount { get; init; }

    /// <summary>Persons those reports mention (none of a report masked for the reader).</summary>
    public int? LinkedPersonCount { get; init; }

    /// <summary>When a run first found it.</summary>
    public DateTimeOffset FirstSeenAt { get; init; }

    /// <summary>When a published run last found it.</summary>
    public DateTimeOffset LastSeenAt { get; init; }

    /// <summary>The earliest of those reports.</summary>
    public DateTimeOffset? FirstReportAt { get; init; }

    /// <summary>The latest of those reports.</summary>
    public DateTimeOffset? LastReportAt { get; init; }

    /// <summary>Premises near it as the run found them (read under row-level security before showing).</summary>
    public required Guid[] PremisesIds { get; init; }

    /// <summary>Named places near it as the run found them (read under row-level security before showing).</summary>
    public required Guid[] LocationIds { get; init; }
}
