namespace HotspotIntel.Bench.City;

/// <summary>
/// The synthetic city's streets: four high streets out from the centre, main roads across the city every 800 m each
/// way, and side streets every 200 m between them, each side street within one ward and named uniquely in it. An
/// address names the street nearest the place (<see cref="Nearest"/>), so the basemap and the records agree.
/// </summary>
internal sealed class CityStreets
{
    public const double MainRoadSpacingMeters = 800;
    public const double SideStreetSpacingMeters = 200;

    private readonly List<Street> _highStreets = [];
    private readonly Dictionary<(bool Vertical, long Line, int Ward), Street> _byLine = [];

    public CityStreets(IReadOnlyList<Ward> wards, IReadOnlyList<double> highStreetBearings, double highStreetLengthMeters)
    {
        foreach (var bearing in highStreetBearings)
        {
            var radians = bearing * Math.PI / 180;
            var end = (highStreetLengthMeters * Math.Sin(radians), highStreetLengthMeters * Math.Cos(radians));
            _highStreets.Add(new Street($"{WardAt(wards, end.Item1 * 0.9, end.Item2 * 0.9).Name} Road", StreetKind.HighStreet, (0, 0), end));
        }

        var (west, east) = (-CityMap.HalfWidthMeters, CityMap.HalfWidthMeters);
        var (south, north) = (-CityMap.HalfHeightMeters, CityMap.HalfHeightMeters);
        var mainNames = new Queue<string>(SyntheticNames.MainRoadNames);
        var all = new List<Street>(_highStreets);
        for (var x = west + MainRoadSpacingMeters; x < east; x += MainRoadSpacingMeters)
        {
            all.Add(_byLine[(true, Line(x), 0)] = new Street(mainNames.Dequeue(), StreetKind.MainRoad, (x, south), (x, north)));
        }

        for (var y = south + MainRoadSpacingMeters; y < north; y += MainRoadSpacingMeters)
        {
            all.Add(_byLine[(false, Line(y), 0)] = new Street(mainNames.Dequeue(), StreetKind.MainRoad, (west, y), (east, y)));
        }

        foreach (var ward in wards)
        {
            var names = SideStreetNames(ward);
            for (var x = ward.WestMeters + SideStreetSpacingMeters; x < ward.EastMeters; x += SideStreetSpacingMeters)
            {
                if (!_byLine.ContainsKey((true, Line(x), 0)))
                {
                    all.Add(_byLine[(true, Line(x), ward.Number)] = new Street(names.Dequeue(), StreetKind.SideStreet, (x, ward.SouthMeters), (x, ward.NorthMeters)));
                }
            }

            for (var y = ward.SouthMeters + SideStreetSpacingMeters; y < ward.NorthMeters; y += SideStreetSpacingMeters)
            {
                if (!_byLine.ContainsKey((false, Line(y), 0)))
                {
                    all.Add(_byLine[(false, Line(y), ward.Number)] = new Street(names.Dequeue(), StreetKind.SideStreet, (ward.WestMeters, y), (ward.EastMeters, y)));
                }
            }
        }

        All = all;
    }

    public IReadOnlyList<Street> All { get; }

    /// <summary>
    /// The street nearest <paramref name="point"/> (metres east and north of the centre) among the high streets, the main
    /// roads and the side streets of <paramref name="ward"/>: the grid lines either side of it, not every street.
    /// </summary>
    public Street Nearest((double East, double North) point, Ward ward)
    {
        var candidates = new List<Street>(_highStreets);
        foreach (var vertical in new[] { true, false })
        {
            var offset = vertical ? point.East : point.North;
            var line = (long)Math.Round(offset / SideStreetSpacingMeters);
            for (var near = line - 1; near <= line + 1; near++)
            {
                if (_byLine.TryGetValue((vertical, near, 0), out var main))
                {
                    candidates.Add(main);
                }

                if (_byLine.TryGetValue((vertical, near, ward.Number), out var side))
                {
                    candidates.Add(side);
                }
            }
        }

        return candidates.MinBy(street => street.DistanceTo(point))!;
    }

    /// <summary>The grid line a coordinate lies on, in side-street spacings from the centre.</summary>
    private static long Line(double offsetMeters) => (long)Math.Round(offsetMeters / SideStreetSpacingMeters);

    private static Ward WardAt(IReadOnlyList<Ward> wards, double east, double north) =>
        wards.First(ward => east >= ward.WestMeters && east <= ward.EastMeters && north >= ward.SouthMeters && north <= ward.NorthMeters);

    /// <summary>The ward's side-street names: every word and ending, in an order fixed by the ward's number.</summary>
    private static Queue<string> SideStreetNames(Ward ward)
    {
        var prng = Prng.For(0, "streets", ward.Number);
        var names = SyntheticNames.GivenWords.SelectMany(word => SyntheticNames.SideStreetEndings.Select(ending => $"{word} {ending}")).ToList();
        for (var i = names.Count - 1; i > 0; i--)
        {
            var j = prng.Next(0, i + 1);
            (names[i], names[j]) = (names[j], names[i]);
        }

        return new Queue<string>(names);
    }
}
