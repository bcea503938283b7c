using HotspotIntel.Bench.City;
using HotspotIntel.Core.Links;

namespace HotspotIntel.Bench.Tests;

public sealed class LinkTests
{
    private static readonly CityDataset City = TestCities.Demo;

    // Which link types make sense for each kind of link: the generator must not record "a premises drives a vehicle".
    private static readonly Dictionary<LinkKind, LinkType[]> SensibleTypes = new()
    {
        [LinkKind.PersonPerson] = [LinkType.Associate, LinkType.Family, LinkType.Relationship, LinkType.SeenWith],
        [LinkKind.PersonPremises] = [LinkType.OwnerOrLicenceHolder, LinkType.Employee, LinkType.Resident, LinkType.Frequents],
        [LinkKind.PersonVehicle] = [LinkType.OwnerOrLicenceHolder, LinkType.Driver, LinkType.SeenWith],
        [LinkKind.PersonLocation] = [LinkType.Frequents, LinkType.SeenWith],
        [LinkKind.PremisesVehicle] = [LinkType.OperatesFrom, LinkType.SeenWith],
    };

    [Fact]
    public void Every_link_joins_two_records_that_exist_and_its_kind_names_their_kinds()
    {
        var kindOf = new Dictionary<Guid, EntityKind>();
        City.Persons.ForEach(p => kindOf[p.Id] = EntityKind.Person);
        City.City.Premises.ToList().ForEach(p => kindOf[p.Id] = EntityKind.Premises);
        City.City.Vehicles.ToList().ForEach(v => kindOf[v.Id] = EntityKind.Vehicle);
        City.City.Locations.ToList().ForEach(l => kindOf[l.Id] = EntityKind.Location);

        foreach (var link in City.Links)
        {
            var ends = new[] { link.PersonId, link.RelatedPersonId, link.PremisesId, link.VehicleId, link.LocationId }
                .Where(id => id is not null).Select(id => id!.Value).ToList();
            Assert.Equal(2, ends.Count);
            Assert.NotEqual(ends[0], ends[1]);
            Assert.All(ends, end => Assert.True(kindOf.ContainsKey(end), $"Link {link.Id} points at {end}, which is not in the city."));
            Assert.Equal(link.Kind, LinkKinds.Between(kindOf[ends[0]], kindOf[ends[1]]));
            Assert.True(link.Kind != LinkKind.PersonPerson || link.RelatedPersonId is not null);
        }
    }

    [Fact]
    public void Every_link_type_makes_sense_for_its_kind_and_every_kind_appears()
    {
        Assert.All(City.Links, link => Assert.Contains(link.LinkType, SensibleTypes[link.Kind]));
        // The synthetic city records no phone numbers or online identifiers (they come only through the API), so the
        // kinds that end at one never appear; every other kind does.
        LinkKind[] notGenerated = [LinkKind.PersonPhoneNumber, LinkKind.PersonOnlineIdentifier, LinkKind.PremisesPhoneNumber];
        Assert.Equal(Enum.GetValues<LinkKind>().Except(notGenerated).Order(), City.Links.Select(l => l.Kind).Distinct().Order());
    }

    [Fact]
    public void Every_link_comes_from_reports_that_mention_both_its_ends()
    {
        var reports = City.Reports.ToDictionary(r => r.Id);

        foreach (var link in City.Links)
        {
            Assert.InRange(link.SourceReports.Count, 1, 3);
            foreach (var source in link.SourceReports)
            {
                var report = reports[source.Id];
                var mentioned = report.Persons.Select(p => p.Id).Concat(report.Premises.Select(p => p.Id))
                    .Concat(report.Vehicles.Select(v => v.Id)).Concat(report.Locations.Select(l => l.Id)).ToHashSet();
                var ends = new[] { link.PersonId, link.RelatedPersonId, link.PremisesId, link.VehicleId, link.LocationId }.Where(id => id is not null);
                Assert.All(ends, end => Assert.Contains(end!.Value, mentioned));
            }
        }
    }

    [Fact]
    public void A_link_starts_no_later_than_its_first_report_and_ends_no_earlier_than_it_starts()
    {
        Assert.All(City.Links, link =>
        {
            Assert.True(link.StartsOn <= DateOnly.FromDateTime(link.SourceReports.Min(r => r.OccurredAt).UtcDateTime));
            Assert.True(link.EndsOn is null || link.EndsOn >= link.StartsOn);
        });
    }
}
