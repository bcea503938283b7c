using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Reports;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Reports;

public sealed class ReportsApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_created_report_reads_back_as_a_GeoJSON_feature_with_its_grading()
    {
        var (agencyId, client) = await database.SignInAsync("RPT1");
        var created = await (await client.PostAsJsonAsync("/api/reports", TestData.Report())).ReadObjectAsync();

        var read = await (await client.GetAsync($"/api/reports/{created["id"]}")).ReadObjectAsync();

        Assert.Equal("Feature", read["type"]!.GetValue<string>());
        Assert.Equal("Point", read["geometry"]!["type"]!.GetValue<string>());
        Assert.Equal(TestData.CentreLongitude, read["geometry"]!["coordinates"]![0]!.GetValue<double>(), 6);
        Assert.Equal("2B P", read["properties"]!["grading"]!.GetValue<string>());
        Assert.Equal("child_with_adults", read["properties"]!["category"]!.GetValue<string>());
        Assert.Equal("OFFICIAL-SENSITIVE", read["properties"]!["restrictions"]!["securityMarking"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_by_bounding_box_returns_only_reports_inside_it()
    {
        var (agencyId, client) = await database.SignInAsync("RPT2");
        var inside = await CreateAsync(client, TestData.Report(-1.9000, 52.4800));
        var outside = await CreateAsync(client, TestData.Report(-2.1000, 52.5900));

        var page = await (await client.GetAsync($"/api/reports?agencyId={agencyId}&bbox=-1.95,52.45,-1.85,52.50")).ReadObjectAsync();

        var ids = page["features"]!.AsArray().Select(f => f!["id"]!.GetValue<Guid>()).ToList();
        Assert.Equal("FeatureCollection", page["type"]!.GetValue<string>());
        Assert.Contains(inside, ids);
        Assert.DoesNotContain(outside, ids);
    }

    [Fact]
    public async Task Listing_filters_by_time_window_category_and_grading()
    {
        var (agencyId, client) = await database.SignInAsync("RPT3");
        var now = DateTimeOffset.UtcNow;
        var wanted = await CreateAsync(client, TestData.Report(category: "party_house", occurredAt: now.AddDays(-10)));
        var tooOld = await CreateAsync(client, TestData.Report(category: "party_house", occurredAt: now.AddDays(-40)));
        var otherCategory = await CreateAsync(client, TestData.Report(category: "vehicle_pick_up", occurredAt: now.AddDays(-10)));
        var otherGrading = TestData.Report(category: "party_house", occurredAt: now.AddDays(-10));
        otherGrading["intelligenceAssessment"] = "E";
        var falseReport = await CreateAsync(client, otherGrading);

        var from = Uri.EscapeDataString(now.AddDays(-30).ToString("O"));
        var page = await (await client.GetAsync(
            $"/api/reports?agencyId={agencyId}&from={from}&category=party_house&intelligenceAssessment=A,B,C")).ReadObjectAsync();

        var ids = page["features"]!.AsArray().Select(f => f!["id"]!.GetValue<Guid>()).ToList();
        Assert.Equal([wanted], ids);
        Assert.DoesNotContain(tooOld, ids);
        Assert.DoesNotContain(otherCategory, ids);
        Assert.DoesNotContain(falseReport, ids);
    }

    [Fact]
    public async Task Keyset_pages_cover_every_report_once_newest_first()
    {
        var (agencyId, client) = await database.SignInAsync("RPT4");
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await CreateAsync(client, TestData.Report()));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await client.GetAsync($"/api/reports?agencyId={agencyId}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"))).ReadObjectAsync();
            seen.AddRange(page["features"]!.AsArray().Select(f => f!["id"]!.GetValue<Guid>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(created), seen);
    }

    [Fact]
    public async Task British_National_Grid_input_is_stored_in_WGS84()
    {
        var (agencyId, client) = await database.SignInAsync("RPT5");
        var request = TestData.Report();
        // Easting/northing of a point in the synthetic city centre (EPSG:27700).
        request["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(407000.0, 286800.0) };
        request["coordinateSystem"] = "EPSG:27700";

        var id = await CreateAsync(client, request);

        // PostGIS's own transformation of the same point is the reference; both use the EPSG Helmert parameters.
        var distanceMeters = await database.ScalarAsync<double>($"""
            SELECT ST_Distance(location::geography,
                   ST_Transform(ST_SetSRID(ST_MakePoint(407000, 286800), 27700), 4326)::geography)
            FROM intelligence_reports WHERE id = '{id}'
            """);
        Assert.Equal(4326, await database.ScalarAsync<int>($"SELECT ST_SRID(location) FROM intelligence_reports WHERE id = '{id}'"));
        Assert.True(distanceMeters < 5, $"Stored point is {distanceMeters:F1} m from PostGIS's transformation.");
    }

    [Fact]
    public async Task A_report_can_be_updated_and_deleted()
    {
        var (agencyId, client) = await database.SignInAsync("RPT6");
        var id = await CreateAsync(client, TestData.Report());
        var changed = TestData.Report(category: "premises_concern");
        changed["handlingCode"] = "C";
        changed["handlingConditions"] = "Not to be disclosed to the premises licence holder.";

        var updated = await (await client.PutAsJsonAsync($"/api/reports/{id}", changed)).ReadObjectAsync();
        Assert.Equal("premises_concern", updated["properties"]!["category"]!.GetValue<string>());
        Assert.Equal("2B C", updated["properties"]!["grading"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/reports/{id}")).StatusCode);
        await (await client.GetAsync($"/api/reports/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_report_links_the_persons_it_mentions_and_an_unknown_one_is_rejected()
    {
        var (agencyId, client) = await database.SignInAsync("RPT9");
        var request = TestData.Report();
        request["personIds"] = new JsonArray(Guid.NewGuid());

        var message = await (await client.PostAsJsonAsync("/api/reports", request)).AssertFieldErrorAsync("personIds");

        Assert.Contains("no person", message);
    }

    [Fact]
    public async Task A_masked_reader_s_bounding_box_filter_searches_each_branch_s_GiST_index_under_row_level_security()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "RPT10");
        // Birmingham city centre.
        var area = BoundingBox.Read("-1.95,52.45,-1.85,52.50", new ValidationErrors())!;

        var searched = await database.IndexConditionsAsSessionAsync(agencyId, "tasking_member",
            db => ReportsApi.Filter(db, area, ReportFilter.None));

        // reports_for_role's three branches (migrations/0012): every report where recorded, for readers who see exact
        // places; reports not linked to a child, for masked readers; child-linked reports at their cell.
        Assert.Contains(searched, s => s.Index == "intelligence_reports_location_idx" && s.Condition.StartsWith("(location && "));
        Assert.Contains(searched, s => s.Index == "intelligence_reports_adult_location_idx" && s.Condition.StartsWith("(location && "));
        Assert.Contains(searched, s => s.Index == "intelligence_reports_child_masking_cell_idx" && s.Condition.StartsWith("(masking_cell && "));
    }

    private static async Task<Guid> CreateAsync(HttpClient client, JsonObject request) =>
        (await (await client.PostAsJsonAsync("/api/reports", request)).ReadObjectAsync())["id"]!.GetValue<Guid>();
}
