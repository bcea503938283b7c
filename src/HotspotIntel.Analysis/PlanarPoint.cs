namespace HotspotIntel.Analysis;

/// <summary>
/// A position in a metric projected coordinate system such as British National Grid (EPSG:27700).
/// <see cref="X"/> is the easting and <see cref="Y"/> the northing, both in metres.
/// </summary>
/// <remarks>
/// A value type rather than a NetTopologySuite <c>Coordinate</c>: the algorithms here hold hundreds of
/// thousands of points and need no Z, SRID or geometry operations.
/// </remarks>
public readonly record struct PlanarPoint(double X, double Y)
{
    /// <summary>Straight-line (Cartesian) distance to <paramref name="other"/> in metres, as PostGIS <c>ST_Distance</c> on planar geometry.</summary>
    public double DistanceTo(PlanarPoint other)
    {
        var dx = X - other.X;
        var dy = Y - other.Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
