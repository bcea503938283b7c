using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Tests.Imports;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Exports;

/// <summary>
/// Exports of the lists as CSV and GeoJSON: the whole filtered list, in British National Grid exactly as PostGIS
/// transforms it, masked as the list is, each row and the file stamped with the marking; persons only as a logged disclosure.
/// </summary>
public sealed class ExportsApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Recipient = "Synthetic Borough licensing sub-committee";

    [Fact]
    public async Task A_CSV_in_British_National_Grid_holds_every_report_at_the_coordinates_PostGIS_ST_Transform_gives()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "EXP1");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        // More than one page of the exporter (1000 rows): the export is the whole list, read on keys.
        var official = TestData.Report(-1.87, 52.49, "party_house");
        official["securityMarking"] = "OFFICIAL";
        await analyst.CreateAsync("/api/reports", official);
        await ImportReportsAsync(analyst, 1200);

        var response = await analyst.GetAsync($"/api/exports/reports?agencyId={agencyId}&crs=EPSG:27700");
        var rows = await ReadCsvAsync(response);
        var expected = await database.VerticesAsync("intelligence_reports", "ST_Transform(t.location, 27700)", $"t.agency_id = '{agencyId}'");

        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(1201, rows.Count);
        Assert.All(rows, row => Assert.Equal(expected[Guid.Parse(row["id"])],
            [(double.Parse(row["easting"], CultureInfo.InvariantCulture), double.Parse(row["northing"], CultureInfo.InvariantCulture))]));
        Assert.Equal(1, rows.Count(row => row["securityMarking"] == "OFFICIAL"));
        Assert.StartsWith("OFFICIAL-SENSITIVE hotspotintel-reports-EPSG27700-", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_GeoJSON_in_British_National_Grid_names_its_crs_and_every_vertex_is_what_PostGIS_ST_Transform_gives()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "EXP2");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        await analyst.CreateAsync("/api/locations", EntityTestData.Location(EntityTestData.Square(-1.88, 52.48, 0.003)));
        await analyst.CreateAsync("/api/locations", EntityTestData.Location(EntityTestData.Point(-1.86, 52.47), "bus_station"));

        var response = await analyst.GetAsync($"/api/exports/locations?agencyId={agencyId}&crs=EPSG:27700&format=geojson");
        var collection = await response.ReadObjectAsync();
        var expected = await database.VerticesAsync("locations", "ST_Transform(t.geometry, 27700)", $"t.agency_id = '{agencyId}'");

        Assert.Equal("urn:ogc:def:crs:EPSG::27700", collection["crs"]!["properties"]!["name"]!.GetValue<string>());
        Assert.Equal("OFFICIAL-SENSITIVE", collection["securityMarking"]!.GetValue<string>());
        var features = collection["features"]!.AsArray();
        Assert.Equal(2, features.Count);
        Assert.All(features, feature => Assert.Equal(expected[Guid.Parse(feature!["id"]!.GetValue<string>())], Vertices(feature["geometry"]!)));
        Assert.All(features, feature => Assert.Equal("OFFICIAL-SENSITIVE", feature!["properties"]!["securityMarking"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_tasking_members_export_holds_child_linked_reports_at_their_cell_centre_only()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "EXP3");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        foreach (var point in new[] { (406900.0, 286450.0), (407050.0, 286600.0), (407100.0, 286400.0) })
        {
            await analyst.CreateAsync("/api/reports", TestData.ReportAtGridPoint(point));
        }

        using var tasking = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var rows = await ReadCsvAsync(await tasking.GetAsync($"/api/exports/reports?agencyId={agencyId}"));
        var cells = await database.VerticesAsync("intelligence_reports", "t.masking_cell", $"t.agency_id = '{agencyId}'");

        Assert.Equal(3, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(cells[Guid.Parse(row["id"])], [(double.Parse(row["longitude"], CultureInfo.InvariantCulture), double.Parse(row["latitude"], CultureInfo.InvariantCulture))]);
            Assert.StartsWith("[withheld", row["narrative"]);
        });
    }

    [Fact]
    public async Task Exporting_persons_is_a_disclosure_logged_for_each_person_with_the_recipient_and_the_reason()
    {
        var (agencyId, analyst) = await database.SignInAsync("EXP4");
        var first = await analyst.CreateAsync("/api/persons", EntityTestData.Person(familyName: "Testperson", givenNames: "Amber Example"));
        var second = await analyst.CreateAsync("/api/persons", EntityTestData.Person(familyName: "Testperson", givenNames: "Birch Example"));

        var response = await analyst.PostAsJsonAsync($"/api/exports/persons?agencyId={agencyId}",
            new { recipient = Recipient, justification = SignedInClients.Justification });
        var rows = await ReadCsvAsync(response);

        Assert.Equal([first, second], rows.Select(row => Guid.Parse(row["id"])).Order());
        foreach (var person in new[] { first, second })
        {
            Assert.Equal(1L, await database.ScalarAsync<long>($"""
                SELECT count(*) FROM audit_log WHERE action = 'disclosure' AND entity_kind = 'persons' AND entity_id = '{person}'
                  AND recipient = '{Recipient}' AND justification = '{SignedInClients.Justification}' AND agency_id = '{agencyId}'
                """));
        }
    }

    [Fact]
    public async Task A_person_export_without_a_recipient_is_refused_and_logs_nothing_and_other_roles_cannot_export_persons()
    {
        var (agencyId, analyst) = await database.SignInAsync("EXP5");
        await analyst.CreateAsync("/api/persons", EntityTestData.Person());
        using var licensing = database.Application.CreateClient(UserRole.LicensingOfficer, agencyId);

        await (await analyst.PostAsJsonAsync("/api/exports/persons", new { justification = SignedInClients.Justification })).AssertFieldErrorAsync("recipient");
        await (await licensing.PostAsJsonAsync("/api/exports/persons", new { recipient = Recipient, justification = SignedInClients.Justification }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await analyst.GetAsync("/api/exports/persons")).StatusCode);
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE action = 'disclosure' AND agency_id = '{agencyId}'"));
    }

    [Fact]
    public async Task The_action_board_exports_as_CSV_with_its_filters_and_markings_and_never_an_action_against_a_person()
    {
        var (agencyId, analyst) = await database.SignInAsync("EXP7");
        var premises = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var adult = await analyst.CreateAsync("/api/persons", EntityTestData.Person());
        var agreed = await analyst.CreateAsync("/api/disruption-actions", EntityTestData.DisruptionAction("premises", premises, agencyId));
        var started = EntityTestData.DisruptionAction("premises", premises, agencyId, tacticCode: "premises_licence_review", status: "in_progress");
        started["securityMarking"] = "OFFICIAL";
        var inProgress = await analyst.CreateAsync("/api/disruption-actions", started);
        await analyst.CreateAsync("/api/disruption-actions", EntityTestData.DisruptionAction("person", adult, agencyId, "letter_to_person_of_concern"));

        var all = await ReadCsvAsync(await analyst.GetAsync($"/api/exports/disruption-actions?format=csv&premisesId={premises}"));
        var onlyStarted = await ReadCsvAsync(await analyst.GetAsync($"/api/exports/disruption-actions?format=csv&status=in_progress&premisesId={premises}"));
        var everything = await ReadCsvAsync(await analyst.GetAsync($"/api/exports/disruption-actions?format=csv&ownerAgencyId={agencyId}"));

        Assert.Equal(new[] { agreed, inProgress }.Order(), all.Select(row => Guid.Parse(row["id"])).Order());
        var row = Assert.Single(onlyStarted);
        Assert.Equal((inProgress, "premises_licence_review", "in_progress", premises.ToString(), "OFFICIAL"),
            (Guid.Parse(row["id"]), row["tacticCode"], row["status"], row["premisesId"], row["securityMarking"]));
        Assert.DoesNotContain(everything, r => r["targetKind"] == "person");
        Assert.Equal(2, everything.Count);
        await (await analyst.GetAsync("/api/exports/disruption-actions?targetKind=person")).AssertFieldErrorAsync("targetKind");
    }

    [Theory]
    [InlineData("vehicles", "format=geojson", "format")]
    [InlineData("vehicles", "crs=EPSG:27700", "crs")]
    [InlineData("reports", "crs=EPSG:3857", "crs")]
    [InlineData("reports", "format=xlsx", "format")]
    [InlineData("reports", "limit=10", "limit")]
    [InlineData("premises", "premisesType=castle", "premisesType")]
    [InlineData("hotspots", "runId=0192f3a4-5b6c-7d8e-9f00-112233445566", "")]
    public async Task An_export_that_cannot_be_made_says_why(string list, string query, string field)
    {
        using var client = database.Application.CreateClient(UserRole.Analyst, await TestData.CreateAgencyAsync(database.Application, $"EXP6{Interlocked.Increment(ref _agencies)}"));

        var response = await client.GetAsync($"/api/exports/{list}?{query}");

        if (field == "")
        {
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        else
        {
            await response.AssertFieldErrorAsync(field);
        }
    }

    private static int _agencies;

    /// <summary>Imports <paramref name="count"/> reports spread over the city centre in one CSV file.</summary>
    private static async Task ImportReportsAsync(HttpClient analyst, int count)
    {
        var rows = Enumerable.Range(0, count).Select(i => ImportFiles.ReportRow(i, category: "party_house", point: (-1.95 + i % 40 * 0.003, 52.45 + i / 40 * 0.002)));
        (await ImportFiles.PostAsync(analyst, "reports", ImportFiles.Csv(ImportFiles.ReportsHeader, rows))).EnsureSuccessStatusCode();
    }

    private static async Task<List<Dictionary<string, string>>> ReadCsvAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"Expected success, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var csv = CsvReader.Create(body, CsvReaderOptions.Default with { HasHeader = true });
        await csv.ReadHeaderAsync();
        var header = csv.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (await csv.ReadAsync())
        {
            rows.Add(header.Select((name, i) => (name, value: csv.GetString(i))).ToDictionary(pair => pair.name, pair => pair.value));
        }

        return rows;
    }

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
