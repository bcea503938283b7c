using HotspotIntel.Core.Agencies;

namespace HotspotIntel.Bench.City;

/// <summary>
/// The shape of the synthetic city: a grid of 8 by 5 wards (16 km by 12 km) centred near Birmingham's city centre,
/// split between three councils by column, with four high streets running out from the centre, main roads and side
/// streets (<see cref="CityStreets"/>). Positions are metres east and north of the centre until they become WGS84
/// through <see cref="Grid"/>.
/// </summary>
internal sealed class CityMap
{
    public const double CentreLongitude = -1.8904;
    public const double CentreLatitude = 52.4862;
    public const int Columns = 8;
    public const int Rows = 5;
    public const double WardWidthMeters = 2000;
    public const double WardHeightMeters = 2400;
    public const double HalfWidthMeters = Columns * WardWidthMeters / 2;
    public const double HalfHeightMeters = Rows * WardHeightMeters / 2;

    /// <summary>Bearings of the high streets, degrees clockwise from north, and how far they run.</summary>
    private static readonly double[] HighStreetBearings = [20, 110, 200, 290];
    private const double HighStreetLengthMeters = 6000;

    public CityMap(IReadOnlyList<Agency> councils)
    {
        var wards = new List<Ward>();
        for (var row = 0; row < Rows; row++)
        {
            for (var column = 0; column < Columns; column++)
            {
                var west = -HalfWidthMeters + column * WardWidthMeters;
                var north = HalfHeightMeters - row * WardHeightMeters;
                var (east, south) = (west + WardWidthMeters, north - WardHeightMeters);
                var number = row * Columns + column + 1;
                // Columns 0-2 west, 3-5 centre, 6-7 east: three councils share the city, as in a metropolitan county.
                var council = councils[column < 3 ? 0 : column < 6 ? 1 : 2];
                var boundary = Grid.ToPolygon([(west, south), (east, south), (east, north), (west, north)]);
                wards.Add(new Ward(number, SyntheticNames.WardNames[number - 1], council, boundary, west, south, east, north));
            }
        }

        Wards = wards;
        Streets = new CityStreets(wards, HighStreetBearings, HighStreetLengthMeters);
    }

    public LocalGrid Grid { get; } = new(CentreLongitude, CentreLatitude);

    public IReadOnlyList<Ward> Wards { get; }

    /// <summary>The city's named streets; an address names the street nearest the place (<see cref="AddressAt"/>).</summary>
    public CityStreets Streets { get; }

    /// <summary>A postal address at a place: a house number on the nearest street, and the ward, e.g. "12 Cobalt Close, Eastmere".</summary>
    public string AddressAt(double east, double north, Prng prng) =>
        $"{prng.Next(1, 300)} {StreetAt(east, north).Name}, {WardAt(east, north).Name}";

    /// <summary>The street nearest a place.</summary>
    public Street StreetAt(double east, double north) => Streets.Nearest((east, north), WardAt(east, north));

    public static bool Contains(double east, double north) =>
        Math.Abs(east) < HalfWidthMeters && Math.Abs(north) < HalfHeightMeters;

    public Ward WardAt(double east, double north)
    {
        var column = Math.Clamp((int)Math.Floor((east + HalfWidthMeters) / WardWidthMeters), 0, Columns - 1);
        var row = Math.Clamp((int)Math.Floor((HalfHeightMeters - north) / WardHeightMeters), 0, Rows - 1);
        return Wards[row * Columns + column];
    }

    public static (double East, double North) AnywhereIn(Prng prng) =>
        (prng.Between(-HalfWidthMeters, HalfWidthMeters), prng.Between(-HalfHeightMeters, HalfHeightMeters));

    /// <summary>Near the centre: normal with <paramref name="spreadMeters"/> standard deviation, kept inside the city.</summary>
    public static (double East, double North) NearCentre(Prng prng, double spreadMeters)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (east, north) = (prng.Gaussian() * spreadMeters, prng.Gaussian() * spreadMeters);
            if (Contains(east, north))
            {
                return (east, north);
            }
        }

        return AnywhereIn(prng);
    }

    /// <summary>A frontage on one of the high streets, within 40 m of its line.</summary>
    public static (double East, double North) OnHighStreet(Prng prng)
    {
        var bearing = prng.Pick(HighStreetBearings) * Math.PI / 180;
        var along = prng.Between(400, HighStreetLengthMeters);
        var across = prng.Between(-40, 40);
        var east = along * Math.Sin(bearing) + across * Math.Cos(bearing);
        var north = along * Math.Cos(bearing) - across * Math.Sin(bearing);
        return Contains(east, north) ? (east, north) : AnywhereIn(prng);
    }
}
