using HotspotIntel.Core.Locations;
using HotspotIntel.Core.Premises;
using HotspotIntel.Core.Vehicles;

namespace HotspotIntel.Bench.City;

/// <summary>
/// A synthetic West-Midlands-like city: its partners, wards, premises, public places, vehicles and planted hotspots.
/// The persons, reports, links and missing episodes come network by network from <see cref="Networks"/>, so a
/// regional-scale city streams through memory instead of filling it. The same seed and scale give the same city.
/// </summary>
internal sealed class SyntheticCity
{
    /// <summary>The share of reports planted inside hotspots; the rest is background spread over the city.</summary>
    public const double PlantedShare = 0.6;

    public const ulong DefaultSeed = 20261001;

    private readonly Dictionary<int, List<Premises>> _premisesByWard;
    private readonly Dictionary<int, List<Location>> _locationsByWard;

    public SyntheticCity(CityScale scale, ulong seed)
    {
        Scale = scale;
        Seed = seed;
        Agencies = CityAgencies.Create(seed);
        Map = new CityMap(Agencies.Councils);
        var plans = HotspotPlan.Twelve;
        Premises = PremisesFactory.Create(scale.Premises, seed, Map, Agencies, plans);
        Locations = LocationFactory.Create(scale.Locations, seed, Map, Agencies, plans);
        Vehicles = VehicleFactory.Create(scale.Vehicles, seed, Agencies);
        var planted = Apportion.ByWeight(PlantedReports, [.. plans.Select(plan => plan.Weight)]);
        var premisesAnchors = new Queue<Premises>(Premises.Take(plans.Count(plan => plan.AnchorPremises is not null)));
        var locationAnchors = new Queue<Location>(Locations.Take(plans.Count(plan => plan.AnchorLocation is not null)));
        Hotspots = [.. plans.Select((plan, i) => new PlantedHotspot(plan, Map.Grid.ToPoint(plan.EastMeters, plan.NorthMeters),
            plan.AnchorPremises is null ? null : premisesAnchors.Dequeue(),
            plan.AnchorLocation is null ? null : locationAnchors.Dequeue(),
            planted[i]))];
        _premisesByWard = Premises.GroupBy(p => WardOf(p.Location).Number).ToDictionary(group => group.Key, group => group.ToList());
        _locationsByWard = Locations.GroupBy(l => WardOf(l.Geometry.Centroid).Number).ToDictionary(group => group.Key, group => group.ToList());
    }

    public CityScale Scale { get; }

    public ulong Seed { get; }

    public CityAgencies Agencies { get; }

    public CityMap Map { get; }

    public IReadOnlyList<Premises> Premises { get; }

    public IReadOnlyList<Location> Locations { get; }

    public IReadOnlyList<Vehicle> Vehicles { get; }

    public IReadOnlyList<PlantedHotspot> Hotspots { get; }

    public int PlantedReports => (int)Math.Round(Scale.Reports * PlantedShare);

    /// <summary>Networks 0 to <see cref="HotspotNetworks"/> - 1 work around a planted hotspot (network n around hotspot n mod 12); the rest are background.</summary>
    public int HotspotNetworks => Scale.Networks / 2;

    /// <summary>Every network, in order; each is generated from its own random stream.</summary>
    public IEnumerable<Network> Networks()
    {
        for (var index = 0; index < Scale.Networks; index++)
        {
            yield return NetworkFactory.Create(this, index);
        }
    }

    public IReadOnlyList<Premises> PremisesIn(Ward ward) => _premisesByWard.GetValueOrDefault(ward.Number) ?? [];

    public IReadOnlyList<Location> LocationsIn(Ward ward) => _locationsByWard.GetValueOrDefault(ward.Number) ?? [];

    private Ward WardOf(NetTopologySuite.Geometries.Point point)
    {
        var (east, north) = Map.Grid.ToMeters(point.Coordinate);
        return Map.WardAt(east, north);
    }
}
