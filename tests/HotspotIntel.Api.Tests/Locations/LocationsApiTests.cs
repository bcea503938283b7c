using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Locations;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Locations;

public sealed class LocationsApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Route = "/api/locations";

    // A park-sized square (about 220 m across) in the synthetic city centre.
    private static JsonObject Park() => EntityTestData.Square(TestData.CentreLongitude, TestData.CentreLatitude, 0.001);

    [Fact]
    public async Task A_created_place_reads_back_as_a_GeoJSON_polygon_feature()
    {
        var (_, client) = await database.SignInAsync("LOC1");
        var id = await client.CreateAsync(Route, EntityTestData.Location(Park()));

        var read = await (await client.GetAsync($"{Route}/{id}")).ReadObjectAsync();

        Assert.Equal("Polygon", read["geometry"]!["type"]!.GetValue<string>());
        Assert.Equal(5, read["geometry"]!["coordinates"]![0]!.AsArray().Count);
        Assert.Equal("park", read["properties"]!["locationType"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_place_may_be_a_point_or_a_multipolygon()
    {
        var (_, client) = await database.SignInAsync("LOC2");
        var rank = EntityTestData.Location(EntityTestData.Point(TestData.CentreLongitude, TestData.CentreLatitude), "taxi_rank");
        var twoParts = EntityTestData.Location(new JsonObject
        {
            ["type"] = "MultiPolygon",
            ["coordinates"] = new JsonArray(
                Park()["coordinates"]!.DeepClone(),
                EntityTestData.Square(TestData.CentreLongitude + 0.01, TestData.CentreLatitude, 0.001)["coordinates"]!.DeepClone()),
        });

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(Route, rank)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(Route, twoParts)).StatusCode);
    }

    [Fact]
    public async Task A_self_intersecting_bow_tie_polygon_is_a_400_naming_geometry()
    {
        var (lon, lat) = (TestData.CentreLongitude, TestData.CentreLatitude);
        // The ring crosses itself in the middle: (lon, lat) to (lon+d, lat+d) then down to (lon+d, lat) and up to (lon, lat+d).
        var bowTie = new JsonObject
        {
            ["type"] = "Polygon",
            ["coordinates"] = new JsonArray(new JsonArray(
                new JsonArray(lon, lat), new JsonArray(lon + 0.002, lat + 0.002), new JsonArray(lon + 0.002, lat),
                new JsonArray(lon, lat + 0.002), new JsonArray(lon, lat))),
        };
        var (_, client) = await database.SignInAsync("LOC3");
        var request = EntityTestData.Location(bowTie);

        var message = await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("geometry");

        Assert.Contains("Self-intersection", message);
    }

    [Fact]
    public async Task A_line_is_not_a_place_and_is_a_400_naming_geometry()
    {
        var line = JsonNode.Parse("""{ "type": "LineString", "coordinates": [[-1.89, 52.48], [-1.88, 52.49]] }""")!;
        var (_, client) = await database.SignInAsync("LOC4");
        var request = EntityTestData.Location(line);

        await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("geometry");
    }

    [Fact]
    public async Task A_place_can_be_updated()
    {
        var (_, client) = await database.SignInAsync("LOC5");
        var id = await client.CreateAsync(Route, EntityTestData.Location(Park()));

        var updated = await (await client.PutAsJsonAsync($"{Route}/{id}",
            EntityTestData.Location(EntityTestData.Point(TestData.CentreLongitude, TestData.CentreLatitude), "bus_station"))).ReadObjectAsync();

        Assert.Equal("bus_station", updated["properties"]!["locationType"]!.GetValue<string>());
        Assert.Equal("Point", updated["geometry"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_by_bounding_box_returns_places_whose_geometry_touches_it()
    {
        var (agencyId, client) = await database.SignInAsync("LOC8");
        // A large park whose centre lies west of the box but whose eastern edge reaches into it.
        var overlapping = await client.CreateAsync(Route, EntityTestData.Location(EntityTestData.Square(-1.96, 52.48, 0.02)));
        await client.CreateAsync(Route, EntityTestData.Location(EntityTestData.Square(-2.10, 52.59, 0.001)));

        var ids = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&bbox=-1.95,52.45,-1.85,52.50");

        Assert.Equal([overlapping], ids);
    }

    [Fact]
    public async Task Listing_filters_by_location_type()
    {
        var (agencyId, client) = await database.SignInAsync("LOC9");
        var station = await client.CreateAsync(Route, EntityTestData.Location(Park(), "train_station"));
        await client.CreateAsync(Route, EntityTestData.Location(Park(), "park"));

        var ids = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&locationType=train_station");

        Assert.Equal([station], ids);
    }

    [Fact]
    public async Task The_bounding_box_filter_searches_the_geometry_index_under_row_level_security()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "LOC11");
        // Birmingham city centre.
        var area = BoundingBox.Read("-1.95,52.45,-1.85,52.50", new ValidationErrors())!;

        var searched = await database.IndexConditionsAsSessionAsync(agencyId, "tasking_member",
            db => LocationsApi.Filter(db.Locations, area, [], null, null));

        Assert.Contains(searched, s => s.Index == "locations_geometry_idx" && s.Condition.StartsWith("(geometry && "));
    }

    [Fact]
    public async Task Listing_finds_places_by_any_part_of_their_name_in_any_case()
    {
        var (agencyId, client) = await database.SignInAsync("LOC12");
        var rank = EntityTestData.Location(EntityTestData.Point(TestData.CentreLongitude, TestData.CentreLatitude), "taxi_rank");
        rank["name"] = "Example Street 100% Taxi Rank";
        var rankId = await client.CreateAsync(Route, rank);
        await client.CreateAsync(Route, EntityTestData.Location(Park()));

        var byWord = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&q=taxi%20RANK");
        var byPercent = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&q=100%25");
        var wildcardIsLiteral = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&q=%25Park");

        Assert.Equal([rankId], byWord);
        Assert.Equal([rankId], byPercent);
        Assert.Empty(wildcardIsLiteral);
    }

    [Fact]
    public async Task A_place_check_lists_the_reports_naming_the_place_without_their_persons_and_a_bad_radius_is_a_400()
    {
        var (agencyId, analyst) = await database.SignInAsync("LOC13");
        var placeId = await analyst.CreateAsync(Route, EntityTestData.Location(Park()));
        var adultId = await analyst.CreateAsync("/api/persons", EntityTestData.Person(familyName: "Testperson-Parkgoer"));
        var atPark = TestData.Report();
        atPark["locationIds"] = new JsonArray(placeId);
        atPark["personIds"] = new JsonArray(adultId);
        var reportId = await analyst.CreateAsync("/api/reports", atPark);
        await analyst.CreateAsync("/api/reports", TestData.Report());
        using var officer = database.Application.CreateClient(Core.Access.UserRole.LicensingOfficer, agencyId);

        var response = await officer.GetAsync($"{Route}/{placeId}/concerns");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var concern = Assert.Single(JsonNode.Parse(body)!["reports"]!.AsArray())!;
        Assert.Equal(reportId, concern["reportId"]!.GetValue<Guid>());
        Assert.DoesNotContain("Testperson", body, StringComparison.Ordinal);
        await (await officer.GetAsync($"{Route}/{placeId}/concerns?radiusMeters=0")).AssertFieldErrorAsync("radiusMeters");
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"{Route}/{Guid.NewGuid()}/concerns")).StatusCode);
    }
}
