using HotspotIntel.Core.Links;
using HotspotIntel.Core.Locations;
using HotspotIntel.Core.MissingEpisodes;
using HotspotIntel.Core.Persons;
using HotspotIntel.Core.Premises;
using HotspotIntel.Core.Reports;
using HotspotIntel.Core.Vehicles;

namespace HotspotIntel.Bench.City;

/// <summary>
/// A criminal network of about 25 persons (adults of concern, children they exploit, associates, licence holders) with
/// the premises, vehicles and places it uses, the reports about it, the links those reports show and the children's
/// missing episodes. A network around a planted hotspot is reported inside that hotspot; the rest make the background.
/// </summary>
internal sealed record Network(
    int Index,
    PlantedHotspot? Hotspot,
    Ward HomeWard,
    List<Person> Persons,
    List<IntelligenceReport> Reports,
    List<Link> Links,
    List<MissingEpisode> MissingEpisodes);

/// <summary>What a network's reports and links draw on: its persons by role, and the premises, vehicles and places it uses.</summary>
internal sealed class NetworkCast(List<Person> persons, List<Premises> premises, List<Vehicle> vehicles, List<Location> locations,
    Premises? anchorPremises, Location? anchorLocation)
{
    public List<Person> Persons => persons;

    public List<Person> Children { get; } = [.. persons.Where(p => p.Role == PersonRole.ChildAtRisk)];

    public List<Person> AdultsOfConcern { get; } = [.. persons.Where(p => p.Role == PersonRole.AdultOfConcern)];

    public List<Person> LicenceHolders { get; } = [.. persons.Where(p => p.Role == PersonRole.LicenceHolder)];

    public List<Premises> Premises => premises;

    public List<Vehicle> Vehicles => vehicles;

    public List<Location> Locations => locations;

    /// <summary>The premises at the centre of the network's hotspot, if it has one.</summary>
    public Premises? AnchorPremises => anchorPremises;

    /// <summary>The place at the centre of the network's hotspot, if it has one.</summary>
    public Location? AnchorLocation => anchorLocation;
}
