using HotspotIntel.Core.Links;
using HotspotIntel.Core.Reports;

namespace HotspotIntel.Bench.City;

/// <summary>
/// The links a network's reports show: between its persons, and from them to its premises, vehicles and places, and
/// between its premises and vehicles. Each link comes from one to three of the network's reports (its provenance),
/// and those reports mention both of its ends.
/// </summary>
internal static class LinkFactory
{
    private static readonly Weighted<LinkKind> Kinds = new(
        (LinkKind.PersonPerson, 35), (LinkKind.PersonPremises, 20), (LinkKind.PersonVehicle, 15),
        (LinkKind.PersonLocation, 15), (LinkKind.PremisesVehicle, 15));

    /// <summary>The link types that make sense for each kind of link, with how common each is.</summary>
    public static readonly IReadOnlyDictionary<LinkKind, Weighted<LinkType>> TypesByKind = new Dictionary<LinkKind, Weighted<LinkType>>
    {
        [LinkKind.PersonPerson] = new((LinkType.Associate, 45), (LinkType.SeenWith, 25), (LinkType.Family, 15), (LinkType.Relationship, 15)),
        [LinkKind.PersonPremises] = new((LinkType.Frequents, 40), (LinkType.Employee, 20), (LinkType.Resident, 20), (LinkType.OwnerOrLicenceHolder, 20)),
        [LinkKind.PersonVehicle] = new((LinkType.Driver, 40), (LinkType.SeenWith, 35), (LinkType.OwnerOrLicenceHolder, 25)),
        [LinkKind.PersonLocation] = new((LinkType.Frequents, 60), (LinkType.SeenWith, 40)),
        [LinkKind.PremisesVehicle] = new((LinkType.OperatesFrom, 70), (LinkType.SeenWith, 30)),
    };

    private static readonly Weighted<int> ProvenanceSizes = new((1, 70), (2, 25), (3, 5));

    public static List<Link> Create(NetworkCast cast, List<IntelligenceReport> reports, Ward homeWard, CityAgencies agencies, int count, Prng prng)
    {
        var links = new List<Link>(count);
        var recorded = new HashSet<(Guid, Guid, LinkType)>();
        for (var i = 0; i < count; i++)
        {
            var link = new Link();
            // A network has hundreds of possible pairs for its couple of hundred links; a few redraws find a new one.
            for (var attempt = 0; attempt < 50; attempt++)
            {
                link = Draw(cast, prng);
                if (recorded.Add(Key(link)))
                {
                    break;
                }
            }

            var provenance = prng.Sample(reports, ProvenanceSizes.Pick(prng));
            foreach (var report in provenance)
            {
                MentionEnds(report, link, cast);
            }

            var first = DateOnly.FromDateTime(provenance.Min(r => r.OccurredAt).UtcDateTime);
            var last = DateOnly.FromDateTime(provenance.Max(r => r.OccurredAt).UtcDateTime);
            var createdAt = provenance.Max(r => r.RecordedAt);
            link.Id = SyntheticIds.Next(prng, createdAt);
            link.StartsOn = first.AddDays(-prng.Next(0, 180));
            link.EndsOn = prng.Chance(0.25) ? Min(last.AddDays(prng.Next(0, 120)), LastDayOfWindow) : null;
            link.Notes = $"Synthetic: {EnumNames.Words(link.LinkType)}, from {provenance.Count} report(s) in {homeWard.Name}.";
            link.SourceReports = provenance;
            SyntheticRestrictions.Apply(link, prng.Chance(0.85) ? agencies.Police : homeWard.Council, createdAt,
                SyntheticRestrictions.ReviewPeriods.EntityDays, 0.25, 0.9, prng);
            links.Add(link);
        }

        return links;
    }

    private static DateOnly LastDayOfWindow => DateOnly.FromDateTime(ReportingWindow.ReferenceDate.UtcDateTime).AddDays(-1);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static Link Draw(NetworkCast cast, Prng prng)
    {
        var kind = Kinds.Pick(prng);
        var link = new Link { Kind = kind, LinkType = TypesByKind[kind].Pick(prng) };
        switch (kind)
        {
            case LinkKind.PersonPerson:
                var pair = prng.Sample(cast.Persons, 2);
                (link.PersonId, link.RelatedPersonId) = (pair[0].Id, pair[1].Id);
                break;
            case LinkKind.PersonPremises:
                (link.PersonId, link.PremisesId) = (prng.Pick(cast.Persons).Id, prng.Pick(cast.Premises).Id);
                break;
            case LinkKind.PersonVehicle:
                (link.PersonId, link.VehicleId) = (prng.Pick(cast.Persons).Id, prng.Pick(cast.Vehicles).Id);
                break;
            case LinkKind.PersonLocation:
                (link.PersonId, link.LocationId) = (prng.Pick(cast.Persons).Id, prng.Pick(cast.Locations).Id);
                break;
            default:
                (link.PremisesId, link.VehicleId) = (prng.Pick(cast.Premises).Id, prng.Pick(cast.Vehicles).Id);
                break;
        }

        return link;
    }

    /// <summary>The two ends and the type; a person–person link is the same whichever person comes first.</summary>
    private static (Guid, Guid, LinkType) Key(Link link)
    {
        var ends = new[] { link.PersonId, link.RelatedPersonId, link.PremisesId, link.VehicleId, link.LocationId }
            .Where(id => id is not null).Select(id => id!.Value).Order().ToArray();
        return (ends[0], ends[1], link.LinkType);
    }

    private static void MentionEnds(IntelligenceReport report, Link link, NetworkCast cast)
    {
        ReportFactory.Add(report.Persons, cast.Persons.Where(p => p.Id == link.PersonId || p.Id == link.RelatedPersonId));
        ReportFactory.Add(report.Premises, cast.Premises.Where(p => p.Id == link.PremisesId));
        ReportFactory.Add(report.Vehicles, cast.Vehicles.Where(v => v.Id == link.VehicleId));
        ReportFactory.Add(report.Locations, cast.Locations.Where(l => l.Id == link.LocationId));
    }
}
