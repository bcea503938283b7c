using HotspotIntel.Bench.City;

namespace HotspotIntel.Bench.Tests;

public sealed class CityScaleTests
{
    [Fact]
    public void Demo_and_regional_scales_have_the_advertised_sizes()
    {
        Assert.True(CityScale.TryParse("demo", out var demo, out _));
        Assert.True(CityScale.TryParse("regional", out var regional, out _));

        Assert.Equal(3_000, demo.Reports);
        Assert.Equal(1_000_000, regional.Reports);
        Assert.Equal(200_000, regional.Persons);
        Assert.Equal(2_000_000, regional.Links);
    }

    [Fact]
    public void A_number_of_reports_is_a_scale_and_nonsense_is_not()
    {
        Assert.True(CityScale.TryParse("250_000", out var numbered, out _));
        Assert.Equal(250_000, numbered.Reports);
        Assert.False(CityScale.TryParse("huge", out _, out var problem));
        Assert.Contains("--scale", problem);
        Assert.False(CityScale.TryParse("10", out _, out _));
    }

    [Fact]
    public void Every_count_follows_the_scale()
    {
        var small = new CityDataset(new SyntheticCity(new CityScale(12_000), 11));
        var large = new CityDataset(new SyntheticCity(new CityScale(24_000), 11));

        foreach (var (dataset, reports) in new[] { (small, 12_000), (large, 24_000) })
        {
            Assert.Equal(reports, dataset.Reports.Count);
            Assert.Equal(reports / 5, dataset.Persons.Count);
            Assert.Equal(reports * 2, dataset.Links.Count);
        }

        Assert.True(large.City.Premises.Count > small.City.Premises.Count);
        Assert.True(large.City.Locations.Count > small.City.Locations.Count);
        Assert.True(large.City.Vehicles.Count > small.City.Vehicles.Count);
        Assert.True(large.MissingEpisodes.Count > small.MissingEpisodes.Count);
    }
}
