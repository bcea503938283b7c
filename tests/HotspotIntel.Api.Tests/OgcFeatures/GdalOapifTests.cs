using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.OgcFeatures;

/// <summary>
/// The OGC API Features service as GDAL's OAPIF driver (the engine under QGIS) reads it: every page through the next
/// links, each feature where the reader's role may see it, in WGS84 longitude, latitude.
/// </summary>
public sealed class GdalOapifTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // British National Grid points in the synthetic city: three in the 500 m cell centred on (407000, 286500), and
    // reports not about a child elsewhere.
    private static readonly (double Easting, double Northing)[] SameCell = [(406900, 286450), (407050, 286600), (407100, 286400)];
    private static readonly (double Easting, double Northing)[] Elsewhere = [(409000, 288000), (409500, 288200), (410000, 288400), (410500, 288600)];

    [Fact]
    public async Task Gdal_reads_every_page_of_reports_exactly_for_an_analyst_and_child_linked_ones_at_their_cell_centre_for_a_tasking_member()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "GDAL1");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var childLinked = new List<Guid>();
        foreach (var point in SameCell)
        {
            childLinked.Add(await analyst.CreateAsync("/api/reports", TestData.ReportAtGridPoint(point)));
        }

        foreach (var point in Elsewhere)
        {
            await analyst.CreateAsync("/api/reports", TestData.ReportAtGridPoint(point, "premises_concern"));
        }

        var stored = await StoredAsync(agencyId);
        var url = $"OAPIF:{analyst.BaseAddress}ogc";

        // Two features a page: GDAL must follow four next links to read all seven.
        var asAnalyst = await ReadLayerAsync(url, HotspotIntelApplication.Token(UserRole.Analyst, agencyId), agencyId);
        var asTasking = await ReadLayerAsync(url, HotspotIntelApplication.Token(UserRole.TaskingMember, agencyId), agencyId);

        Assert.Equal(stored.Keys.Order(), asAnalyst.Keys.Order());
        Assert.All(asAnalyst, feature => Assert.Equal(stored[feature.Key].Exact, feature.Value));
        Assert.Equal(stored.Keys.Order(), asTasking.Keys.Order());
        Assert.All(asTasking, feature => Assert.Equal(
            childLinked.Contains(feature.Key) ? stored[feature.Key].Cell : stored[feature.Key].Exact, feature.Value));
        Assert.DoesNotContain(asTasking.Values, position => childLinked.Any(id => stored[id].Exact == position));
    }

    [Fact]
    public async Task Gdal_finds_every_collection_and_reads_them_in_WGS84_longitude_first()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "GDAL2");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        await analyst.CreateAsync("/api/premises", EntityTestData.Premises());

        var layers = await Gdal.RunAsync("ogrinfo", HotspotIntelApplication.Token(UserRole.LicensingOfficer, agencyId), "-ro", "-q", $"OAPIF:{analyst.BaseAddress}ogc");
        var premises = await Gdal.RunAsync("ogrinfo", HotspotIntelApplication.Token(UserRole.LicensingOfficer, agencyId), "-ro", "-so",
            $"OAPIF:{analyst.BaseAddress}ogc", "premises");

        foreach (var collection in new[] { "reports", "vehicle-sightings", "premises", "locations", "hotspots" })
        {
            Assert.Contains($": {collection} (", layers);
        }

        Assert.Contains("ID[\"EPSG\",4326]", premises);
        // GDAL's way of saying the data's first axis is the CRS's second: longitude, latitude.
        Assert.Contains("Data axis to CRS axis mapping: 2,1", premises);
        Assert.Contains("Feature Count: 1", premises);
    }

    /// <summary>The layer <c>reports</c> of <paramref name="url"/> through ogr2ogr, two features a page: each feature's position by id.</summary>
    private static async Task<Dictionary<Guid, (double, double)>> ReadLayerAsync(string url, string token, Guid agencyId)
    {
        var geoJson = await Gdal.RunAsync("ogr2ogr", token, "-f", "GeoJSON", "/vsistdout/", "-lco", "SIGNIFICANT_FIGURES=17", "-oo", "PAGE_SIZE=2",
            "-where", $"agencyId = '{agencyId}'", url, "reports");
        return JsonNode.Parse(geoJson)!["features"]!.AsArray().ToDictionary(
            feature => Guid.Parse(feature!["properties"]!["id"]!.GetValue<string>()),
            feature => (feature!["geometry"]!["coordinates"]![0]!.GetValue<double>(), feature["geometry"]!["coordinates"]![1]!.GetValue<double>()));
    }

    /// <summary>Each report's stored position and its masking cell's centre, as the schema owner reads them.</summary>
    private async Task<Dictionary<Guid, ((double, double) Exact, (double, double) Cell)>> StoredAsync(Guid agencyId)
    {
        var rows = new Dictionary<Guid, ((double, double), (double, double))>();
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT id, ST_X(location), ST_Y(location), ST_X(masking_cell), ST_Y(masking_cell) FROM intelligence_reports WHERE agency_id = '{agencyId}'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetGuid(0)] = ((reader.GetDouble(1), reader.GetDouble(2)), (reader.GetDouble(3), reader.GetDouble(4)));
        }

        return rows;
    }
}
