using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Spatial;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;

namespace HotspotIntel.Api.Tests.Areas;

/// <summary>
/// Area imports (issue 16 §2): a GeoJSON FeatureCollection or a zipped shapefile of wards and council areas, every area
/// or none, repaired boundaries said, retries replayed, supervisors and administrators only, logged.
/// </summary>
public sealed class AreasApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const double Lon = TestData.CentreLongitude, Lat = TestData.CentreLatitude;

    [Fact]
    public async Task Import_with_one_invalid_feature_changes_nothing_and_names_the_feature_and_property()
    {
        var (agencyId, _) = await database.SignInAsync("ARE1");
        var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        var file = Collection(Feature("ARE1-C", "Synthetic Council", "council_area", null, Square(Lon, Lat, 0.05), null),
            Feature("ARE1-W1", null, "ward", "ARE1-C", Square(Lon, Lat, 0.01), 2000),
            Feature("ARE1-W2", "Synthetic Ward Two", "ward", "ARE1-NOPE", Square(Lon + 0.02, Lat, 0.01), 1500));

        var response = await PostAsync(supervisor, file, "key-are1");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem["rowErrors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["field"]!.GetValue<string>())).ToList();
        Assert.Contains((2, "name"), errors);
        Assert.Contains((3, "parentCode"), errors);
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM areas WHERE code LIKE 'ARE1-%'"));
    }

    [Fact]
    public async Task Import_creates_areas_with_parents_repairs_an_invalid_boundary_and_replays_a_retry()
    {
        var (agencyId, analyst) = await database.SignInAsync("ARE2");
        var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        // A bow tie: its two rings cross at the centre, which ST_MakeValid splits into two triangles.
        var bowTie = new JsonArray(new JsonArray(Point(Lon + 0.03, Lat), Point(Lon + 0.05, Lat + 0.02), Point(Lon + 0.05, Lat), Point(Lon + 0.03, Lat + 0.02), Point(Lon + 0.03, Lat)));
        var file = Collection(Feature("ARE2-W1", "Synthetic Ward", "ward", "ARE2-C", Square(Lon, Lat, 0.01), 2000),
            Feature("ARE2-C", "Synthetic Council", "council_area", null, Square(Lon, Lat, 0.06), 9000),
            Feature("ARE2-W2", "Synthetic Bow Tie", "ward", "ARE2-C", new JsonObject { ["type"] = "Polygon", ["coordinates"] = bowTie }, null));

        var created = await PostAsync(supervisor, file, "key-are2");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var result = await created.ReadObjectAsync();
        Assert.Equal(3, result["created"]!.GetValue<int>());
        var repaired = Assert.Single(result["repaired"]!.AsArray());
        Assert.Equal("ARE2-W2", repaired!["code"]!.GetValue<string>());
        Assert.Contains("ST_MakeValid", repaired["note"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(await database.ScalarAsync<bool>("SELECT bool_and(ST_IsValid(geom)) FROM areas WHERE code LIKE 'ARE2-%'"));
        Assert.Equal("ARE2-C", await database.ScalarAsync<string>("SELECT p.code FROM areas w JOIN areas p ON p.id = w.parent_id WHERE w.code = 'ARE2-W1'"));
        Assert.Equal(2000, await database.ScalarAsync<int>("SELECT child_population FROM areas WHERE code = 'ARE2-W1'"));
        Assert.Equal(3, await database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log l JOIN areas a ON a.id = l.entity_id WHERE l.entity_kind = 'areas' AND l.action = 'collection' AND a.code LIKE 'ARE2-%'"));

        var replayed = await PostAsync(supervisor, file, "key-are2");
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(result.ToJsonString(), (await replayed.ReadObjectAsync()).ToJsonString());
        Assert.Equal(3, await database.ScalarAsync<long>("SELECT count(*) FROM areas WHERE code LIKE 'ARE2-%'"));
        var changed = Collection(Feature("ARE2-W1", "Synthetic Ward Renamed", "ward", "ARE2-C", Square(Lon, Lat, 0.01), 2100));
        await (await PostAsync(supervisor, changed, "key-are2")).AssertProblemAsync(HttpStatusCode.Conflict);

        // Importing a code again replaces that area.
        var again = await (await PostAsync(supervisor, changed, "key-are2-again")).ReadObjectAsync();
        Assert.Equal(1, again["updated"]!.GetValue<int>());
        Assert.Equal("Synthetic Ward Renamed", await database.ScalarAsync<string>("SELECT name FROM areas WHERE code = 'ARE2-W1'"));

        // Everyone reads them; an analyst may not import.
        var listed = await (await analyst.GetAsync("/api/areas?kind=ward")).ReadObjectAsync();
        Assert.Contains(listed["features"]!.AsArray(), f => f!["properties"]!["code"]!.GetValue<string>() == "ARE2-W1");
        // A map's view east of the first ward meets the bow tie and the council area around both, not the first ward.
        var view = string.Create(CultureInfo.InvariantCulture, $"{Lon + 0.035},{Lat + 0.005},{Lon + 0.045},{Lat + 0.015}");
        var inView = (await (await analyst.GetAsync($"/api/areas?bbox={view}")).ReadObjectAsync())["features"]!.AsArray()
            .Select(f => f!["properties"]!["code"]!.GetValue<string>()).Where(code => code.StartsWith("ARE2-", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(["ARE2-C", "ARE2-W2"], inView);
        await (await analyst.GetAsync("/api/areas?bbox=190,0,191,1")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(analyst, changed, "key-are2-analyst")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(database.Application.CreateClient(UserRole.TaskingMember, agencyId), changed, "key-are2-tm")).StatusCode);
    }

    [Fact]
    public async Task A_boundary_with_altitudes_is_imported_without_them()
    {
        var (agencyId, _) = await database.SignInAsync("ARE4");
        var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        // RFC 7946 allows an altitude as a third number; the boundary column is two-dimensional.
        var ring = new JsonArray([.. new[] { (-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1) }
            .Select(c => new JsonArray(Math.Round(Lon + (c.Item1 * 0.01), 6), Math.Round(Lat + (c.Item2 * 0.01), 6), 120.5))]);
        var file = Collection(Feature("ARE4-W1", "Synthetic Hill Ward", "ward", null, new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) }, 1200));

        var response = await PostAsync(supervisor, file, "key-are4");

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal(2, await database.ScalarAsync<int>("SELECT ST_NDims(geom)::int FROM areas WHERE code = 'ARE4-W1'"));
    }

    [Fact]
    public async Task A_zipped_shapefile_in_british_national_grid_is_imported_in_wgs84()
    {
        var administrator = database.Application.CreateClient(UserRole.Administrator, null);
        var centre27700 = BritishNationalGrid.FromWgs84(new GeometryFactory(new PrecisionModel(), 4326).CreatePoint(new Coordinate(Lon, Lat)));
        var (east, north) = (centre27700.Coordinate.X, centre27700.Coordinate.Y);
        var factory = new GeometryFactory(new PrecisionModel(), 27700);
        var square = factory.CreatePolygon([new(east - 500, north - 500), new(east + 500, north - 500), new(east + 500, north + 500), new(east - 500, north + 500), new(east - 500, north - 500)]);
        var folder = Directory.CreateTempSubdirectory("areas-shp-");
        var attributes = new AttributesTable { { "code", "ARE3-W1" }, { "name", "Synthetic Shape Ward" }, { "kind", "ward" }, { "child_pop", 1800 }, { "pop_year", 2025 } };
        Shapefile.WriteAllFeatures([new Feature(square, attributes)], Path.Combine(folder.FullName, "wards.shp"));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "wards.prj"),
            "PROJCS[\"OSGB_1936_British_National_Grid\",GEOGCS[\"GCS_OSGB 1936\",DATUM[\"D_OSGB_1936\",SPHEROID[\"Airy_1830\",6377563.396,299.3249646]]]]");
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var path in Directory.GetFiles(folder.FullName))
            {
                archive.CreateEntryFromFile(path, Path.GetFileName(path));
            }
        }

        folder.Delete(recursive: true);

        using var body = new ByteArrayContent(zip.ToArray());
        body.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/areas/imports") { Content = body };
        request.Headers.Add("Idempotency-Key", "key-are3");
        var response = await administrator.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var distance = await database.ScalarAsync<double>(string.Create(CultureInfo.InvariantCulture,
            $"SELECT ST_Distance(ST_Transform(ST_Centroid(geom), 27700), ST_Transform(ST_SetSRID(ST_MakePoint({Lon}, {Lat}), 4326), 27700)) FROM areas WHERE code = 'ARE3-W1'"));
        Assert.True(distance < 5, $"The ward's centre is {distance} m from where it was drawn.");
        Assert.Equal(1800, await database.ScalarAsync<int>("SELECT child_population FROM areas WHERE code = 'ARE3-W1'"));
    }

    [Fact]
    public async Task A_GeoJSON_file_in_british_national_grid_as_GDAL_writes_it_is_imported_in_wgs84()
    {
        var administrator = database.Application.CreateClient(UserRole.Administrator, null);
        var centre27700 = BritishNationalGrid.FromWgs84(new GeometryFactory(new PrecisionModel(), 4326).CreatePoint(new Coordinate(Lon, Lat)));
        var (east, north) = (Math.Round(centre27700.Coordinate.X, 1), Math.Round(centre27700.Coordinate.Y, 1));
        var ring = new JsonArray([.. new[] { (-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1) }.Select(c => new JsonArray(east + (c.Item1 * 500), north + (c.Item2 * 500)))]);
        // ogr2ogr -f GeoJSON from a British National Grid layer keeps the grid and names it in a 2008-style crs member.
        var file = Collection(Feature("ARE5-W1", "Synthetic Grid Ward", "ward", null, new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) }, 900));
        file["crs"] = new JsonObject { ["type"] = "name", ["properties"] = new JsonObject { ["name"] = "urn:ogc:def:crs:EPSG::27700" } };

        var response = await PostAsync(administrator, file, "key-are5");

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var distance = await database.ScalarAsync<double>(string.Create(CultureInfo.InvariantCulture,
            $"SELECT ST_Distance(ST_Transform(ST_Centroid(geom), 27700), ST_Transform(ST_SetSRID(ST_MakePoint({Lon}, {Lat}), 4326), 27700)) FROM areas WHERE code = 'ARE5-W1'"));
        Assert.True(distance < 5, $"The ward's centre is {distance} m from where it was drawn.");

        file["crs"] = new JsonObject { ["type"] = "name", ["properties"] = new JsonObject { ["name"] = "urn:ogc:def:crs:EPSG::3857" } };
        var refused = await (await PostAsync(administrator, file, "key-are5-mercator")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(refused["rowErrors"]!.AsArray(), error => error!["field"]!.GetValue<string>() == "crs");
    }

    internal static JsonObject Collection(params JsonObject[] features) => new() { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features) };

    internal static JsonObject Feature(string code, string? name, string kind, string? parentCode, JsonObject geometry, int? children) => new()
    {
        ["type"] = "Feature",
        ["geometry"] = geometry,
        ["properties"] = new JsonObject
        {
            ["code"] = code,
            ["name"] = name,
            ["kind"] = kind,
            ["parentCode"] = parentCode,
            ["childPopulation"] = children,
            ["populationYear"] = children is null ? null : 2025,
            ["populationSource"] = children is null ? null : "Synthetic: test figure",
        },
    };

    internal static JsonObject Square(double longitude, double latitude, double half) => new()
    {
        ["type"] = "Polygon",
        ["coordinates"] = new JsonArray(new JsonArray(Point(longitude - half, latitude - half), Point(longitude + half, latitude - half),
            Point(longitude + half, latitude + half), Point(longitude - half, latitude + half), Point(longitude - half, latitude - half))),
    };

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject file, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/areas/imports")
        {
            Content = new StringContent(file.ToJsonString(), Encoding.UTF8, "application/geo+json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static JsonArray Point(double longitude, double latitude) => new(Math.Round(longitude, 6), Math.Round(latitude, 6));
}
