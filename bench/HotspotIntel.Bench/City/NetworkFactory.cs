using HotspotIntel.Core.Locations;
using HotspotIntel.Core.Premises;

namespace HotspotIntel.Bench.City;

/// <summary>Builds network <c>n</c> of a city from its own random stream, so any network can be made without the others.</summary>
internal static class NetworkFactory
{
    public static Network Create(SyntheticCity city, int index)
    {
        var prng = Prng.For(city.Seed, "network", index);
        var scale = city.Scale;
        var hotspot = index < city.HotspotNetworks ? city.Hotspots[index % city.Hotspots.Count] : null;
        var homeWard = hotspot is null
            ? city.Map.Wards[(index - city.HotspotNetworks) % city.Map.Wards.Count]
            : city.Map.WardAt(hotspot.Plan.EastMeters, hotspot.Plan.NorthMeters);

        var (personOffset, personCount) = Apportion.Evenly(scale.Persons, scale.Networks, index);
        var persons = PersonFactory.Create(city, homeWard, personOffset, personCount, prng);
        var cast = new NetworkCast(persons,
            Uses(hotspot?.AnchorPremises, city.PremisesIn(homeWard), city.Premises, prng),
            [.. Enumerable.Range(0, 3).Select(k => city.Vehicles[(index * 3 + k) % city.Vehicles.Count])],
            Uses(hotspot?.AnchorLocation, city.LocationsIn(homeWard), city.Locations, prng),
            hotspot?.AnchorPremises, hotspot?.AnchorLocation);

        var reportCount = ReportCount(city, hotspot, index);
        var reports = Enumerable.Range(0, reportCount).Select(_ => ReportFactory.Create(city, cast, hotspot, homeWard, prng)).ToList();
        var (_, linkCount) = Apportion.Evenly(scale.Links, scale.Networks, index);
        var links = LinkFactory.Create(cast, reports, homeWard, city.Agencies, linkCount, prng);
        var episodes = MissingEpisodeFactory.Create(cast, hotspot, homeWard, city.Map, city.Agencies, prng);
        return new Network(index, hotspot, homeWard, persons, reports, links, episodes);
    }

    /// <summary>
    /// A hotspot's planted reports are shared evenly by the networks around it (networks h, h+12, h+24 …);
    /// the background reports by the background networks.
    /// </summary>
    private static int ReportCount(SyntheticCity city, PlantedHotspot? hotspot, int index)
    {
        var hotspotCount = city.Hotspots.Count;
        if (hotspot is null)
        {
            var backgroundNetworks = city.Scale.Networks - city.HotspotNetworks;
            return Apportion.Evenly(city.Scale.Reports - city.PlantedReports, backgroundNetworks, index - city.HotspotNetworks).Count;
        }

        var h = index % hotspotCount;
        var networksOfHotspot = city.HotspotNetworks / hotspotCount + (h < city.HotspotNetworks % hotspotCount ? 1 : 0);
        return Apportion.Evenly(hotspot.PlantedReports, networksOfHotspot, index / hotspotCount).Count;
    }

    /// <summary>The network's anchor (if any) and three more from its home ward, or from anywhere when the ward has too few.</summary>
    private static List<T> Uses<T>(T? anchor, IReadOnlyList<T> inWard, IReadOnlyList<T> anywhere, Prng prng) where T : class
    {
        var chosen = prng.Sample(inWard.Count >= 3 ? inWard : anywhere, 3);
        if (anchor is not null && !chosen.Contains(anchor))
        {
            chosen.Insert(0, anchor);
        }

        return chosen;
    }
}
