using HotspotIntel.Core.Spatial;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Core.Tests.Spatial;

public sealed class BritishNationalGridTests
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    [Fact]
    public void A_point_survives_the_round_trip_to_the_grid_and_back()
    {
        var point = Wgs84.CreatePoint(new Coordinate(-1.8904, 52.4862));

        var back = BritishNationalGrid.ToWgs84(BritishNationalGrid.FromWgs84(point));

        // ProjNet inverts the datum shift iteratively: about a centimetre (1e-7 degrees) is the round-trip error.
        Assert.Equal(point.X, back.Coordinate.X, 6);
        Assert.Equal(point.Y, back.Coordinate.Y, 6);
        Assert.Equal(4326, back.SRID);
    }

    [Fact]
    public void A_kilometre_east_on_the_grid_is_a_kilometre_on_the_ground()
    {
        var grid = BritishNationalGrid.FromWgs84(Wgs84.CreatePoint(new Coordinate(-1.8904, 52.4862)));
        var east = new GeometryFactory(new PrecisionModel(), 27700).CreatePoint(new Coordinate(grid.Coordinate.X + 1000, grid.Coordinate.Y));

        var there = BritishNationalGrid.ToWgs84(east).Coordinate;

        // East-west ground distance on the WGS84 ellipsoid; the grid's scale factor near 2°W is within 0.05% of 1.
        var metres = EastWestMeters(52.4862, there.X - -1.8904);
        Assert.InRange(metres, 999.0, 1001.0);
        Assert.Equal(52.4862, there.Y, 3);
    }

    [Fact]
    public void The_grid_origin_area_lies_where_expected()
    {
        // Central meridian 2°W: a point on it maps to an easting of about 400 km (within the datum shift).
        var grid = BritishNationalGrid.FromWgs84(Wgs84.CreatePoint(new Coordinate(-2.0, 52.5)));

        Assert.InRange(grid.Coordinate.X, 399_800, 400_200);
        Assert.Equal(27700, grid.SRID);
    }

    private static double EastWestMeters(double latitude, double longitudeDelta)
    {
        const double semiMajorAxis = 6_378_137.0;
        const double eccentricitySquared = 0.00669437999014;
        var phi = latitude * Math.PI / 180;
        var primeVerticalRadius = semiMajorAxis / Math.Sqrt(1 - eccentricitySquared * Math.Sin(phi) * Math.Sin(phi));
        return primeVerticalRadius * Math.Cos(phi) * longitudeDelta * Math.PI / 180;
    }
}
