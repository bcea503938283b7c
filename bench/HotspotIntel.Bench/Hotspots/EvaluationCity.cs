using HotspotIntel.Analysis;
using HotspotIntel.Bench.City;
using HotspotIntel.Core.Spatial;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Bench.Hotspots;

/// <summary>
/// A city built to be hard for hotspot methods, only as hotspot analysis sees it (British National Grid points, dates
/// and gradings) over <see cref="Months"/> months: ten planted hotspots of 80 to 300 m, round and elongated, some
/// starting or stopping during the period, over a background whose density varies more than fiftyfold, with a dense
/// town centre and two district centres. The background's size is chosen (about 200 reports a month is a sparse
/// partnership, 1,500 a dense one); the planted hotspots are the same in every city, so a denser background hides them
/// more. The same seed and background give the same city.
/// </summary>
/// <remarks>
/// Background: 20% uniform over the 16 km × 12 km city, 45% normal around the centre (σ 1 km), 20% and 15% normal
/// around a western and an eastern district centre (σ 700 m). The centre's peak is about 70 times the density of the
/// outskirts, and the districts' about 25 times: busy, ordinary places that a comparison with the city's mean rate
/// calls hotspots. Gradings follow <see cref="SyntheticRestrictions.Gradings"/>, planted and background alike.
/// </remarks>
internal sealed class EvaluationCity
{
    public const int Months = 24;

    /// <summary>The end of the window (exclusive), UTC: fixed, so that a seed always gives the same city.</summary>
    public static readonly DateTimeOffset End = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The city centre, near Birmingham's, in British National Grid metres.</summary>
    public static readonly PlanarPoint Centre = ToGrid(CityMap.CentreLongitude, CityMap.CentreLatitude);

    private static readonly (double Share, double East, double North, double SpreadMeters)[] BackgroundCentres =
    [
        (0.45, 0, 0, 1000),
        (0.20, -4500, 2200, 700),
        (0.15, 4200, -2400, 700),
    ];

    /// <summary>The ten planted hotspots, placed in metres east and north of <see cref="Centre"/>.</summary>
    public static readonly IReadOnlyList<PlantedSpot> Plan =
    [
        Spot("T1", "Takeaway in the town centre", Round(350, -250, 80), 0, 23, 5, SpotCourse.Steady),
        Spot("T2", "Street of late-night takeaways by the centre", Long(-700, 500, 300, 60, 60), 0, 23, 7, SpotCourse.Steady),
        Spot("D1", "Shopping parade in the western district centre", Round(-4300, 2500, 150), 0, 23, 3, SpotCourse.Steady),
        Spot("P1", "Park on the north-eastern edge", Round(5500, 3800, 300), 0, 23, 7, SpotCourse.Steady),
        Spot("S1", "Station approach, growing", Long(1800, 1200, 200, 50, 150), 6, 23, 6, SpotCourse.Rising),
        Spot("H1", "Hotel, quiet since a closure order", Round(-2500, -3000, 120), 0, 15, 6, SpotCourse.Steady),
        Spot("B1", "Bus interchange in the eastern district, fading until it stopped", Round(4000, -2100, 200), 0, 19, 6, SpotCourse.Falling),
        Spot("N1", "House holding parties, new", Round(-1500, -1200, 100), 17, 23, 6, SpotCourse.Steady),
        Spot("N2", "Taxi rank at a new retail park", Long(2600, -600, 250, 70, 20), 20, 23, 8, SpotCourse.Steady),
        Spot("R1", "Recreation ground in the south-west", Round(-5800, -1500, 250), 0, 23, 4, SpotCourse.Steady),
    ];

    private readonly List<HotspotReport> _reports = [];
    private readonly List<int> _months = [];
    private readonly List<int> _spots = [];

