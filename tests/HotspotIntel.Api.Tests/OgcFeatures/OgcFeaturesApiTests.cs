using System.Net;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.OgcFeatures;

/// <summary>
/// OGC API Features Part 1 (Core, GeoJSON, OpenAPI 3.0) and Part 2 (CRS by reference) at /ogc: what a client needs to
/// find the collections, page through them on keys, filter them, and read them in British National Grid.
/// </summary>
public sealed class OgcFeaturesApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    private const string Epsg4326 = "http://www.opengis.net/def/crs/EPSG/0/4326";
    private const string Bng = "http://www.opengis.net/def/crs/EPSG/0/27700";

    private static int _agencies;

    [Fact]
    public async Task The_landing_page_links_an_OpenAPI_3_0_definition_the_conformance_classes_and_the_collections()
    {
        using var client = database.Application.CreateClient(UserRole.TaskingMember, await TestData.CreateAgencyAsync(database.Application, "OGC1"));

        var landing = await (await client.GetAsync("/ogc")).ReadObjectAsync();
        var links = landing["links"]!.AsArray().ToDictionary(link => link!["rel"]!.GetValue<string>(), link => link!.AsObject());
        var definition = await (await client.GetAsync(links["service-desc"]["href"]!.GetValue<string>())).ReadObjectAsync();
        var conformance = await (await client.GetAsync(links["conformance"]["href"]!.GetValue<string>())).ReadObjectAsync();
        var collections = await client.GetAsync(links["data"]["href"]!.GetValue<string>());

        Assert.Equal("application/vnd.oai.openapi+json;version=3.0", links["service-desc"]["type"]!.GetValue<string>());
        Assert.StartsWith("3.0.", definition["openapi"]!.GetValue<string>());
        Assert.Contains("/ogc/collections/{collectionId}/items", definition["paths"]!.AsObject().Select(path => path.Key));
        Assert.DoesNotContain("/api/reports", definition["paths"]!.AsObject().Select(path => path.Key));
        var classes = conformance["conformsTo"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs", classes);
        Assert.Equal(HttpStatusCode.OK, collections.StatusCode);
        Assert.Equal("application/json", collections.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Collections_are_every_spatial_list_and_each_succeeded_run_with_their_crs_extent_and_links()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "OGC2");
        var runId = await database.AddSucceededRunAsync(agencyId, 5, new HotspotRows.Disc(Guid.NewGuid(), TestData.CentreLongitude, TestData.CentreLatitude, 200, "new", 9));
        using var client = database.Application.CreateClient(UserRole.Analyst, agencyId);

        var collections = (await (await client.GetAsync("/ogc/collections")).ReadObjectAsync())["collections"]!.AsArray().Select(c => c!.AsObject()).ToList();

        Assert.Equal(["reports", "vehicle-sightings", "premises", "locations", "hotspots", $"hotspot-run-{runId}"],
            collections.Select(c => c["id"]!.GetValue<string>()).Take(6));
        Assert.All(collections, collection =>
        {
            Assert.Equal([Crs84, Epsg4326, Bng], collection["crs"]!.AsArray().Select(c => c!.GetValue<string>()));
            Assert.Equal(4, collection["extent"]!["spatial"]!["bbox"]![0]!.AsArray().Count);
            Assert.Contains(collection["links"]!.AsArray(), link => link!["rel"]!.GetValue<string>() == "items"
                && link["type"]!.GetValue<string>() == "application/geo+json");
        });
        var run = await (await client.GetAsync($"/ogc/collections/hotspot-run-{runId}/items")).ReadObjectAsync();
        Assert.Single(run["features"]!.AsArray());
    }

    [Fact]
    public async Task Items_page_on_keys_and_next_and_prev_links_visit_every_feature_once_in_both_directions()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "OGC3");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await analyst.CreateAsync("/api/reports", TestData.Report(category: "party_house")));
        }

        var forward = new List<List<Guid>>();
        var page = await (await analyst.GetAsync($"/ogc/collections/reports/items?agencyId={agencyId}&limit=2")).ReadObjectAsync();
        forward.Add(Ids(page));
        while (Link(page, "next") is { } next)
        {
            page = await (await analyst.GetAsync(next)).ReadObjectAsync();
            forward.Add(Ids(page));
        }

        var backward = new List<List<Guid>> { Ids(page) };
        while (Link(page, "prev") is { } previous)
        {
            page = await (await analyst.GetAsync(previous)).ReadObjectAsync();
            backward.Add(Ids(page));
        }

        Assert.Equal(Enumerable.Reverse(created), forward.SelectMany(ids => ids));
        Assert.Equal([2, 2, 1], forward.Select(ids => ids.Count));
        Assert.Equal(forward, Enumerable.Reverse(backward));
        Assert.Null(Link(page, "prev"));
        Assert.All(forward.SkipLast(1), _ => Assert.Equal(2, page["numberReturned"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Items_in_British_National_Grid_are_what_PostGIS_makes_of_them_and_Content_Crs_says_so()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "OGC4");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        await analyst.CreateAsync("/api/reports", TestData.Report(-1.91, 52.47, "party_house"));
        await analyst.CreateAsync("/api/reports", TestData.Report(-1.85, 52.50, "party_house"));
        var placeId = await analyst.CreateAsync("/api/locations", EntityTestData.Location(EntityTestData.Square(-1.88, 52.48, 0.002)));

        var reports = await analyst.GetAsync($"/ogc/collections/reports/items?agencyId={agencyId}&crs={Uri.EscapeDataString(Bng)}");
        var place = await analyst.GetAsync($"/ogc/collections/locations/items/{placeId}?crs={Uri.EscapeDataString(Bng)}");
        var expectedReports = await database.VerticesAsync("intelligence_reports", "ST_Transform(t.location, 27700)", $"t.agency_id = '{agencyId}'");
        var expectedPlace = await database.VerticesAsync("locations", "ST_Transform(t.geometry, 27700)", $"t.id = '{placeId}'");

        Assert.Equal($"<{Bng}>", reports.Headers.GetValues("Content-Crs").Single());
        var features = (await reports.ReadObjectAsync())["features"]!.AsArray();
        Assert.Equal(2, features.Count);
        Assert.All(features, feature => Assert.Equal(expectedReports[Guid.Parse(feature!["id"]!.GetValue<string>())], Vertices(feature["geometry"]!)));
        Assert.Equal($"<{Bng}>", place.Headers.GetValues("Content-Crs").Single());
        Assert.Equal(expectedPlace[placeId], Vertices((await place.ReadObjectAsync())["geometry"]!));
    }

    [Fact]
    public async Task EPSG_4326_puts_latitude_first_and_a_bbox_in_British_National_Grid_selects_what_lies_inside_it()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "OGC5");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var inside = await analyst.CreateAsync("/api/reports", TestData.ReportAtGridPoint((407000, 286500), "party_house"));
        await analyst.CreateAsync("/api/reports", TestData.ReportAtGridPoint((412000, 290000), "party_house"));
        var stored = await database.VerticesAsync("intelligence_reports", "t.location", $"t.id = '{inside}'");

        var inBox = await (await analyst.GetAsync($"/ogc/collections/reports/items?agencyId={agencyId}&bbox=406500,286000,407500,287000"
            + $"&bbox-crs={Uri.EscapeDataString(Bng)}&crs={Uri.EscapeDataString(Epsg4326)}")).ReadObjectAsync();

        var feature = Assert.Single(inBox["features"]!.AsArray());
        Assert.Equal(inside, Guid.Parse(feature!["id"]!.GetValue<string>()));
        var (longitude, latitude) = stored[inside][0];
        Assert.Equal([(latitude, longitude)], Vertices(feature["geometry"]!));
    }

    [Fact]
    public async Task Datetime_selects_reports_by_when_they_occurred_with_both_ends_included()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "OGC6");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var march = await analyst.CreateAsync("/api/reports", TestData.Report(category: "party_house", occurredAt: new DateTimeOffset(2026, 3, 10, 21, 0, 0, TimeSpan.Zero)));
        var april = await analyst.CreateAsync("/api/reports", TestData.Report(category: "party_house", occurredAt: new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)));
        await analyst.CreateAsync("/api/reports", TestData.Report(category: "party_house", occurredAt: new DateTimeOffset(2026, 5, 2, 12, 0, 0, TimeSpan.Zero)));

        async Task<List<Guid>> During(string datetime) =>
            Ids(await (await analyst.GetAsync($"/ogc/collections/reports/items?agencyId={agencyId}&datetime={Uri.EscapeDataString(datetime)}")).ReadObjectAsync());

        Assert.Equal([april, march], await During("2026-03-01T00:00:00Z/2026-04-01T00:00:00Z"));
        Assert.Equal([march], await During("2026-03-10"));
        Assert.Equal([april, march], await During("../2026-04-30"));
        Assert.Equal([april], await During("2026-04-01T00:00:00Z"));
    }

    [Theory]
    [InlineData("reports", "colour=red", "colour")]
    [InlineData("reports", "crs=EPSG:3857", "crs")]
    [InlineData("reports", "bbox-crs=http://www.opengis.net/def/crs/EPSG/0/3857", "bbox-crs")]
    [InlineData("reports", "bbox=-1.8,52.5,-1.9,52.4", "bbox")]
    [InlineData("reports", "datetime=2026-13-01", "datetime")]
    [InlineData("reports", "category=picnic", "category")]
    [InlineData("reports", "limit=0", "limit")]
    [InlineData("reports", "cursor=nonsense", "cursor")]
    [InlineData("premises", "datetime=2026-03-01", "datetime")]
    [InlineData("hotspots", "runId=0192f3a4-5b6c-7d8e-9f00-112233445566", "runId")]
    public async Task A_parameter_the_collection_does_not_take_or_a_bad_value_is_a_400_naming_it(string collection, string query, string field)
    {
        using var client = database.Application.CreateClient(UserRole.Analyst, await TestData.CreateAgencyAsync(database.Application, $"OGC7{Interlocked.Increment(ref _agencies)}"));

        await (await client.GetAsync($"/ogc/collections/{collection}/items?{query}")).AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task Unknown_collections_features_and_runs_are_404_problem_details()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "OGC8");
        using var client = database.Application.CreateClient(UserRole.Analyst, agencyId);

        await (await client.GetAsync("/ogc/collections/persons")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/ogc/collections/hotspot-run-{Guid.NewGuid()}/items")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/ogc/collections/reports/items/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/ogc/collections/reports/items/not-an-id")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_tasking_member_gets_child_linked_reports_at_their_cell_centre_and_no_vehicle_sighting_of_them()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "OGC9");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var vehicleId = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("SY12 OGC"));
        var childLinked = new List<Guid>();
        foreach (var point in new[] { (406900.0, 286450.0), (407050.0, 286600.0), (407100.0, 286400.0) })
        {
            var report = TestData.ReportAtGridPoint(point);
            report["vehicleIds"] = new JsonArray(vehicleId);
            childLinked.Add(await analyst.CreateAsync("/api/reports", report));
        }

        var cells = await database.VerticesAsync("intelligence_reports", "t.masking_cell", $"t.agency_id = '{agencyId}'");
        using var tasking = database.Application.CreateClient(UserRole.TaskingMember, agencyId);

        var reports = await (await tasking.GetAsync($"/ogc/collections/reports/items?agencyId={agencyId}")).ReadObjectAsync();
        var one = await (await tasking.GetAsync($"/ogc/collections/reports/items/{childLinked[0]}")).ReadObjectAsync();
        var sightings = await (await tasking.GetAsync($"/ogc/collections/vehicle-sightings/items?vehicleId={vehicleId}")).ReadObjectAsync();
        var analystSightings = await (await analyst.GetAsync($"/ogc/collections/vehicle-sightings/items?vehicleId={vehicleId}")).ReadObjectAsync();

        Assert.Equal(3, reports["features"]!.AsArray().Count);
        Assert.All(reports["features"]!.AsArray(), feature =>
        {
            Assert.Equal(cells[Guid.Parse(feature!["id"]!.GetValue<string>())], Vertices(feature["geometry"]!));
            Assert.StartsWith("[withheld", feature["properties"]!["narrative"]!.GetValue<string>());
        });
        Assert.Equal(cells[childLinked[0]], Vertices(one["geometry"]!));
        Assert.Empty(sightings["features"]!.AsArray());
        Assert.Equal(3, analystSightings["features"]!.AsArray().Count);
        Assert.All(analystSightings["features"]!.AsArray(), feature => Assert.Equal("SY12OGC", feature!["properties"]!["registrationMarks"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_site_root_sends_an_OGC_client_to_the_collections_and_the_service_needs_a_token()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = database.Application.CreateClient().BaseAddress };

        var redirect = await anonymous.GetAsync("/collections");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/ogc/collections", redirect.Headers.Location?.AbsolutePath);
        await (await anonymous.GetAsync("/ogc/collections")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static List<Guid> Ids(JsonObject page) => [.. page["features"]!.AsArray().Select(feature => Guid.Parse(feature!["id"]!.GetValue<string>()))];

    private static string? Link(JsonObject page, string rel) =>
        page["links"]!.AsArray().FirstOrDefault(link => link!["rel"]!.GetValue<string>() == rel)?["href"]!.GetValue<string>();

    private static List<(double X, double Y)> Vertices(JsonNode geometry)
    {
        var vertices = new List<(double, double)>();
        Collect(geometry["coordinates"]!);
        return vertices;

        void Collect(JsonNode node)
        {
            var array = node.AsArray();
            if (array.Count >= 2 && array[0] is JsonValue)
            {
                vertices.Add((array[0]!.GetValue<double>(), array[1]!.GetValue<double>()));
            }
            else
            {
                foreach (var item in array)
                {
                    Collect(item!);
                }
            }
        }
    }
}
