using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Npgsql;

namespace HotspotIntel.Api.Tests.Hotspots;

/// <summary>
/// What hotspots tell each reader (issue 18 §4): counts only of the reports the reader may read, no hotspot made only of
/// others' reports, masked readers' areas made of whole masking cells, and no publication below the privacy floors.
/// </summary>
public sealed class HotspotPrivacyTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private readonly HotspotScenario _scenario = new(database);

    [Theory]
    [InlineData("HPF1", "excess", "cellSizeMeters", 10)]
    [InlineData("HPF2", "dbscan", "epsMeters", 1)]
    [InlineData("HPF3", "excess", "minimumReports", 1)]
    public async Task A_run_below_the_privacy_floors_is_a_trial_that_can_never_be_published(string agencyCode, string method, string parameter, double value)
    {
        var agencyId = await _scenario.StartAsync(agencyCode);
        await _scenario.AddUniformAsync(agencyId, 300, 0.81);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.82);
        var (published, _) = await _scenario.RunFullAsync();
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var request = new JsonObject { ["method"] = method, ["parameters"] = new JsonObject { [parameter] = value } };
        var trial = (await (await analyst.PostAsJsonAsync("/api/hotspot-runs", request)).ReadObjectAsync())["id"]!.GetValue<Guid>();
        await _scenario.RunAsync(trial);

        var refused = await (await analyst.PostAsync($"/api/hotspot-runs/{trial}/publication", null)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(parameter, refused["parameter"]!.GetValue<string>());
        Assert.Contains(parameter, refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await database.ScalarAsync<DateTime?>($"SELECT published_at FROM hotspot_runs WHERE id = '{trial}'"));
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var shared = await (await taskingMember.GetAsync("/api/hotspots")).ReadObjectAsync();
        Assert.All(shared["features"]!.AsArray(), f => Assert.Equal(published, f!["properties"]!["runId"]!.GetValue<Guid>()));
    }

    [Theory]
    [InlineData(UserRole.TaskingMember)]
    [InlineData(UserRole.LicensingOfficer)]
    public async Task A_masked_reader_s_hotspots_are_whole_masking_cells_and_hide_those_with_too_few_child_linked_reports(UserRole role)
    {
        var agencyId = await _scenario.StartAsync($"HPM{(int)role}");
        await _scenario.AddUniformAsync(agencyId, 400, 0.83);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.84);
        await _scenario.AddClusterAsync(agencyId, 800, 800, 100, 40, 0.85);
        await MarkChildLinkedAsync(2210, 1630, 10);
        await MarkChildLinkedAsync(800, 800, 2);
        await _scenario.RunFullAsync();
        var many = await HotspotAtAsync(2210, 1630);
        var few = await HotspotAtAsync(800, 800);
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        using var masked = database.Application.CreateClient(role, agencyId);

        var exact = await (await analyst.GetAsync("/api/hotspots")).ReadObjectAsync();
        var seen = await (await masked.GetAsync("/api/hotspots")).ReadObjectAsync();
        var fewToMasked = await masked.GetAsync($"/api/hotspots/{few}");

        Assert.Equal(new[] { few, many }.Order(), exact["features"]!.AsArray().Select(f => f!["id"]!.GetValue<Guid>()).Order());
        var feature = Assert.Single(seen["features"]!.AsArray())!;
        Assert.Equal(many, feature["id"]!.GetValue<Guid>());
        // Its child-linked reports lie in a masking cell shown to the masked reader, so they count for them as for the analyst.
        Assert.Equal(exact["features"]!.AsArray().Single(f => f!["id"]!.GetValue<Guid>() == many)!["properties"]!["reportCount"]!.GetValue<int>(),
            feature["properties"]!["reportCount"]!.GetValue<int>());
        await fewToMasked.AssertProblemAsync(HttpStatusCode.NotFound);
        var geometry = feature["geometry"]!.ToJsonString();
        // Every vertex on the 500 m masking grid's cell edges (cells are centred on multiples of 500 m)...
        Assert.Equal(0L, await database.ScalarAsync<long>($"""
            SELECT count(*) FROM ST_DumpPoints(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON('{geometry}'), 4326), 27700)) p
            WHERE abs(ST_X(p.geom) - 250 - round((ST_X(p.geom) - 250) / 500) * 500) > 0.01
               OR abs(ST_Y(p.geom) - 250 - round((ST_Y(p.geom) - 250) / 500) * 500) > 0.01
            """));
        // ...so against every child-linked report, the area holds its whole cell or none of it, and the centroid tells no more.
        Assert.Equal(0L, await database.ScalarAsync<long>($"""
            WITH g AS (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON('{geometry}'), 4326), 27700) AS area)
            SELECT count(*) FROM intelligence_reports r, g
            WHERE (r.mentions_child OR r.category = 'missing_found_location')
              AND ST_Area(ST_Intersection(g.area, ST_Expand(ST_Transform(r.masking_cell, 27700), 250))) BETWEEN 1 AND 249999
            """));
        Assert.True(await database.ScalarAsync<bool>($"""
            SELECT ST_Contains(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON('{geometry}'), 4326), 27700),
                               ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON('{exact["features"]!.AsArray().Single(f => f!["id"]!.GetValue<Guid>() == many)!["geometry"]!.ToJsonString()}'), 4326), 27700))
            """));
        var centroid = feature["properties"]!["centroid"]!.AsArray().Select(c => c!.GetValue<double>()).ToArray();
        Assert.True(await database.ScalarAsync<bool>($"""
            SELECT ST_DWithin(ST_Transform(ST_SetSRID(ST_MakePoint({HotspotScenario.Number(centroid[0])}, {HotspotScenario.Number(centroid[1])}), 4326), 27700),
                              ST_Centroid(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON('{geometry}'), 4326), 27700)), 0.01)
            """));
    }

    [Fact]
    public async Task An_agency_without_a_sharing_agreement_counts_only_its_own_reports_and_sees_no_hotspot_made_only_of_others()
    {
        var owner = await _scenario.StartAsync("HPS1");
        var unshared = await TestData.CreateAgencyAsync(database.Application, "HPS2");
        await _scenario.AddUniformAsync(owner, 400, 0.86);
        await _scenario.AddClusterAsync(owner, 2210, 1630, 100, 40, 0.87);
        await _scenario.AddClusterAsync(unshared, 2210, 1630, 30, 6, 0.88);
        await _scenario.AddClusterAsync(owner, 800, 800, 100, 40, 0.89);
        var (runId, _) = await _scenario.RunFullAsync();
        var mixed = await HotspotAtAsync(2210, 1630);
        var othersOnly = await HotspotAtAsync(800, 800);
        var ownMembers = await database.ScalarAsync<long>($"""
            SELECT count(*) FROM hotspot_members m JOIN intelligence_reports r ON r.id = m.report_id
            WHERE m.run_id = '{runId}' AND m.hotspot_id = '{mixed}' AND r.agency_id = '{unshared}'
            """);
        var allMembers = await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_members WHERE run_id = '{runId}' AND hotspot_id = '{mixed}'");
        using var reader = database.Application.CreateClient(UserRole.Analyst, unshared);

        var seen = await (await reader.GetAsync("/api/hotspots")).ReadObjectAsync();
        var othersOnlyAnswer = await reader.GetAsync($"/api/hotspots/{othersOnly}");
        var export = await reader.GetStringAsync("/api/exports/hotspots?format=csv");

        Assert.InRange(ownMembers, 1, allMembers - 1);
        var feature = Assert.Single(seen["features"]!.AsArray())!;
        Assert.Equal(mixed, feature["id"]!.GetValue<Guid>());
        var properties = feature["properties"]!;
        Assert.Equal(ownMembers, properties["reportCount"]!.GetValue<int>());
        Assert.Equal(ownMembers, properties["topCategories"]!.AsArray().Sum(c => c!["reports"]!.GetValue<int>()));
        Assert.Equal(await database.ScalarAsync<DateTime>($"SELECT max(occurred_at) FROM intelligence_reports r JOIN hotspot_members m ON m.report_id = r.id WHERE m.run_id = '{runId}' AND m.hotspot_id = '{mixed}' AND r.agency_id = '{unshared}'"),
            properties["lastReportAt"]!.GetValue<DateTime>().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        await othersOnlyAnswer.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(othersOnly.ToString(), export, StringComparison.Ordinal);

        // Once the owner shares with it, it counts every report of both hotspots.
        await TestData.ShareAsync(database.Application, owner, unshared);
        var shared = await (await reader.GetAsync("/api/hotspots")).ReadObjectAsync();
        Assert.Equal(
            new[] { (mixed, allMembers), (othersOnly, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_members WHERE run_id = '{runId}' AND hotspot_id = '{othersOnly}'")) }.Order(),
            shared["features"]!.AsArray().Select(f => (f!["id"]!.GetValue<Guid>(), (long)f["properties"]!["reportCount"]!.GetValue<int>())).Order());
    }

    [Fact]
    public async Task Where_the_partnership_shares_hotspot_areas_a_reader_gets_the_area_and_trend_of_others_hotspots_and_no_counts()
    {
        var owner = await _scenario.StartAsync("HPA1");
        var unshared = await TestData.CreateAgencyAsync(database.Application, "HPA2");
        await _scenario.AddUniformAsync(owner, 400, 0.91);
        await _scenario.AddClusterAsync(owner, 800, 800, 100, 40, 0.92);
        await _scenario.RunFullAsync();
        var othersOnly = await HotspotAtAsync(800, 800);
        using var reader = database.Application.CreateClient(UserRole.TaskingMember, unshared);
        var before = await (await reader.GetAsync("/api/hotspots")).ReadObjectAsync();

        await database.ExecuteAsync("UPDATE partnership_settings SET hotspot_areas_shared = true");
        JsonObject during;
        try
        {
            during = await (await reader.GetAsync("/api/hotspots")).ReadObjectAsync();
        }
        finally
        {
            await database.ExecuteAsync("UPDATE partnership_settings SET hotspot_areas_shared = false");
        }

        Assert.Empty(before["features"]!.AsArray());
        var feature = Assert.Single(during["features"]!.AsArray())!;
        Assert.Equal(othersOnly, feature["id"]!.GetValue<Guid>());
        var properties = feature["properties"]!.AsObject();
        Assert.NotNull(feature["geometry"]);
        Assert.True(properties.ContainsKey("trend"));
        foreach (var count in new[] { "reportCount", "weightedScore", "linkedPersonCount", "linkedVehicleCount", "zScore", "firstReportAt", "lastReportAt" })
        {
            Assert.Null(properties[count]);
        }

        Assert.Empty(properties["topCategories"]!.AsArray());
    }

    [Fact]
    public async Task The_application_login_cannot_read_the_hotspot_tables_exact_areas_or_all_agency_counts()
    {
        var agencyId = await _scenario.StartAsync("HPD1");

        foreach (var sql in new[]
        {
            "SELECT count(*) FROM hotspot_history WHERE report_count > 0",
            "SELECT count(*) FROM hotspot_history WHERE area IS NOT NULL",
            "SELECT count(*) FROM hotspots WHERE report_count > 0",
            "SELECT count(*) FROM hotspots WHERE top_categories IS NOT NULL",
            "SELECT count(*) FROM hotspots WHERE cardinality(premises_ids) > 0",
            "SELECT count(*) FROM hotspots WHERE cardinality(location_ids) > 0",
            "SELECT count(*) FROM hotspot_members",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => database.CountAsSessionAsync(agencyId, "analyst", sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        Assert.Equal(0L, await database.CountAsSessionAsync(agencyId, "analyst", "SELECT count(*) FROM hotspots_seen(NULL, NULL)"));
    }

    /// <summary>Marks the <paramref name="count"/> reports nearest a point (so inside its hotspot) as mentioning a child.</summary>
    private Task MarkChildLinkedAsync(double east, double north, int count) =>
        database.ExecuteAsync($"""
            UPDATE intelligence_reports SET mentions_child = true
            WHERE id IN (SELECT id FROM intelligence_reports
                         ORDER BY ST_Distance(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(east, north)}, 27700)) LIMIT {count})
            """);

    private async Task<Guid> HotspotAtAsync(double east, double north) =>
        await database.ScalarAsync<Guid>($"""
            SELECT h.hotspot_id FROM hotspot_history h
            WHERE h.run_id = published_hotspot_run() AND ST_DWithin(ST_Transform(h.area, 27700), ST_Transform({HotspotScenario.PointSql(east, north)}, 27700), 60)
            ORDER BY ST_Distance(ST_Transform(h.area, 27700), ST_Transform({HotspotScenario.PointSql(east, north)}, 27700)) LIMIT 1
            """);
}
