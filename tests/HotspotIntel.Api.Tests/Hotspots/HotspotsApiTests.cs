using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Hotspots;

/// <summary>The hotspot and run endpoints end to end: the real API on real PostGIS, with each role.</summary>
public sealed class HotspotsApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private readonly HotspotScenario _scenario = new(database);

    [Fact]
    public async Task Every_operational_role_sees_the_latest_run_s_hotspots_as_GeoJSON_and_an_administrator_does_not()
    {
        var agencyId = await _scenario.StartAsync("HSA1");
        await _scenario.AddUniformAsync(agencyId, 400, 0.51);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.52);
        var (runId, _) = await _scenario.RunFullAsync();
        var hotspotId = Assert.Single(await _scenario.CurrentHotspotIdsAsync());

        foreach (var role in new[] { UserRole.TaskingMember, UserRole.LicensingOfficer, UserRole.Analyst, UserRole.Supervisor })
        {
            using var client = database.Application.CreateClient(role, agencyId);
            var collection = await (await client.GetAsync("/api/hotspots")).ReadObjectAsync();
            Assert.Equal("FeatureCollection", collection["type"]!.GetValue<string>());
            var feature = Assert.Single(collection["features"]!.AsArray())!;
            Assert.Equal(hotspotId, feature["id"]!.GetValue<Guid>());
            Assert.Equal("MultiPolygon", feature["geometry"]!["type"]!.GetValue<string>());
            Assert.Equal(runId, feature["properties"]!["runId"]!.GetValue<Guid>());
            Assert.Equal("excess", feature["properties"]!["method"]!.GetValue<string>());
            Assert.False(feature["properties"]!.AsObject().ContainsKey("personIds"));
        }

        using var administrator = database.Application.CreateClient(UserRole.Administrator, null);
        Assert.Equal(HttpStatusCode.Forbidden, (await administrator.GetAsync("/api/hotspots")).StatusCode);
    }

    [Fact]
    public async Task Hotspots_filter_by_trend_score_box_and_run_and_bad_filters_are_named()
    {
        var agencyId = await _scenario.StartAsync("HSA2");
        await _scenario.AddUniformAsync(agencyId, 400, 0.53);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.54);
        var (firstRun, _) = await _scenario.RunFullAsync();
        await _scenario.AddClusterAsync(agencyId, 800, 800, 100, 40, 0.55);
        await _scenario.RunFullAsync();
        using var client = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var trend = (await (await client.GetAsync("/api/hotspots")).ReadObjectAsync())["features"]![0]!["properties"]!["trend"]!.GetValue<string>();
        var score = (await (await client.GetAsync("/api/hotspots")).ReadObjectAsync())["features"]![0]!["properties"]!["weightedScore"]!.GetValue<double>();
        var otherTrend = trend == "historical" ? "new" : "historical";

        Assert.Equal(2, await CountAsync(client, "/api/hotspots"));
        Assert.Equal(1, await CountAsync(client, $"/api/hotspots?runId={firstRun}"));
        Assert.True(await CountAsync(client, $"/api/hotspots?trend={trend}") >= 1);
        Assert.Equal(0, await CountAsync(client, $"/api/hotspots?trend={otherTrend},diminishing"));
        Assert.Equal(1, await CountAsync(client, $"/api/hotspots?minScore={HotspotScenario.Number(score)}"));
        Assert.Equal(0, await CountAsync(client, $"/api/hotspots?minScore={HotspotScenario.Number(score + 1000)}"));
        // A box round the first cluster only (about 250 m each way), and one far outside the city.
        var (lon, lat) = await CentreAsync(2210, 1630);
        Assert.Equal(1, await CountAsync(client, $"/api/hotspots?bbox={Box(lon - 0.004, lat - 0.0025, lon + 0.004, lat + 0.0025)}"));
        Assert.Equal(0, await CountAsync(client, "/api/hotspots?bbox=-2.9,52.1,-2.8,52.2"));

        await (await client.GetAsync("/api/hotspots?trend=hot")).AssertFieldErrorAsync("trend");
        await (await client.GetAsync("/api/hotspots?minScore=-1")).AssertFieldErrorAsync("minScore");
        await (await client.GetAsync("/api/hotspots?bbox=1,2,3")).AssertFieldErrorAsync("bbox");
        await (await client.GetAsync($"/api/hotspots?runId={Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task One_hotspot_shows_its_history_the_premises_you_may_see_and_no_identities()
    {
        var agencyId = await _scenario.StartAsync("HSA3");
        var otherAgencyId = await TestData.CreateAgencyAsync(database.Application, "HSA3B");
        await _scenario.AddUniformAsync(agencyId, 400, 0.56);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.57);
        var sharedPremises = await AddPremisesAsync(agencyId, "Synthetic Example Grill", "P");
        var otherAgencyPremises = await AddPremisesAsync(otherAgencyId, "Synthetic Unshared Hotel", "C");
        await _scenario.RunFullAsync();
        await _scenario.RunFullAsync();
        var hotspotId = Assert.Single(await _scenario.CurrentHotspotIdsAsync());
        using var client = database.Application.CreateClient(UserRole.LicensingOfficer, agencyId);

        var feature = await (await client.GetAsync($"/api/hotspots/{hotspotId}")).ReadObjectAsync();

        var detail = feature["properties"]!;
        Assert.True(detail["isCurrent"]!.GetValue<bool>());
        Assert.Equal(2, detail["history"]!.AsArray().Count);
        Assert.Equal(2, await database.ScalarAsync<int>($"SELECT cardinality(premises_ids) FROM hotspots WHERE id = '{hotspotId}'"));
        var premises = Assert.Single(detail["premises"]!.AsArray())!;
        Assert.Equal(sharedPremises, premises["id"]!.GetValue<Guid>());
        Assert.DoesNotContain(otherAgencyPremises.ToString(), feature.ToJsonString());
        Assert.DoesNotContain("Synthetic-", feature.ToJsonString());
        await (await client.GetAsync($"/api/hotspots/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_hotspot_s_history_comes_a_page_of_the_newest_runs_at_a_time_and_a_bad_limit_or_cursor_is_named()
    {
        var agencyId = await _scenario.StartAsync("HSP1");
        await _scenario.AddUniformAsync(agencyId, 400, 0.58);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.59);
        var runs = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add((await _scenario.RunFullAsync()).RunId);
        }

        var hotspotId = Assert.Single(await _scenario.CurrentHotspotIdsAsync());
        using var client = database.Application.CreateClient(UserRole.Analyst, agencyId);

        var newest = (await (await client.GetAsync($"/api/hotspots/{hotspotId}?limit=2")).ReadObjectAsync())["properties"]!;
        Assert.Equal(runs[1..], RunIds(newest));
        Assert.Equal(runs[2], newest["latest"]!["runId"]!.GetValue<Guid>());
        var cursor = newest["nextCursor"]!.GetValue<string>();
        var older = (await (await client.GetAsync($"/api/hotspots/{hotspotId}?limit=2&cursor={cursor}")).ReadObjectAsync())["properties"]!;
        Assert.Equal(runs[..1], RunIds(older));
        Assert.Null(older["nextCursor"]);
        // Whichever page is asked for, the hotspot is the one the published run shows.
        Assert.Equal(runs[2], older["latest"]!["runId"]!.GetValue<Guid>());
        var whole = (await (await client.GetAsync($"/api/hotspots/{hotspotId}")).ReadObjectAsync())["properties"]!;
        Assert.Equal(runs, RunIds(whole));
        Assert.Null(whole["nextCursor"]);

        // An analyst's trial that found the same hotspot is in the history of those who may read it, and in no page or
        // cursor of a tasking member's.
        var trial = (await (await client.PostAsJsonAsync("/api/hotspot-runs", new { })).ReadObjectAsync())["id"]!.GetValue<Guid>();
        await _scenario.RunAsync(trial);
        Assert.Contains(hotspotId, await _scenario.HotspotIdsOfRunAsync(trial));
        Assert.Equal([.. runs, trial], RunIds((await (await client.GetAsync($"/api/hotspots/{hotspotId}")).ReadObjectAsync())["properties"]!));
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var seenByMember = new List<Guid>();
        for (var page = $"/api/hotspots/{hotspotId}?limit=1"; ;)
        {
            var properties = (await (await taskingMember.GetAsync(page)).ReadObjectAsync())["properties"]!;
            seenByMember.InsertRange(0, RunIds(properties));
            if (properties["nextCursor"]?.GetValue<string>() is not { } next)
            {
                break;
            }

            Assert.NotEqual(KeysetCursor.Encode(trial), next);
            page = $"/api/hotspots/{hotspotId}?limit=1&cursor={next}";
        }

        Assert.Equal(runs, seenByMember);

        await (await client.GetAsync($"/api/hotspots/{hotspotId}?limit=0")).AssertFieldErrorAsync("limit");
        await (await client.GetAsync($"/api/hotspots/{hotspotId}?limit=1001")).AssertFieldErrorAsync("limit");
        await (await client.GetAsync($"/api/hotspots/{hotspotId}?cursor=not-a-cursor")).AssertFieldErrorAsync("cursor");
        await (await client.GetAsync($"/api/hotspots/{hotspotId}?limit=ten")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/hotspots/{hotspotId}?limit=99999999999")).AssertProblemAsync(HttpStatusCode.BadRequest);

        static List<Guid> RunIds(JsonNode detail) => [.. detail["history"]!.AsArray().Select(entry => entry!["runId"]!.GetValue<Guid>())];
    }

    [Fact]
    public async Task An_analyst_starts_a_run_follows_it_to_success_and_a_tasking_member_may_not_start_one()
    {
        var agencyId = await _scenario.StartAsync("HSA4");
        await _scenario.AddUniformAsync(agencyId, 400, 0.58);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.59);
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, agencyId);

        var response = await analyst.PostAsJsonAsync("/api/hotspot-runs", new { method = "kde", parameters = new { bandwidthMeters = 200, halfLifeDays = 60 } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = await response.ReadObjectAsync();
        var runId = queued["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/hotspot-runs/{runId}", response.Headers.Location!.OriginalString);
        Assert.Equal("queued", queued["status"]!.GetValue<string>());
        Assert.Equal(200, queued["parameters"]!["bandwidthMeters"]!.GetValue<double>());
        Assert.Equal((decimal)new HotspotOptions().Parameters.CellSizeMeters,
            await database.ScalarAsync<decimal>($"SELECT (parameters ->> 'cellSizeMeters')::numeric FROM hotspot_runs WHERE id = '{runId}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%RunHotspotAnalysisJob%' AND arguments::text LIKE '%{runId}%'"));

        await _scenario.RunAsync(runId);
        // An analyst's run is a trial until published: its author follows it, a tasking member does not see it.
        var finished = await (await analyst.GetAsync(response.Headers.Location)).ReadObjectAsync();
        await (await taskingMember.GetAsync(response.Headers.Location)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("succeeded", finished["status"]!.GetValue<string>());
        Assert.Equal("kde", finished["method"]!.GetValue<string>());
        Assert.Equal(1, finished["hotspotCount"]!.GetValue<int>());
        Assert.Equal(440, finished["reportCount"]!.GetValue<int>());
        var runs = await (await analyst.GetAsync("/api/hotspot-runs?limit=10")).ReadObjectAsync();
        Assert.Equal(runId, runs["items"]![0]!["id"]!.GetValue<Guid>());

        Assert.Equal(HttpStatusCode.Forbidden, (await taskingMember.PostAsJsonAsync("/api/hotspot-runs", new { method = "gistar" })).StatusCode);
        await (await taskingMember.GetAsync($"/api/hotspot-runs/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_run_with_bad_parameters_is_refused_naming_each_one_and_nothing_is_queued()
    {
        await _scenario.StartAsync("HSA5");
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, await TestData.CreateAgencyAsync(database.Application, "HSA5B"));

        var outOfRange = await supervisor.PostAsJsonAsync("/api/hotspot-runs", new { parameters = new { cellSizeMeters = 0, confidencePercent = 80 } });
        var unknownMethod = await supervisor.PostAsJsonAsync("/api/hotspot-runs", new { method = "hdbscan" });
        var inTheFuture = await supervisor.PostAsJsonAsync("/api/hotspot-runs", new { asOf = DateTimeOffset.UtcNow.AddDays(1) });
        var notADate = await supervisor.PostAsJsonAsync("/api/hotspot-runs", new { asOf = "yesterday" });
        var unknownParameter = await supervisor.PostAsJsonAsync("/api/hotspot-runs", new { parameters = new { cellSize = 100 } });
        var wrongType = await supervisor.PostAsJsonAsync("/api/hotspot-runs", new { parameters = new { minPoints = "five" } });

        await outOfRange.AssertFieldErrorAsync("parameters.cellSizeMeters");
        await outOfRange.AssertFieldErrorAsync("parameters.confidencePercent");
        Assert.Contains("gistar, kde, dbscan", await unknownMethod.AssertFieldErrorAsync("$.method"));
        Assert.Contains("after now", await inTheFuture.AssertFieldErrorAsync("asOf"));
        await notADate.AssertProblemAsync(HttpStatusCode.BadRequest);
        await unknownParameter.AssertProblemAsync(HttpStatusCode.BadRequest);
        await wrongType.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM hotspot_runs"));
    }

    [Fact]
    public async Task An_analyst_s_run_uses_local_excess_by_default_counts_from_its_date_and_shows_the_analysis_warnings()
    {
        var agencyId = await _scenario.StartAsync("HSA7");
        await _scenario.AddUniformAsync(agencyId, 400, 0.66);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 60, 0.67, maxDaysAgo: 20);
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var asOf = DateTimeOffset.UtcNow.AddDays(-10);
        asOf = new DateTimeOffset(asOf.UtcTicks - asOf.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

        var response = await analyst.PostAsJsonAsync("/api/hotspot-runs", new { asOf });
        var queued = await response.ReadObjectAsync();
        var runId = queued["id"]!.GetValue<Guid>();
        await _scenario.RunAsync(runId);
        var finished = await (await analyst.GetAsync(response.Headers.Location)).ReadObjectAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("excess", queued["method"]!.GetValue<string>());
        Assert.Equal(asOf, queued["asOf"]!.GetValue<DateTimeOffset>());
        Assert.Equal("succeeded", finished["status"]!.GetValue<string>());
        Assert.Equal(asOf, finished["asOf"]!.GetValue<DateTimeOffset>());
        Assert.Contains("reports_after_as_of", finished["warnings"]!.AsArray().Select(w => w!["kind"]!.GetValue<string>()));
        Assert.All(finished["warnings"]!.AsArray(), w => Assert.False(string.IsNullOrWhiteSpace(w!["message"]!.GetValue<string>())));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspots WHERE latest_run_id = '{runId}' AND method <> 'excess'"));
        Assert.True(await database.ScalarAsync<long>($"SELECT count(*) FROM hotspots WHERE latest_run_id = '{runId}'") > 0);
    }

    [Fact]
    public async Task A_scheduled_run_is_dated_when_it_starts_and_has_no_warning_about_later_reports()
    {
        var agencyId = await _scenario.StartAsync("HSA8");
        await _scenario.AddUniformAsync(agencyId, 400, 0.68);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.69);

        var (runId, status) = await _scenario.RunFullAsync();

        Assert.Equal(HotspotIntel.Core.Hotspots.HotspotRunStatus.Succeeded, status);
        Assert.True(await database.ScalarAsync<bool>($"SELECT as_of = started_at FROM hotspot_runs WHERE id = '{runId}'"));
        Assert.False(await database.ScalarAsync<bool>($"SELECT warnings @> '[{{\"kind\": \"reports_after_as_of\"}}]' FROM hotspot_runs WHERE id = '{runId}'"));
    }

    [Fact]
    public async Task An_analyst_s_run_is_a_trial_that_changes_nothing_shared_until_it_is_published_and_a_scheduled_run_publishes_itself()
    {
        var agencyId = await _scenario.StartAsync("HSA9");
        await _scenario.AddUniformAsync(agencyId, 400, 0.71);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.72);
        var (scheduled, _) = await _scenario.RunFullAsync();
        var publishedHotspot = Assert.Single(await _scenario.CurrentHotspotIdsAsync());
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var trial = (await (await analyst.PostAsJsonAsync("/api/hotspot-runs", new { parameters = new { cellSizeMeters = 70 } })).ReadObjectAsync())["id"]!.GetValue<Guid>();
        await _scenario.RunAsync(trial);

        var sharedDuringTrial = await (await taskingMember.GetAsync("/api/hotspots")).ReadObjectAsync();
        var trialForAnalyst = await analyst.GetAsync($"/api/hotspots?runId={trial}");
        var trialForTaskingMember = await taskingMember.GetAsync($"/api/hotspots?runId={trial}");
        var trialRunForTaskingMember = await taskingMember.GetAsync($"/api/hotspot-runs/{trial}");
        var publishedRowRun = await database.ScalarAsync<Guid>($"SELECT latest_run_id FROM hotspots WHERE id = '{publishedHotspot}'");
        var byTaskingMember = await taskingMember.PostAsync($"/api/hotspot-runs/{trial}/publication", null);
        var publication = await analyst.PostAsync($"/api/hotspot-runs/{trial}/publication", null);
        var sharedAfter = await (await taskingMember.GetAsync("/api/hotspots")).ReadObjectAsync();

        Assert.NotNull(await database.ScalarAsync<DateTime?>($"SELECT published_at FROM hotspot_runs WHERE id = '{scheduled}'"));
        Assert.All(sharedDuringTrial["features"]!.AsArray(), f => Assert.Equal(scheduled, f!["properties"]!["runId"]!.GetValue<Guid>()));
        Assert.Equal(HttpStatusCode.OK, trialForAnalyst.StatusCode);
        await trialForTaskingMember.AssertProblemAsync(HttpStatusCode.NotFound);
        await trialRunForTaskingMember.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(scheduled, publishedRowRun);
        Assert.Equal(HttpStatusCode.Forbidden, byTaskingMember.StatusCode);
        Assert.Equal(HttpStatusCode.OK, publication.StatusCode);
        Assert.NotNull((await publication.ReadObjectAsync())["publishedAt"]);
        Assert.All(sharedAfter["features"]!.AsArray(), f => Assert.Equal(trial, f!["properties"]!["runId"]!.GetValue<Guid>()));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE entity_kind = 'hotspot_run' AND entity_id = '{trial}' AND action = 'alteration'"));
    }

    [Fact]
    public async Task Only_a_succeeded_run_can_be_published()
    {
        var agencyId = await _scenario.StartAsync("HSA10");
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        var queued = (await (await supervisor.PostAsJsonAsync("/api/hotspot-runs", new { })).ReadObjectAsync())["id"]!.GetValue<Guid>();

        await (await supervisor.PostAsync($"/api/hotspot-runs/{queued}/publication", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await supervisor.PostAsync($"/api/hotspot-runs/{Guid.NewGuid()}/publication", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Null(await database.ScalarAsync<DateTime?>($"SELECT published_at FROM hotspot_runs WHERE id = '{queued}'"));
    }

    [Fact]
    public async Task Changes_since_an_earlier_run_list_hotspots_new_grown_and_gone()
    {
        var agencyId = await _scenario.StartAsync("HSA6");
        await _scenario.AddUniformAsync(agencyId, 400, 0.61);
        await _scenario.AddClusterAsync(agencyId, 1000, 1000, 60, 40, 0.62);
        await _scenario.AddClusterAsync(agencyId, 3000, 3000, 80, 40, 0.63);
        var (firstRun, _) = await _scenario.RunFullAsync();
        var before = await _scenario.CurrentHotspotIdsAsync();
        var grown = await HotspotAtAsync(1000, 1000);
        var gone = await HotspotAtAsync(3000, 3000);
        // Scattered rather than deleted: the first run's hotspot keeps the reports it was made of, as readers count them.
        await database.ExecuteAsync($"""
            UPDATE intelligence_reports SET location = ST_Transform(ST_SetSRID(ST_MakePoint(
                {HotspotScenario.Number(HotspotScenario.West)} + random() * 4000, {HotspotScenario.Number(HotspotScenario.South)} + random() * 4000), 27700), 4326)
            WHERE ST_DWithin(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(3000, 3000)}, 27700), 81)
            """);
        await _scenario.AddClusterAsync(agencyId, 1000, 1000, 250, 200, 0.64);
        await _scenario.AddClusterAsync(agencyId, 1000, 3000, 80, 40, 0.65);
        var (secondRun, _) = await _scenario.RunFullAsync();
        var added = await HotspotAtAsync(1000, 3000);
        using var client = database.Application.CreateClient(UserRole.TaskingMember, agencyId);

        var changes = await (await client.GetAsync($"/api/hotspot-runs/{secondRun}/changes?since={firstRun}")).ReadObjectAsync();
        var byDefault = await (await client.GetAsync($"/api/hotspot-runs/{secondRun}/changes")).ReadObjectAsync();

        Assert.Equal(2, before.Count);
        Assert.Equal([added], Ids(changes["new"]));
        Assert.Equal([grown], Ids(changes["grown"]));
        Assert.Empty(Ids(changes["shrunk"]));
        Assert.Equal([gone], Ids(changes["gone"]));
        Assert.Equal(firstRun, byDefault["sinceRunId"]!.GetValue<Guid>());
        await (await client.GetAsync($"/api/hotspot-runs/{firstRun}/changes?since={secondRun}")).AssertFieldErrorAsync("since");
        await (await client.GetAsync($"/api/hotspot-runs/{secondRun}/changes?since={Guid.NewGuid()}")).AssertFieldErrorAsync("since");
        await (await client.GetAsync($"/api/hotspot-runs/{Guid.NewGuid()}/changes")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static List<Guid> Ids(JsonNode? changes) => [.. changes!.AsArray().Select(change => change!["hotspotId"]!.GetValue<Guid>())];

    private async Task<Guid> HotspotAtAsync(double east, double north) =>
        await database.ScalarAsync<Guid>($"""
            SELECT h.id FROM hotspots h
            WHERE h.latest_run_id = ({PublishedHotspotRun.IdSql})
              AND ST_Contains(h.area, {HotspotScenario.PointSql(east, north)})
            """);

    private static async Task<int> CountAsync(HttpClient client, string url) =>
        (await (await client.GetAsync(url)).ReadObjectAsync())["features"]!.AsArray().Count;

    private async Task<(double Longitude, double Latitude)> CentreAsync(double east, double north) => (
        await database.ScalarAsync<double>($"SELECT ST_X({HotspotScenario.PointSql(east, north)})"),
        await database.ScalarAsync<double>($"SELECT ST_Y({HotspotScenario.PointSql(east, north)})"));

    private static string Box(double minLon, double minLat, double maxLon, double maxLat) =>
        string.Join(",", new[] { minLon, minLat, maxLon, maxLat }.Select(HotspotScenario.Number));

    private async Task<Guid> AddPremisesAsync(Guid agencyId, string name, string handlingCode)
    {
        var id = Guid.CreateVersion7();
        var conditions = handlingCode == "C" ? "'Police only: synthetic test condition'" : "NULL";
        await database.ExecuteAsync($"""
            INSERT INTO premises (id, agency_id, name, premises_type, address, location, handling_code, handling_conditions, security_marking, lawful_basis, review_on, created_at, updated_at)
            VALUES ('{id}', '{agencyId}', '{name}', 'hotel', '1 Example Street', {HotspotScenario.PointSql(2210, 1630)},
                    '{handlingCode}', {conditions}, 'OFFICIAL', 'law_enforcement', current_date + 365, now(), now())
            """);
        return id;
    }
}
