using NetTopologySuite.Geometries;

namespace HotspotIntel.Bench.City;

/// <summary>What kind of road a street is, which decides how wide the basemap draws it and from which zoom.</summary>
internal enum StreetKind
{
    /// <summary>One of the four high streets running out from the centre.</summary>
    HighStreet,

    /// <summary>A main road across the whole city, every 800 m.</summary>
    MainRoad,

    /// <summary>A side street within one ward, every 200 m between the main roads.</summary>
    SideStreet,
}

/// <summary>A named street of the synthetic city: a straight line from one end to the other, in metres east and north of the centre.</summary>
internal sealed record Street(string Name, StreetKind Kind, (double East, double North) From, (double East, double North) To)
{
    /// <summary>How far <paramref name="point"/> lies from the street, metres.</summary>
    public double DistanceTo((double East, double North) point)
    {
        var (dx, dy) = (To.East - From.East, To.North - From.North);
        var along = Math.Clamp(((point.East - From.East) * dx + (point.North - From.North) * dy) / (dx * dx + dy * dy), 0, 1);
        return Math.Sqrt(Math.Pow(point.East - (From.East + along * dx), 2) + Math.Pow(point.North - (From.North + along * dy), 2));
    }

    public LineString ToLine(LocalGrid grid) =>
        new GeometryFactory(new PrecisionModel(), 4326).CreateLineString([grid.ToCoordinate(From.East, From.North), grid.ToCoordinate(To.East, To.North)]);
}
