using HotspotIntel.Api.Records;
using HotspotIntel.Bench.City;
using HotspotIntel.Core.Reports;

namespace HotspotIntel.Bench.Tests;

public sealed class CityGeographyTests
{
    private static readonly CityDataset City = TestCities.Demo;

    [Fact]
    public void Every_report_premises_place_and_found_location_lies_in_the_partnership_region()
    {
        var region = new PartnershipOptions().Region;

        Assert.All(City.Reports, report => Assert.True(region.Contains(report.Location), $"Report at {report.Location} is outside {region}."));
        Assert.All(City.City.Premises, premises => Assert.True(region.Contains(premises.Location)));
        Assert.All(City.City.Locations, place => Assert.True(region.Contains(place.Geometry)));
        Assert.All(City.MissingEpisodes.Where(e => e.FoundLocation is not null), e => Assert.True(region.Contains(e.FoundLocation!)));
    }

    [Fact]
    public void Forty_named_wards_tile_a_city_around_the_centre()
    {
        var wards = City.City.Map.Wards;
        var centre = City.City.Map.Grid.ToPoint(0, 0);

        Assert.Equal(40, wards.Count);
        Assert.Equal(40, wards.Select(w => w.Name).Distinct().Count());
        Assert.Equal("Ward 01 Northfold", wards[0].Title);
        Assert.All(wards, w => Assert.True(w.Boundary.IsValid));
        var city = new NetTopologySuite.Geometries.GeometryCollection([.. wards.Select(w => w.Boundary)]).Union();
        Assert.Equal(wards.Sum(w => w.Boundary.Area), city.Area, 9);
        Assert.Equal(city.Envelope.Area, city.Area, 9);
        Assert.True(city.Contains(centre));
    }

    [Fact]
    public void Each_planted_hotspot_holds_its_planted_reports_within_its_radius_during_its_active_months()
    {
        foreach (var hotspot in City.City.Hotspots)
        {
            var inside = City.Reports.Where(r => Distances.Meters(r.Location, hotspot.Centre) <= hotspot.Plan.RadiusMeters).ToList();
            var first = ReportingWindow.MonthStart(hotspot.Plan.FirstMonth);
            var end = ReportingWindow.MonthStart(hotspot.Plan.LastMonth + 1);

            Assert.True(hotspot.PlantedReports > 0);
            Assert.True(inside.Count(r => r.OccurredAt >= first && r.OccurredAt < end) >= hotspot.PlantedReports,
                $"{hotspot.Plan.Id} holds {inside.Count} reports within {hotspot.Plan.RadiusMeters} m; {hotspot.PlantedReports} were planted.");
        }
    }

    [Fact]
    public void Planted_hotspots_hold_sixty_percent_of_reports_and_background_adds_little()
    {
        var inAnyHotspot = City.Reports.Count(r => City.City.Hotspots.Any(h => Distances.Meters(r.Location, h.Centre) <= h.Plan.RadiusMeters));
        var share = (double)inAnyHotspot / City.Reports.Count;

        Assert.Equal(City.Reports.Count * SyntheticCity.PlantedShare, City.City.Hotspots.Sum(h => h.PlantedReports));
        Assert.InRange(share, SyntheticCity.PlantedShare, SyntheticCity.PlantedShare + 0.03);
    }

    [Fact]
    public void A_planted_hotspot_with_an_anchor_has_that_premises_or_place_at_its_centre()
    {
        var anchored = City.City.Hotspots.Where(h => h.Plan.AnchorPremises is not null || h.Plan.AnchorLocation is not null).ToList();

        Assert.Contains(anchored, h => h.AnchorPremises?.PremisesType == Core.Premises.PremisesType.LateNightRefreshment);
        Assert.Contains(anchored, h => h.AnchorLocation?.LocationType == Core.Locations.LocationType.TaxiRank);
        Assert.All(anchored, h => Assert.True(
            Distances.Meters((h.AnchorPremises?.Location ?? h.AnchorLocation!.Geometry.Centroid), h.Centre) < 1,
            $"{h.Plan.Id}'s anchor is not at its centre."));
    }

    [Fact]
    public void Intensifying_hotspots_grow_and_diminishing_ones_fade_over_their_active_months()
    {
        foreach (var hotspot in City.City.Hotspots.Where(h => h.Plan.Trend is ExpectedTrend.Intensifying or ExpectedTrend.Diminishing))
        {
            var plan = hotspot.Plan;
            var reports = City.Reports.Where(r => Distances.Meters(r.Location, hotspot.Centre) <= plan.RadiusMeters).ToList();
            var middle = ReportingWindow.MonthStart((plan.FirstMonth + plan.LastMonth + 1) / 2);
            var earlier = reports.Count(r => r.OccurredAt < middle);
            var later = reports.Count(r => r.OccurredAt >= middle);

            Assert.True(plan.Trend == ExpectedTrend.Intensifying ? later > earlier : earlier > later,
                $"{plan.Id} ({plan.Trend}) has {earlier} reports in its first half and {later} in its second.");
        }
    }

    [Fact]
    public void Reports_cover_eighteen_months_ending_before_the_reference_date()
    {
        Assert.All(City.Reports, r => Assert.InRange(r.OccurredAt, ReportingWindow.Start, ReportingWindow.ReferenceDate));
        Assert.All(City.Reports, r => Assert.True(r.RecordedAt >= r.OccurredAt && r.RecordedAt <= ReportingWindow.ReferenceDate));
        Assert.Equal(ReportingWindow.Months, City.Reports.Select(r => (r.OccurredAt.Year, r.OccurredAt.Month)).Distinct().Count());
        Assert.Contains(City.Reports, r => r.Category == ReportCategory.PartyHouse);
    }
}
