using HotspotIntel.Core.Links;
using HotspotIntel.Core.MissingEpisodes;
using HotspotIntel.Core.Persons;
using HotspotIntel.Core.Reports;

namespace HotspotIntel.Bench.City;

/// <summary>A whole city in memory: fine for the demo and for tests, not for the regional scale (stream <see cref="SyntheticCity.Networks"/> instead).</summary>
internal sealed class CityDataset
{
    public CityDataset(SyntheticCity city)
    {
        City = city;
        foreach (var network in city.Networks())
        {
            Persons.AddRange(network.Persons);
            Reports.AddRange(network.Reports);
            Links.AddRange(network.Links);
            MissingEpisodes.AddRange(network.MissingEpisodes);
        }
    }

    public SyntheticCity City { get; }

    public List<Person> Persons { get; } = [];

    public List<IntelligenceReport> Reports { get; } = [];

    public List<Link> Links { get; } = [];

    public List<MissingEpisode> MissingEpisodes { get; } = [];
}
