using HotspotIntel.Core.Locations;
using NetTopologySuite.Geometries;
using Location = HotspotIntel.Core.Locations.Location;

namespace HotspotIntel.Bench.City;

/// <summary>
/// The city's named public places: anchors of planted hotspots first, then one of every type, then a mix. Parks,
/// shopping centres and the surroundings of schools and children's homes are polygons; stations and ranks are points.
/// </summary>
internal static class LocationFactory
{
    private static readonly Weighted<LocationType> Mix = new(
        (LocationType.Park, 25), (LocationType.BusStation, 6), (LocationType.TrainStation, 6), (LocationType.TaxiRank, 15),
        (LocationType.ShoppingCentre, 8), (LocationType.SchoolSurroundings, 22), (LocationType.ChildrensHomeSurroundings, 8),
        (LocationType.Other, 10));

    private static readonly Dictionary<LocationType, string> Names = new()
    {
        [LocationType.Park] = "Example Park",
        [LocationType.BusStation] = "Example Bus Station",
        [LocationType.TrainStation] = "Example Station",
        [LocationType.TaxiRank] = "Example Taxi Rank",
        [LocationType.ShoppingCentre] = "Example Shopping Centre",
        [LocationType.SchoolSurroundings] = "Surroundings of Example Academy",
        [LocationType.ChildrensHomeSurroundings] = "Surroundings of a children's home",
        [LocationType.Other] = "Example Underpass",
    };

    public static List<Location> Create(int count, ulong seed, CityMap map, CityAgencies agencies, IReadOnlyList<HotspotPlan> plans)
    {
        var anchors = plans.Where(plan => plan.AnchorLocation is not null).ToList();
        var everyType = Enum.GetValues<LocationType>();
        var locations = new List<Location>(count);
        for (var i = 0; i < count; i++)
        {
            var prng = Prng.For(seed, "location", i);
            var (type, position) = i < anchors.Count
                ? (anchors[i].AnchorLocation!.Value, (anchors[i].EastMeters, anchors[i].NorthMeters))
                : i < anchors.Count + everyType.Length ? Place(everyType[i - anchors.Count], prng) : Place(Mix.Pick(prng), prng);
            locations.Add(Make(i, type, position, map, agencies, prng));
        }

        return locations;
    }

    private static (LocationType, (double, double)) Place(LocationType type, Prng prng)
    {
        var central = type is LocationType.TaxiRank or LocationType.BusStation or LocationType.TrainStation or LocationType.ShoppingCentre;
        var roll = prng.NextDouble();
        var position = !central || roll > 0.8 ? CityMap.AnywhereIn(prng)
            : roll < 0.5 ? CityMap.NearCentre(prng, 1500) : CityMap.OnHighStreet(prng);
        return (type, position);
    }

    private static Location Make(int index, LocationType type, (double East, double North) position, CityMap map, CityAgencies agencies, Prng prng)
    {
        var ward = map.WardAt(position.East, position.North);
        var created = SyntheticRestrictions.EarlierThanWindow(prng);
        var location = new Location
        {
            Id = SyntheticIds.Next(prng, created),
            Name = $"{Names[type]} {index + 1:D3}, {ward.Name}",
            LocationType = type,
            Geometry = Shape(type, position, map, prng),
        };
        var recorder = prng.Chance(0.6) ? ward.Council : agencies.Police;
        // Where a children's home is must not travel: always C, always OFFICIAL-SENSITIVE.
        var sensitive = type == LocationType.ChildrensHomeSurroundings;
        SyntheticRestrictions.Apply(location, recorder, created, SyntheticRestrictions.ReviewPeriods.EntityDays,
            sensitive ? 1.0 : 0.05, sensitive ? 1.0 : 0.2, prng);
        return location;
    }

    private static Geometry Shape(LocationType type, (double East, double North) at, CityMap map, Prng prng)
    {
        var (east, north) = at;
        return type switch
        {
            LocationType.Park => Hexagon(map, east, north, prng.Between(120, 300)),
            LocationType.SchoolSurroundings => Hexagon(map, east, north, 150),
            LocationType.ChildrensHomeSurroundings => Hexagon(map, east, north, 100),
            LocationType.ShoppingCentre => Rectangle(map, east, north, prng.Between(150, 250), prng.Between(100, 180)),
            _ => map.Grid.ToPoint(east, north),
        };
    }

    private static Polygon Hexagon(CityMap map, double east, double north, double radiusMeters) =>
        map.Grid.ToPolygon([.. Enumerable.Range(0, 6).Select(k =>
            (east + radiusMeters * Math.Cos(k * Math.PI / 3), north + radiusMeters * Math.Sin(k * Math.PI / 3)))]);

    private static Polygon Rectangle(CityMap map, double east, double north, double widthMeters, double heightMeters) =>
        map.Grid.ToPolygon([(east - widthMeters / 2, north - heightMeters / 2), (east + widthMeters / 2, north - heightMeters / 2),
            (east + widthMeters / 2, north + heightMeters / 2), (east - widthMeters / 2, north + heightMeters / 2)]);
}
