using NetTopologySuite.Geometries;

namespace HotspotIntel.Bench.Tests;

/// <summary>Great-circle distance, independent of the generator's own local grid, to check what it placed.</summary>
internal static class Distances
{
    private const double EarthRadiusMeters = 6371008.8;

    public static double Meters(Point a, Point b)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(b.Y - a.Y);
        var dLon = Radians(b.X - a.X);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(a.Y)) * Math.Cos(Radians(b.Y)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Sqrt(h));
    }
}
