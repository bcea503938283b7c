using NetTopologySuite.Geometries;

namespace HotspotIntel.Core.Spatial;

/// <summary>
/// The WGS84 box (degrees, longitude first) that a partnership's data must fall in; a point outside it is
/// a typing or projection error (lat/lon swapped, BNG sent as WGS84), not intelligence.
/// </summary>
public sealed record RegionBounds(double MinLongitude, double MinLatitude, double MaxLongitude, double MaxLatitude)
{
    /// <summary>True when every coordinate of <paramref name="geometry"/> (SRID 4326) lies in the box.</summary>
    public bool Contains(Geometry geometry)
    {
        var envelope = geometry.EnvelopeInternal;
        return envelope.MinX >= MinLongitude && envelope.MaxX <= MaxLongitude
            && envelope.MinY >= MinLatitude && envelope.MaxY <= MaxLatitude;
    }

    /// <summary>The box as <c>minLon,minLat,maxLon,maxLat</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"{MinLongitude},{MinLatitude},{MaxLongitude},{MaxLatitude}");
}
