using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.DisruptionActions;

/// <summary>
/// The impact of disruption actions end to end (issue 15 §3): synthetic reports round a target with a known change,
/// counted by the API under the caller's row-level security and judged by difference in differences.
/// </summary>
public sealed class ActionImpactApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // The action starts 10 weeks before today; windows of 70 days hold 10 weekly bins each side.
    private const int Weeks = 10;
    private static readonly DateOnly Start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7 * Weeks);
    private const string Query = "?windowDays=70&ringMetres=250&comparisonMetres=1000&targetRadiusMetres=150";

    // Metres east of a premises: in its 150 m target, in the ring (150–400 m from it), in the comparison (400–1150 m).
    private const double InTarget = 40, InRing = 275, InComparison = 700;

    [Fact]
    public async Task A_halving_at_a_premises_and_none_around_it_is_estimated_near_minus_50_percent_with_an_interval_below_no_change()
    {
        var (agencyId, analyst) = await database.SignInAsync("AIM1");
        var (lon, lat) = Place(1);
        var action = await PremisesActionAsync(analyst, agencyId, lon, lat, done: true);
        await AddReportsAsync(agencyId, lon, lat, InTarget, 20, 10);
        await AddReportsAsync(agencyId, lon, lat, InRing, 10, 10);
        await AddReportsAsync(agencyId, lon, lat, InComparison, 20, 20);

        var impact = await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact{Query}")).ReadObjectAsync();
        var assessment = impact["assessment"]!;
        var estimate = assessment["estimate"]!;
        var percent = PercentChange(estimate["logRateRatio"]!.GetValue<double>());

        Assert.True(impact["assessable"]!.GetValue<bool>());
        Assert.Equal("reduced", assessment["verdict"]!.GetValue<string>());
        Assert.InRange(percent, -60, -40);
        Assert.True(estimate["upper"]!.GetValue<double>() < 1, estimate.ToJsonString());
        Assert.Equal((200, 100, 200, 200), Totals(assessment));
        Assert.Equal(2 * Weeks, impact["series"]!.AsArray().Count);
        Assert.Equal(100, impact["series"]!.AsArray().Where(b => b!["window"]!.GetValue<string>() == "before").Sum(b => b!["ring"]!.GetValue<int>()));
        Assert.NotEqual("displacement", assessment["displacement"]!["verdict"]!.GetValue<string>());
        Assert.Equal(150, impact["targetRadiusMetres"]!.GetValue<double>());

        // The per-tactic summary pools this done action: the only one this agency may read.
        var tactics = (await (await analyst.GetAsync("/api/disruption-actions/impact-by-tactic?windowDays=70")).ReadObjectAsync())["tactics"]!.AsArray();
        var patrols = Assert.Single(tactics)!;
        Assert.Equal("patrols", patrols["tacticCode"]!.GetValue<string>());
        Assert.Equal(1, patrols["actions"]!.GetValue<int>());
        Assert.Equal(1, patrols["verdicts"]!["reduced"]!.GetValue<int>());
        Assert.Equal("reduced", patrols["pooledVerdict"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_change_gives_an_interval_that_includes_no_change()
    {
        var (agencyId, analyst) = await database.SignInAsync("AIM2");
        var (lon, lat) = Place(2);
        var action = await PremisesActionAsync(analyst, agencyId, lon, lat);
        await AddReportsAsync(agencyId, lon, lat, InTarget, 20, 20);
        await AddReportsAsync(agencyId, lon, lat, InRing, 10, 10);
        await AddReportsAsync(agencyId, lon, lat, InComparison, 20, 20);

        var estimate = (await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact{Query}")).ReadObjectAsync())["assessment"]!["estimate"]!;

        Assert.True(estimate["lower"]!.GetValue<double>() < 1 && estimate["upper"]!.GetValue<double>() > 1, estimate.ToJsonString());
    }

    [Fact]
    public async Task Too_few_reports_are_reported_as_such_and_a_person_has_no_place_to_assess()
    {
        var (agencyId, analyst) = await database.SignInAsync("AIM3");
        var (lon, lat) = Place(3);
        var action = await PremisesActionAsync(analyst, agencyId, lon, lat);
        await AddReportsAsync(agencyId, lon, lat, InTarget, 0, 0, extraBefore: 3, extraAfter: 2);
        await AddReportsAsync(agencyId, lon, lat, InComparison, 20, 20);
        var person = await analyst.CreateAsync("/api/persons", EntityTestData.Person(givenNames: "Gamma Example"));
        var cawn = await analyst.CreateAsync("/api/disruption-actions",
            EntityTestData.DisruptionAction("person", person, agencyId, "child_abduction_warning_notice_under_16"));

        var tooFew = (await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact{Query}")).ReadObjectAsync())["assessment"]!;
        var personal = await (await analyst.GetAsync($"/api/disruption-actions/{cawn}/impact")).ReadObjectAsync();

        Assert.Equal("insufficient_data", tooFew["verdict"]!.GetValue<string>());
        Assert.Null(tooFew["estimate"]);
        Assert.Equal((3, 2), (tooFew["targetBefore"]!.GetValue<int>(), tooFew["targetAfter"]!.GetValue<int>()));
        Assert.False(personal["assessable"]!.GetValue<bool>());
        Assert.Null(personal["assessment"]);
        Assert.Contains("person", personal["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_moving_into_the_ring_are_detected_as_displacement()
    {
        var (agencyId, analyst) = await database.SignInAsync("AIM4");
        var (lon, lat) = Place(4);
        var action = await PremisesActionAsync(analyst, agencyId, lon, lat);
        await AddReportsAsync(agencyId, lon, lat, InTarget, 20, 10);
        await AddReportsAsync(agencyId, lon, lat, InRing, 10, 25);
        await AddReportsAsync(agencyId, lon, lat, InComparison, 20, 20);

        var displacement = (await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact{Query}")).ReadObjectAsync())["assessment"]!["displacement"]!;

        Assert.Equal("displacement", displacement["verdict"]!.GetValue<string>());
        Assert.Equal((100, 250), (displacement["ringBefore"]!.GetValue<int>(), displacement["ringAfter"]!.GetValue<int>()));
        Assert.True(displacement["weightedDisplacementQuotient"]!.GetValue<double>() < 0);
    }

    [Fact]
    public async Task An_action_on_a_published_hotspot_is_counted_in_the_hotspots_area()
    {
        var (agencyId, analyst) = await database.SignInAsync("AIM5");
        var (lon, lat) = Place(5);
        var hotspot = Guid.NewGuid();
        // The run's own 12 reports at the centre, 3 days ago, fall in the target's last after bin.
        await database.AddSucceededRunAsync(agencyId, 5, new HotspotRows.Disc(hotspot, lon, lat, 200, "persistent", 30));
        var body = Dated(EntityTestData.DisruptionAction("hotspot", hotspot, agencyId));
        var action = await analyst.CreateAsync("/api/disruption-actions", body);
        // Beyond the hotspot's 200 m: the ring to 450 m from the centre, the comparison to 1200 m.
        await AddReportsAsync(agencyId, lon, lat, 120, 20, 10);
        await AddReportsAsync(agencyId, lon, lat, 800, 20, 20);

        var impact = await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact{Query}")).ReadObjectAsync();
        var assessment = impact["assessment"]!;

        Assert.Null(impact["targetRadiusMetres"]);
        Assert.Equal((200, 112, 200, 200), Totals(assessment));
        Assert.Equal("reduced", assessment["verdict"]!.GetValue<string>());
        Assert.True(assessment["estimate"]!["upper"]!.GetValue<double>() < 1);
    }

    [Fact]
    public async Task An_action_on_a_hotspot_the_published_run_no_longer_holds_is_counted_in_its_area_in_the_latest_run_that_held_it()
    {
        var (agencyId, analyst) = await database.SignInAsync("AIM14");
        var (lon, lat) = Place(14);
        var hotspot = Guid.NewGuid();
        // Two runs held the hotspot, the later one larger, and the action was recorded on it; the run published after
        // holds another, far away.
        await database.AddSucceededRunAsync(agencyId, 20, new HotspotRows.Disc(hotspot, lon, lat, 100, "persistent", 30));
        await database.AddSucceededRunAsync(agencyId, 10, new HotspotRows.Disc(hotspot, lon, lat, 200, "persistent", 30));
        var body = Dated(EntityTestData.DisruptionAction("hotspot", hotspot, agencyId));
        var action = await analyst.CreateAsync("/api/disruption-actions", body);
        var (elsewhereLon, elsewhereLat) = Place(16);
        await database.AddSucceededRunAsync(agencyId, 5, new HotspotRows.Disc(Guid.NewGuid(), elsewhereLon, elsewhereLat, 200, "persistent", 30));
        // As for a published hotspot: the ring to 450 m from the centre, the comparison to 1200 m, beyond its 200 m.
        await AddReportsAsync(agencyId, lon, lat, 120, 20, 10);
        await AddReportsAsync(agencyId, lon, lat, 800, 20, 20);

        var impact = await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact{Query}")).ReadObjectAsync();
        var assessment = impact["assessment"]!;

        // The 24 reports of the two runs at the centre fall in the target's after window.
        Assert.Equal((200, 124, 200, 200), Totals(assessment));
        Assert.Equal("reduced", assessment["verdict"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_caller_who_may_not_read_the_action_gets_404_and_one_who_may_read_fewer_reports_counts_fewer()
    {
        var (agencyId, analyst) = await database.SignInAsync("AIM6");
        var (partnerId, partner) = await database.SignInAsync("AIM7");
        var (_, stranger) = await database.SignInAsync("AIM8");
        await TestData.ShareAsync(database.Application, agencyId, partnerId);
        var (lon, lat) = Place(6);
        var action = await PremisesActionAsync(analyst, agencyId, lon, lat);
        await AddReportsAsync(agencyId, lon, lat, InTarget, 20, 10);
        // Not shared with partners (handling code C): the owner counts these, the partner does not.
        await AddReportsAsync(agencyId, lon, lat, InTarget, 15, 15, handlingCode: "C");
        await AddReportsAsync(agencyId, lon, lat, InComparison, 20, 20);

        var own = (await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact{Query}")).ReadObjectAsync())["assessment"]!;
        var shared = (await (await partner.GetAsync($"/api/disruption-actions/{action}/impact{Query}")).ReadObjectAsync())["assessment"]!;

        await (await stranger.GetAsync($"/api/disruption-actions/{action}/impact")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal((350, 250, 200, 200), Totals(own));
        Assert.Equal((200, 100, 200, 200), Totals(shared));
    }

    [Fact]
    public async Task A_window_or_ring_out_of_range_is_a_400_naming_the_parameter()
    {
        var (agencyId, analyst) = await database.SignInAsync("AIM9");
        var (lon, lat) = Place(7);
        var action = await PremisesActionAsync(analyst, agencyId, lon, lat);

        await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact?windowDays=3")).AssertFieldErrorAsync("windowDays");
        await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact?ringMetres=9000")).AssertFieldErrorAsync("ringMetres");
        await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact?ringMetres=300&comparisonMetres=200")).AssertFieldErrorAsync("comparisonMetres");
        await (await analyst.GetAsync("/api/disruption-actions/impact-by-tactic?windowDays=1000")).AssertFieldErrorAsync("windowDays");
        await (await analyst.GetAsync($"/api/disruption-actions/{Guid.NewGuid()}/impact")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Each_area_ends_at_its_distance_in_metres_in_every_direction()
    {
        var (agencyId, analyst) = await database.SignInAsync("AIM10");
        var (lon, lat) = Place(8);
        var action = await PremisesActionAsync(analyst, agencyId, lon, lat, done: true);

        // Two metres either side of each edge (150 m, 400 m and 1,150 m from the premises), in four directions.
        string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var at = Start.AddDays(-4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await database.ExecuteAsync($"""
            INSERT INTO intelligence_reports (id, agency_id, category, narrative, occurred_at, recorded_at, location, location_precision_meters,
                source_evaluation, intelligence_assessment, handling_code, security_marking, lawful_basis, review_on, created_at, updated_at)
            SELECT gen_random_uuid(), '{agencyId}', 'party_house', 'Synthetic: a report at an edge', '{at}'::timestamptz, now(),
                   ST_Transform(ST_Translate(ST_Transform(ST_SetSRID(ST_MakePoint({N(lon)}, {N(lat)}), 4326), 27700),
                                             d * cos(radians(b)), d * sin(radians(b))), 4326),
                   10, '2', 'B', 'P', 'OFFICIAL', 'law_enforcement', current_date + 365, now(), now()
            FROM unnest(ARRAY[148, 152, 398, 402, 1148, 1152]) d, unnest(ARRAY[0, 45, 100, 233]) b
            """);

        var impact = await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact{Query}")).ReadObjectAsync();
        var before = impact["series"]!.AsArray().Where(b => b!["window"]!.GetValue<string>() == "before").ToList();

        Assert.Equal(4, before.Sum(b => b!["target"]!.GetValue<int>()));
        Assert.Equal(8, before.Sum(b => b!["ring"]!.GetValue<int>()));
        Assert.Equal(8, before.Sum(b => b!["comparison"]!.GetValue<int>()));
    }

    // Matched areas are copies of the 150 m target moved by whole steps of its 300 m width (3,000 m / 25 is less).
    private const string Matched = "?windowDays=70&ringMetres=250&targetRadiusMetres=150&comparison=matched&matchRadiusMetres=3000";

    [Fact]
    public async Task Against_matched_areas_without_action_a_halving_is_estimated_near_minus_50_percent_and_areas_with_action_or_unlike_ones_are_not_chosen()
    {
        var (agencyId, analyst) = await database.SignInAsync("AIM11");
        var (lon, lat) = Place(9);
        var action = await PremisesActionAsync(analyst, agencyId, lon, lat, done: true);
        await AddReportsAsync(agencyId, lon, lat, InTarget, 20, 10);
        // Alike before, steady after: 2,100 m east and west (seven steps).
        await AddReportsAsync(agencyId, lon, lat, 2100, 20, 20);
        await AddReportsAsync(agencyId, lon, lat, -2100, 20, 20);
        // Alike before, but another action was taken there while the windows ran.
        await AddReportsAsync(agencyId, lon, lat, 0, 20, 20, northMetres: 2100);
        var (actedLon, actedLat) = await OffsetAsync(lon, lat, 0, 2100);
        await PremisesActionAsync(analyst, agencyId, actedLon, actedLat, done: true);
        // Unlike before (a quarter of the target's level), though it rose after as the target fell.
        await AddReportsAsync(agencyId, lon, lat, 0, 5, 20, northMetres: -2400);
        // Alike before, but within the target's ring: never a comparison for it.
        await AddReportsAsync(agencyId, lon, lat, InRing, 20, 20);

        var impact = await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact{Matched}&matchedAreas=2")).ReadObjectAsync();
        var assessment = impact["assessment"]!;
        var estimate = assessment["estimate"]!;
        var areas = impact["matchedAreas"]!.AsArray();

        Assert.Equal("matched", impact["comparison"]!.GetValue<string>());
        Assert.Null(impact["comparisonMetres"]);
        Assert.Equal(3000, impact["matchRadiusMetres"]!.GetValue<double>());
        Assert.Equal(2, areas.Count);
        Assert.All(areas, area => Assert.Equal((200, 200), (area!["before"]!.GetValue<int>(), area["after"]!.GetValue<int>())));
        Assert.All(areas, area => Assert.InRange(area!["distanceMetres"]!.GetValue<double>(), 2099, 2101));
        Assert.All(areas, area => Assert.InRange(area!["latitude"]!.GetValue<double>(), lat - 0.002, lat + 0.002));
        Assert.Equal((200, 100, 400, 400), Totals(assessment));
        Assert.Equal(400, impact["series"]!.AsArray().Where(b => b!["window"]!.GetValue<string>() == "after").Sum(b => b!["comparison"]!.GetValue<int>()));
        Assert.Equal("reduced", assessment["verdict"]!.GetValue<string>());
        Assert.InRange(PercentChange(estimate["logRateRatio"]!.GetValue<double>()), -60, -40);
        Assert.True(estimate["upper"]!.GetValue<double>() < 1, estimate.ToJsonString());
    }

    [Fact]
    public async Task Against_matched_areas_no_change_includes_no_change_and_no_area_with_reports_is_reported_as_too_little_data()
    {
        var (agencyId, analyst) = await database.SignInAsync("AIM12");
        var (lon, lat) = Place(10);
        var action = await PremisesActionAsync(analyst, agencyId, lon, lat);
        await AddReportsAsync(agencyId, lon, lat, InTarget, 20, 20);

        var alone = (await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact{Matched}")).ReadObjectAsync())["assessment"]!;

        await AddReportsAsync(agencyId, lon, lat, 1800, 18, 18);
        await AddReportsAsync(agencyId, lon, lat, 0, 22, 22, northMetres: 1500);
        var estimate = (await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact{Matched}")).ReadObjectAsync())["assessment"]!["estimate"]!;

        Assert.Equal("insufficient_data", alone["verdict"]!.GetValue<string>());
        Assert.Null(alone["estimate"]);
        Assert.True(estimate["lower"]!.GetValue<double>() < 1 && estimate["upper"]!.GetValue<double>() > 1, estimate.ToJsonString());
    }

    [Fact]
    public async Task A_comparison_or_matching_parameter_out_of_range_is_a_400_naming_it()
    {
        var (agencyId, analyst) = await database.SignInAsync("AIM13");
        var (lon, lat) = Place(0);
        var action = await PremisesActionAsync(analyst, agencyId, lon, lat);

        await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact?comparison=nearby")).AssertFieldErrorAsync("comparison");
        await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact?comparison=matched&matchedAreas=0")).AssertFieldErrorAsync("matchedAreas");
        await (await analyst.GetAsync($"/api/disruption-actions/{action}/impact?comparison=matched&matchRadiusMetres=500")).AssertFieldErrorAsync("matchRadiusMetres");
        await (await analyst.GetAsync("/api/disruption-actions/impact-by-tactic?comparison=matched&matchedAreas=21")).AssertFieldErrorAsync("matchedAreas");
    }

    /// <summary>A place of its own for each test, 5.5 km apart, so no test counts another's reports.</summary>
    private static (double Longitude, double Latitude) Place(int index) => (TestData.CentreLongitude, TestData.CentreLatitude + (0.05 * index));

    private static double PercentChange(double logRateRatio) => (Math.Exp(logRateRatio) - 1) * 100;

    private static (int, int, int, int) Totals(JsonNode assessment) => (assessment["targetBefore"]!.GetValue<int>(), assessment["targetAfter"]!.GetValue<int>(),
        assessment["comparisonBefore"]!.GetValue<int>(), assessment["comparisonAfter"]!.GetValue<int>());

    private static JsonObject Dated(JsonObject action, bool done = false)
    {
        action["startOn"] = Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        action["dueOn"] = Start.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (done)
        {
            (action["status"], action["doneOn"], action["outcome"]) =
                ("done", Start.AddDays(28).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Synthetic: four weeks of evening patrols done.");
        }

        return action;
    }

    private static async Task<Guid> PremisesActionAsync(HttpClient analyst, Guid agencyId, double lon, double lat, bool done = false)
    {
        var premises = await analyst.CreateAsync("/api/premises", EntityTestData.Premises(lon, lat));
        return await analyst.CreateAsync("/api/disruption-actions", Dated(EntityTestData.DisruptionAction("premises", premises, agencyId), done));
    }

    /// <summary>The point <paramref name="eastMetres"/> east and <paramref name="northMetres"/> north of a place, in EPSG:27700.</summary>
    private async Task<(double Longitude, double Latitude)> OffsetAsync(double lon, double lat, double eastMetres, double northMetres)
    {
        string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var point = $"ST_Transform(ST_Translate(ST_Transform(ST_SetSRID(ST_MakePoint({N(lon)}, {N(lat)}), 4326), 27700), {N(eastMetres)}, {N(northMetres)}), 4326)";
        return ((await database.ScalarAsync<double>($"SELECT ST_X({point})"))!, (await database.ScalarAsync<double>($"SELECT ST_Y({point})"))!);
    }

    /// <summary>
    /// <paramref name="perWeekBefore"/> reports in each of the 10 weeks before the start and <paramref name="perWeekAfter"/>
    /// in each of the 10 after, <paramref name="eastMetres"/> east and <paramref name="northMetres"/> north of the point
    /// (in EPSG:27700), mid-week; plus
    /// <paramref name="extraBefore"/> and <paramref name="extraAfter"/> in the first week on each side.
    /// </summary>
    private Task AddReportsAsync(Guid agencyId, double lon, double lat, double eastMetres, int perWeekBefore, int perWeekAfter,
        string handlingCode = "P", int extraBefore = 0, int extraAfter = 0, double northMetres = 0)
    {
        string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var conditions = handlingCode == "C" ? "'Synthetic: not for partners'" : "NULL";
        var start = Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return database.ExecuteAsync($"""
            INSERT INTO intelligence_reports (id, agency_id, category, narrative, occurred_at, recorded_at, location, location_precision_meters,
                source_evaluation, intelligence_assessment, handling_code, handling_conditions, security_marking, lawful_basis, review_on, created_at, updated_at)
            SELECT gen_random_uuid(), '{agencyId}', 'party_house', 'Synthetic: a report round an action', at, now(),
                   ST_Transform(ST_Translate(ST_Transform(ST_SetSRID(ST_MakePoint({N(lon)}, {N(lat)}), 4326), 27700), {N(eastMetres)}, {N(northMetres)}), 4326),
                   10, '2', 'B', '{handlingCode}', {conditions}, 'OFFICIAL', 'law_enforcement', current_date + 365, now(), now()
            FROM (
                SELECT '{start}'::timestamptz + (w * 7 + 3) * interval '1 day' + k * interval '7 minutes' AS at
                FROM generate_series(-{Weeks}, -1) w, generate_series(1, {perWeekBefore}) k
                UNION ALL
                SELECT '{start}'::timestamptz + (w * 7 + 3) * interval '1 day' + k * interval '7 minutes'
                FROM generate_series(0, {Weeks - 1}) w, generate_series(1, {perWeekAfter}) k
                UNION ALL
                SELECT '{start}'::timestamptz - interval '2 days' + k * interval '7 minutes' FROM generate_series(1, {extraBefore}) k
                UNION ALL
                SELECT '{start}'::timestamptz + interval '2 days' + k * interval '7 minutes' FROM generate_series(1, {extraAfter}) k) times
            """);
    }
}
