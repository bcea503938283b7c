using NetTopologySuite.Geometries;

namespace HotspotIntel.Bench.City;

/// <summary>
/// Metres east and north of an origin, to WGS84 longitude and latitude (SRID 4326), on a local tangent plane:
/// within a city the error is centimetres, far below the precision anyone records a sighting with.
/// </summary>
internal sealed class LocalGrid(double originLongitude, double originLatitude)
{
    /// <summary>Mean Earth radius (IUGG), metres.</summary>
    public const double EarthRadiusMeters = 6371008.8;

    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    private readonly double _metersPerDegreeLatitude = EarthRadiusMeters * Math.PI / 180.0;
    private readonly double _metersPerDegreeLongitude = EarthRadiusMeters * Math.PI / 180.0 * Math.Cos(originLatitude * Math.PI / 180.0);

    public double OriginLongitude => originLongitude;

    public double OriginLatitude => originLatitude;

    public Coordinate ToCoordinate(double eastMeters, double northMeters) => new(
        Math.Round(originLongitude + eastMeters / _metersPerDegreeLongitude, 6),
        Math.Round(originLatitude + northMeters / _metersPerDegreeLatitude, 6));

    /// <summary>The inverse of <see cref="ToCoordinate"/>: metres east and north of the origin.</summary>
    public (double East, double North) ToMeters(Coordinate coordinate) =>
        ((coordinate.X - originLongitude) * _metersPerDegreeLongitude, (coordinate.Y - originLatitude) * _metersPerDegreeLatitude);

    public Point ToPoint(double eastMeters, double northMeters) => Wgs84.CreatePoint(ToCoordinate(eastMeters, northMeters));

    /// <summary>The ring of <paramref name="corners"/> (metres) closed and as a WGS84 polygon.</summary>
    public Polygon ToPolygon(IReadOnlyList<(double East, double North)> corners) =>
        Wgs84.CreatePolygon([.. corners.Select(c => ToCoordinate(c.East, c.North)), ToCoordinate(corners[0].East, corners[0].North)]);

    /// <summary>A grid with its origin at <paramref name="point"/>, for drawing around a place.</summary>
    public static LocalGrid At(Point point) => new(point.X, point.Y);
}
