using System.Text.RegularExpressions;
using HotspotIntel.Bench.City;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Locations;
using HotspotIntel.Core.MissingEpisodes;
using HotspotIntel.Core.Persons;
using HotspotIntel.Core.Premises;
using HotspotIntel.Core.Reports;
using HotspotIntel.Core.Vehicles;

namespace HotspotIntel.Bench.Tests;

public sealed partial class CoverageTests
{
    private static readonly CityDataset City = TestCities.Demo;

    [Fact]
    public void The_city_has_every_type_of_premises_place_vehicle_person_and_report()
    {
        Assert.Equal(Enum.GetValues<PremisesType>().Order(), City.City.Premises.Select(p => p.PremisesType).Distinct().Order());
        Assert.Equal(Enum.GetValues<LocationType>().Order(), City.City.Locations.Select(l => l.LocationType).Distinct().Order());
        Assert.Equal(Enum.GetValues<VehicleLicenceType>().Order(), City.City.Vehicles.Select(v => v.LicenceType).Distinct().Order());
        Assert.Equal(Enum.GetValues<PersonRole>().Order(), City.Persons.Select(p => p.Role).Distinct().Order());
        Assert.Equal(Enum.GetValues<ReportCategory>().Order(), City.Reports.Select(r => r.Category).Distinct().Order());
    }

    [Fact]
    public void The_partnership_is_one_police_force_three_councils_and_a_health_trust()
    {
        var agencies = City.City.Agencies;

        Assert.Equal(CityAgencies.MarkerCode, agencies.Police.Code);
        Assert.Equal(3, agencies.Councils.Count);
        Assert.Equal(Core.Agencies.AgencyKind.Health, agencies.Health.Kind);
        Assert.Equal(5, agencies.All.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void Takeaways_and_hotels_crowd_the_centre_more_than_houses_in_multiple_occupation()
    {
        double MedianDistance(PremisesType type) => City.City.Premises.Where(p => p.PremisesType == type)
            .Select(p => Distances.Meters(p.Location, City.City.Map.Grid.ToPoint(0, 0))).Order().ElementAt(City.City.Premises.Count(p => p.PremisesType == type) / 2);

        Assert.True(MedianDistance(PremisesType.LateNightRefreshment) < MedianDistance(PremisesType.HouseInMultipleOccupation));
    }

    [Fact]
    public void Only_taxis_and_private_hire_vehicles_carry_plates()
    {
        Assert.All(City.City.Vehicles, v => Assert.Equal(v.LicenceType != VehicleLicenceType.None, v.PlateNumber is not null));
        Assert.All(City.City.Vehicles, v => Assert.Matches("^SYN[0-9A-Z]{5}$", v.RegistrationMark));
    }

    [Fact]
    public void Names_are_obviously_synthetic()
    {
        Assert.All(City.Persons, p => Assert.Equal("Testperson", p.FamilyName));
        Assert.All(City.Persons, p => Assert.Matches(SyntheticGivenName(), p.GivenNames));
        Assert.All(City.City.Premises, p => Assert.StartsWith("Example ", p.Name));
        Assert.All(City.Reports, r => Assert.StartsWith("Synthetic: ", r.Narrative));
    }

    [Fact]
    public void Some_children_are_frequently_missing_and_every_episode_is_a_childs()
    {
        var rule = new FrequentlyMissingRule();
        var children = City.Persons.Where(p => p.Role == PersonRole.ChildAtRisk).Select(p => p.Id).ToHashSet();
        var byChild = City.MissingEpisodes.GroupBy(e => e.PersonId).ToList();

        Assert.All(City.MissingEpisodes, e => Assert.Contains(e.PersonId, children));
        Assert.All(City.MissingEpisodes, e => Assert.True(e.ReturnedAt >= e.MissingFrom));
        var frequentlyMissing = byChild.Count(child => child.Any(e => rule.IsFrequentlyMissing(child.Select(x => x.MissingFrom), e.MissingFrom)));
        Assert.InRange(frequentlyMissing, 1, children.Count / 2);
    }

    [Fact]
    public void Gradings_are_mostly_2B_2C_and_3C_with_some_1A_and_a_few_E()
    {
        var gradings = City.Reports.Select(r => r.Grading.Code[..2]).ToList();
        double Share(params string[] codes) => (double)gradings.Count(codes.Contains) / gradings.Count;

        Assert.True(Share("2B", "2C", "3C") > 0.6);
        Assert.InRange(Share("1A"), 0.02, 0.12);
        Assert.InRange(Share("2E", "3E"), 0.005, 0.06);
        Assert.Contains(City.Reports, r => r.HandlingCode == HandlingCode.Conditional);
    }

    [GeneratedRegex("^[A-Z][a-z]+-[0-9]{4,}$")]
    private static partial Regex SyntheticGivenName();
}
