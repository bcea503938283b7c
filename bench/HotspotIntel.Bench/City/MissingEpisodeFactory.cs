using HotspotIntel.Core.MissingEpisodes;

namespace HotspotIntel.Bench.City;

/// <summary>
/// Missing episodes of a network's children: a third never go missing, most go missing once or twice, and a quarter go
/// missing in bursts of three to five within 80 days, which makes them "frequently missing" under the common
/// 3-in-90-days protocol. Found locations of a hotspot network's children lie inside its hotspot.
/// </summary>
internal static class MissingEpisodeFactory
{
    private static readonly string[] Notes =
    [
        "Synthetic: returned home by taxi; return-home interview offered.",
        "Synthetic: found by patrol with older adults; refused to say where they had been.",
        "Synthetic: returned with a new phone and cash; carers concerned.",
        "Synthetic: found asleep in a car park; says they stayed with a friend.",
    ];

    public static List<MissingEpisode> Create(NetworkCast cast, PlantedHotspot? hotspot, Ward homeWard, CityMap map, CityAgencies agencies, Prng prng)
    {
        var episodes = new List<MissingEpisode>();
        // Every episode ends before the window does, so none is still open at the reference date.
        var lastStartDay = (ReportingWindow.ReferenceDate - ReportingWindow.Start).Days - 4;
        foreach (var child in cast.Children)
        {
            var fromCare = prng.Chance(0.3);
            var roll = prng.NextDouble();
            var days = roll switch
            {
                < 0.35 => [],
                < 0.75 => Enumerable.Range(0, prng.Next(1, 3)).Select(_ => prng.Next(lastStartDay)).ToList(),
                _ => Burst(lastStartDay, prng),
            };
            foreach (var day in days.Order())
            {
                var missingFrom = ReportingWindow.Start.AddDays(day).AddHours(ReportingWindow.EveningHours.Pick(prng)).AddMinutes(prng.Next(60));
                var found = prng.Chance(0.85);
                var (east, north) = hotspot is null ? homeWard.RandomPoint(prng) : hotspot.Plan.RandomPointInside(prng);
                var episode = new MissingEpisode
                {
                    Id = SyntheticIds.Next(prng, missingFrom),
                    PersonId = child.Id,
                    MissingFrom = missingFrom,
                    ReturnedAt = missingFrom.AddHours(prng.Next(3, 72)),
                    FoundLocation = found ? map.Grid.ToPoint(east, north) : null,
                    FromCare = fromCare,
                    Notes = prng.Pick(Notes),
                };
                SyntheticRestrictions.Apply(episode, agencies.Police, missingFrom.AddHours(1),
                    SyntheticRestrictions.ReviewPeriods.MissingEpisodeDays, 0.2, 1.0, prng);
                episodes.Add(episode);
            }
        }

        return episodes;
    }

    /// <summary>Three to five episodes within 80 days, and sometimes one or two more elsewhere in the window.</summary>
    private static List<int> Burst(int lastStartDay, Prng prng)
    {
        var start = prng.Next(lastStartDay - 80);
        var days = Enumerable.Range(0, prng.Next(3, 6)).Select(_ => start + prng.Next(80)).ToList();
        days.AddRange(Enumerable.Range(0, prng.Next(0, 3)).Select(_ => prng.Next(lastStartDay)));
        return days;
    }
}
