using HotspotIntel.Core.Locations;
using HotspotIntel.Core.Premises;
using HotspotIntel.Core.Reports;
using NetTopologySuite.Geometries;
using Location = HotspotIntel.Core.Locations.Location;

namespace HotspotIntel.Bench.City;

/// <summary>The trend a hotspot analysis run at the reference date should find for a planted hotspot (docs/architecture.md, The domain in brief).</summary>
internal enum ExpectedTrend
{
    /// <summary>Appeared in the last three months.</summary>
    New,

    /// <summary>Active and growing month on month.</summary>
    Intensifying,

    /// <summary>Active at a steady rate throughout.</summary>
    Persistent,

    /// <summary>Still active but falling month on month.</summary>
    Diminishing,

    /// <summary>Active once, quiet for at least the last six months.</summary>
    Historical,
}

/// <summary>
/// A hotspot planted in the synthetic city: reports concentrate inside <see cref="RadiusMeters"/> of a centre during
/// months <see cref="FirstMonth"/> to <see cref="LastMonth"/>, with a category mix and a month-by-month shape that gives
/// the <see cref="Trend"/>. Where it has an anchor, a premises or place of that type stands at its centre.
/// </summary>
internal sealed record HotspotPlan(
    string Id,
    string Story,
    PremisesType? AnchorPremises,
    LocationType? AnchorLocation,
    double EastMeters,
    double NorthMeters,
    int RadiusMeters,
    int FirstMonth,
    int LastMonth,
    ExpectedTrend Trend,
    double Weight,
    (ReportCategory Category, double Share)[] CategoryMix)
{
    /// <summary>The relative number of reports in each month of the window (zero outside the active months).</summary>
    public double MonthWeight(int month) => month < FirstMonth || month > LastMonth ? 0 : Trend switch
    {
        ExpectedTrend.Intensifying => month - FirstMonth + 1,
        ExpectedTrend.Diminishing => LastMonth - month + 1,
        _ => 1,
    };

    /// <summary>Planted records stay inside this fraction of the radius, so rounding and any distance formula agree they are inside.</summary>
    public const double InsideFraction = 0.98;

    /// <summary>A point uniformly distributed over the hotspot's disc, metres east and north of the city centre.</summary>
    public (double East, double North) RandomPointInside(Prng prng)
    {
        // Uniform over the disc: the distance from the centre grows with the square root of a uniform draw.
        var radius = RadiusMeters * InsideFraction * Math.Sqrt(prng.NextDouble());
        var angle = prng.Between(0, 2 * Math.PI);
        return (EastMeters + radius * Math.Cos(angle), NorthMeters + radius * Math.Sin(angle));
    }

    /// <summary>
    /// Twelve hotspots: around takeaways, taxi ranks, a hotel, a park, stations, a shopping centre, a party house and the
    /// surroundings of a children's home, each with a trend an analyst would recognise.
    /// </summary>
    public static readonly IReadOnlyList<HotspotPlan> Twelve =
    [
        new("H01", "Late-night takeaway in the centre where adults give children free food", PremisesType.LateNightRefreshment, null,
            300, 200, 250, 0, 17, ExpectedTrend.Persistent, 1.3,
            [(ReportCategory.ChildWithAdults, 0.4), (ReportCategory.PremisesConcern, 0.35), (ReportCategory.VehiclePickUp, 0.15), (ReportCategory.Other, 0.1)]),
        new("H02", "Takeaway on the eastern high street, growing since it changed hands", PremisesType.LateNightRefreshment, null,
            2400, -900, 300, 6, 17, ExpectedTrend.Intensifying, 1.1,
            [(ReportCategory.PremisesConcern, 0.4), (ReportCategory.ChildWithAdults, 0.4), (ReportCategory.VehiclePickUp, 0.2)]),
        new("H03", "Takeaway on the south-western high street, fading after a licence review", PremisesType.LateNightRefreshment, null,
            -1000, -2700, 250, 0, 17, ExpectedTrend.Diminishing, 0.9,
            [(ReportCategory.PremisesConcern, 0.5), (ReportCategory.ChildWithAdults, 0.35), (ReportCategory.Other, 0.15)]),
        new("H04", "Central taxi rank where children are picked up late at night", null, LocationType.TaxiRank,
            -400, 500, 200, 0, 17, ExpectedTrend.Persistent, 1.2,
            [(ReportCategory.VehiclePickUp, 0.5), (ReportCategory.LocationConcern, 0.3), (ReportCategory.ChildWithAdults, 0.2)]),
        new("H05", "Taxi rank by an out-of-centre retail park, new this quarter", null, LocationType.TaxiRank,
            3500, -1500, 300, 15, 17, ExpectedTrend.New, 0.7,
            [(ReportCategory.VehiclePickUp, 0.6), (ReportCategory.ChildWithAdults, 0.25), (ReportCategory.LocationConcern, 0.15)]),
        new("H06", "Budget hotel near the centre used for parties with children", PremisesType.Hotel, null,
            800, -600, 200, 4, 17, ExpectedTrend.Intensifying, 1.0,
            [(ReportCategory.PremisesConcern, 0.4), (ReportCategory.ChildWithAdults, 0.4), (ReportCategory.VehiclePickUp, 0.2)]),
        new("H07", "Park in the north-west, quiet since detached youth work began", null, LocationType.Park,
            -4000, 2500, 400, 0, 9, ExpectedTrend.Historical, 0.8,
            [(ReportCategory.LocationConcern, 0.4), (ReportCategory.ChildWithAdults, 0.3), (ReportCategory.MissingFoundLocation, 0.3)]),
        new("H08", "House in multiple occupation in the north-east holding parties, new", PremisesType.HouseInMultipleOccupation, null,
            5200, 3000, 150, 16, 17, ExpectedTrend.New, 0.6,
            [(ReportCategory.PartyHouse, 0.7), (ReportCategory.ChildWithAdults, 0.2), (ReportCategory.MissingFoundLocation, 0.1)]),
        new("H09", "Central bus station where adults approach children after school", null, LocationType.BusStation,
            -300, -900, 250, 0, 17, ExpectedTrend.Persistent, 1.0,
            [(ReportCategory.LocationConcern, 0.45), (ReportCategory.ChildWithAdults, 0.4), (ReportCategory.MissingFoundLocation, 0.15)]),
        new("H10", "Shopping centre in the west, falling after security changes", null, LocationType.ShoppingCentre,
            -5500, -1000, 350, 0, 13, ExpectedTrend.Diminishing, 0.9,
            [(ReportCategory.LocationConcern, 0.5), (ReportCategory.ChildWithAdults, 0.35), (ReportCategory.Other, 0.15)]),
        new("H11", "Train station north-east of the centre, growing", null, LocationType.TrainStation,
            1500, 1800, 250, 9, 17, ExpectedTrend.Intensifying, 0.9,
            [(ReportCategory.ChildWithAdults, 0.45), (ReportCategory.LocationConcern, 0.35), (ReportCategory.VehiclePickUp, 0.2)]),
        new("H12", "Surroundings of a children's home in the north, historical", null, LocationType.ChildrensHomeSurroundings,
            -2600, 4200, 300, 2, 8, ExpectedTrend.Historical, 0.7,
            [(ReportCategory.MissingFoundLocation, 0.5), (ReportCategory.ChildWithAdults, 0.3), (ReportCategory.VehiclePickUp, 0.2)]),
    ];
}

/// <summary>A planted hotspot as generated: where its centre landed, what stands there and how many reports it holds.</summary>
internal sealed record PlantedHotspot(HotspotPlan Plan, Point Centre, Premises? AnchorPremises, Location? AnchorLocation, int PlantedReports)
{
    public string? AnchorName => AnchorPremises?.Name ?? AnchorLocation?.Name;

    public Weighted<ReportCategory> Categories { get; } = new(Plan.CategoryMix);

    public Weighted<int> Months { get; } = new(
        [.. Enumerable.Range(0, ReportingWindow.Months).Select(month => (month, Plan.MonthWeight(month))).Where(m => m.Item2 > 0)]);
}
