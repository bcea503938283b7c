using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.Seeding;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Bench;

/// <summary>The demo city's own streets, wards and place names, loaded with it and served as the offline basemap.</summary>
public sealed class SeededBasemapTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_basemap_serves_the_demo_citys_named_streets_wards_and_places()
    {
        await DemoSeeder.SeedAsync(database.ConnectionString, CancellationToken.None);
        var policeId = await database.ScalarAsync<Guid>($"SELECT id FROM agencies WHERE code = '{CityAgencies.MarkerCode}'");
        using var reader = database.Application.CreateClient(UserRole.TaskingMember, policeId);

        using var response = await reader.GetAsync("/api/basemap");
        var basemap = await response.ReadObjectAsync();

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var features = basemap["features"]!.AsArray().Select(feature => feature!).ToList();
        var byLayer = features.ToLookup(feature => feature["properties"]!["layer"]!.GetValue<string>());
        Assert.Equal(SyntheticNames.WardNames.Length, byLayer["ward"].Count());
        Assert.Equal(SyntheticNames.WardNames.Order(), byLayer["place"].Select(place => place["properties"]!["name"]!.GetValue<string>()).Order());
        Assert.All(byLayer["street"], street => Assert.Equal("LineString", street["geometry"]!["type"]!.GetValue<string>()));
        Assert.Contains(byLayer["street"], street => street["properties"]!["kind"]!.GetValue<string>() == "main_road");
        Assert.Contains(byLayer["street"], street => street["properties"]!["kind"]!.GetValue<string>() == "side_street");
    }

    [Fact]
    public async Task Every_demo_premises_address_names_a_street_of_the_basemap_beside_it_in_the_ward_it_lies_in()
    {
        await DemoSeeder.SeedAsync(database.ConnectionString, CancellationToken.None);

        // "12 Cobalt Close, Eastmere": the street named must run within 150 m of the premises, the ward named must hold it.
        var disagreeing = await database.ScalarAsync<long>("""
            SELECT count(*) FROM premises p JOIN agencies a ON a.id = p.agency_id AND a.code LIKE 'DEMO-%'
            WHERE NOT EXISTS (
                SELECT 1 FROM basemap_features s
                WHERE s.layer = 'street' AND s.name = split_part(regexp_replace(p.address, '^[0-9]+ ', ''), ', ', 1)
                  AND ST_DWithin(s.geom::geography, p.location::geography, 150))
               OR NOT EXISTS (
                SELECT 1 FROM basemap_features w
                WHERE w.layer = 'ward' AND w.name = split_part(p.address, ', ', 2)
                  AND ST_Covers(ST_MakePolygon(w.geom), p.location))
            """);
        var premises = await database.ScalarAsync<long>("SELECT count(*) FROM premises p JOIN agencies a ON a.id = p.agency_id AND a.code LIKE 'DEMO-%'");

        Assert.True(premises > 0);
        Assert.Equal(0, disagreeing);
    }
}
