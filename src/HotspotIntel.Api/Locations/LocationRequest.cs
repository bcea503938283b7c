using HotspotIntel.Api.Records;
using HotspotIntel.Core.Locations;
using HotspotIntel.Core.Spatial;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Locations;

/// <summary>A named public place to record, or the new state of one.</summary>
public sealed record LocationRequest : RestrictedRecordRequest
{
    /// <summary>The name people use for it, 1 to 200 characters.</summary>
    /// <example>Example Park</example>
    public required string Name { get; init; }

    /// <summary>What kind of place it is.</summary>
    /// <example>park</example>
    public required LocationType LocationType { get; init; }

    /// <summary>Its extent or position: a GeoJSON Point, Polygon or MultiPolygon, valid (no self-intersections).</summary>
    public required Geometry Geometry { get; init; }

    /// <summary>The coordinate system of <c>geometry</c>: EPSG:4326 (default) or EPSG:27700.</summary>
    /// <example>EPSG:4326</example>
    public CoordinateSystem CoordinateSystem { get; init; } = CoordinateSystem.Wgs84;
}
