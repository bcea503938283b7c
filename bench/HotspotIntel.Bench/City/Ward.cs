using HotspotIntel.Core.Agencies;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Bench.City;

/// <summary>An electoral ward of the synthetic city: a rectangle of the ward grid, in one council's area.</summary>
internal sealed record Ward(int Number, string Name, Agency Council, Polygon Boundary,
    double WestMeters, double SouthMeters, double EastMeters, double NorthMeters)
{
    /// <summary>"Ward 07 Eastmere".</summary>
    public string Title => $"Ward {Number:D2} {Name}";

    public (double East, double North) RandomPoint(Prng prng) =>
        (prng.Between(WestMeters, EastMeters), prng.Between(SouthMeters, NorthMeters));
}