    public EvaluationCity(int backgroundPerMonth, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(backgroundPerMonth);
        BackgroundPerMonth = backgroundPerMonth;
        Seed = seed;
        for (var month = 0; month < Months; month++)
        {
            var prng = Prng.For(seed, "evaluation-background", month);
            for (var k = 0; k < backgroundPerMonth; k++)
            {
                Add(Background(prng), month, -1, prng);
            }

            for (var s = 0; s < Plan.Count; s++)
            {
                var spotPrng = Prng.For(seed, "evaluation-spot-" + Plan[s].Id, month);
                var count = Poisson(Plan[s].MeanReports(month), spotPrng);
                for (var k = 0; k < count; k++)
                {
                    Add(Plan[s].Shape.RandomPointInside(spotPrng), month, s, spotPrng);
                }
            }
        }
    }

    public int BackgroundPerMonth { get; }

    public ulong Seed { get; }

    public IReadOnlyList<HotspotReport> Reports => _reports;

    /// <summary>Per report, its month: 0 to <see cref="Months"/> - 1.</summary>
    public IReadOnlyList<int> MonthOf => _months;

    /// <summary>Per report, the index in <see cref="Plan"/> of the spot it was planted in, or -1 for background.</summary>
    public IReadOnlyList<int> SpotOf => _spots;

    public static DateTimeOffset MonthStart(int month) => End.AddMonths(month - Months);

    /// <summary>The month holding <paramref name="instant"/> (negative before the window).</summary>
    public static int MonthHolding(DateTimeOffset instant)
    {
        var month = Months - 1;
        while (month >= 0 && MonthStart(month) > instant)
        {
            month--;
        }

        return month;
    }

    /// <summary>The reports of months before <paramref name="month"/>.</summary>
    public List<HotspotReport> Before(int month) => [.. Enumerable.Range(0, _reports.Count).Where(i => _months[i] < month).Select(i => _reports[i])];

    /// <summary>The reports of <paramref name="month"/>.</summary>
    public List<HotspotReport> In(int month) => [.. Enumerable.Range(0, _reports.Count).Where(i => _months[i] == month).Select(i => _reports[i])];

    private void Add(PlanarPoint point, int month, int spot, Prng prng)
    {
        var start = MonthStart(month);
        var occurredAt = start + ((MonthStart(month + 1) - start) * prng.NextDouble());
        var (source, assessment) = SyntheticRestrictions.Gradings.Pick(prng);
        _reports.Add(new HotspotReport(point, occurredAt, source, assessment));
        _months.Add(month);
        _spots.Add(spot);
    }

    private static PlanarPoint Background(Prng prng)
    {
        var pick = prng.NextDouble();
        foreach (var (share, east, north, spread) in BackgroundCentres)
        {
            if (pick < share)
            {
                for (var attempt = 0; attempt < 100; attempt++)
                {
                    var (x, y) = (east + (prng.Gaussian() * spread), north + (prng.Gaussian() * spread));
                    if (CityMap.Contains(x, y))
                    {
                        return Offset(x, y);
                    }
                }
            }

            pick -= share;
        }

        var (anyEast, anyNorth) = CityMap.AnywhereIn(prng);
        return Offset(anyEast, anyNorth);
    }

    /// <summary>A Poisson count with mean <paramref name="mean"/> (Knuth's product of uniforms; means here are small).</summary>
    private static int Poisson(double mean, Prng prng)
    {
        var limit = Math.Exp(-mean);
        var (count, product) = (0, prng.NextDouble());
        while (product > limit)
        {
            count++;
            product *= prng.NextDouble();
        }

        return count;
    }

    private static PlantedSpot Spot(string id, string story, PlantedShape shape, int first, int last, double perMonth, SpotCourse course) =>
        new(id, story, shape, first, last, perMonth, course);

    private static PlantedShape Round(double east, double north, double diameterMeters) => PlantedShape.Round(Offset(east, north), diameterMeters);

    private static PlantedShape Long(double east, double north, double lengthMeters, double widthMeters, double bearingDegrees) =>
        new(Offset(east, north), lengthMeters, widthMeters, bearingDegrees);

    private static PlanarPoint Offset(double east, double north) => new(Centre.X + east, Centre.Y + north);

    private static PlanarPoint ToGrid(double longitude, double latitude)
    {
        var grid = BritishNationalGrid.FromWgs84(new GeometryFactory(new PrecisionModel(), 4326).CreatePoint(new Coordinate(longitude, latitude))).Coordinate;
        return new PlanarPoint(grid.X, grid.Y);
    }
}
