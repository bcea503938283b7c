using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Reports;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static HotspotIntel.Api.Tests.Imports.ImportFiles;
using static HotspotIntel.Api.Tests.Tiles.TileReading;

namespace HotspotIntel.Api.Tests.Reports;

/// <summary>
/// Risk indicators (issue 16 §4): the list administrators maintain, the codes a report records (checked, read back,
/// audited, imported), the indicator filter of the report list and tiles, and counts per area as each reader may count.
/// </summary>
public sealed class RiskIndicatorsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Route = "/api/risk-indicators";

    // Birmingham city centre, near the Bull Ring (synthetic reports only).
    private const double Longitude = -1.8936;
    private const double Latitude = 52.4778;

    [Fact]
    public async Task The_list_starts_as_the_built_in_indicators_and_only_administrators_add_to_it_audited()
    {
        var (_, taskingMember) = await database.SignInAsync("IND1", UserRole.TaskingMember);
        using var administrator = database.Application.CreateClient(UserRole.Administrator, null);
        var (_, supervisor) = await database.SignInAsync("IND1S", UserRole.Supervisor);

        var builtIn = (await ListAsync(taskingMember)).Where(i => i["builtIn"]!.GetValue<bool>()).ToList();
        var added = await administrator.PostAsJsonAsync(Route, Indicator("hotel_stays"));
        var refused = await supervisor.PostAsJsonAsync(Route, Indicator("supervisor_flag"));
        var duplicate = await administrator.PostAsJsonAsync(Route, Indicator("going_missing"));
        var badCode = await administrator.PostAsJsonAsync(Route, Indicator("Bad Code!"));
        var renamed = await administrator.PutAsJsonAsync($"{Route}/hotel_stays", Indicator("hotel_stays_renamed"));
        var noBody = await administrator.PostAsync(Route, new StringContent("", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(BuiltInRiskIndicators.All.Select(i => $"{i.Code} | {i.Label} | {i.Description}"),
            builtIn.Select(i => $"{i["code"]} | {i["label"]} | {i["description"]}"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);
        await badCode.AssertFieldErrorAsync("code");
        await renamed.AssertFieldErrorAsync("code");
        await noBody.AssertProblemAsync(HttpStatusCode.BadRequest);
        var list = await ListAsync(taskingMember);
        Assert.Equal("hotel_stays", list[^1]["code"]!.GetValue<string>());
        Assert.DoesNotContain(list, i => i["code"]!.GetValue<string>() == "supervisor_flag");
        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log a JOIN risk_indicators i ON i.id = a.entity_id WHERE a.entity_kind = 'risk_indicators' AND a.action = 'collection' AND i.code = 'hotel_stays'"));
    }

    [Fact]
    public async Task A_report_records_its_indicators_reads_them_back_and_each_change_is_audited()
    {
        var (_, analyst) = await database.SignInAsync("IND2");
        var body = TestData.Report();
        body["indicatorCodes"] = new JsonArray("gifts_or_money", "going_missing", "gifts_or_money");
        var id = await analyst.CreateAsync("/api/reports", body);

        var created = await (await analyst.GetAsync($"/api/reports/{id}")).ReadObjectAsync();
        body["indicatorCodes"] = new JsonArray("substance_misuse");
        var replaced = await analyst.PutAsJsonAsync($"/api/reports/{id}", body);
        var read = await (await analyst.GetAsync($"/api/reports/{id}")).ReadObjectAsync();

        Assert.Equal(["gifts_or_money", "going_missing"], Codes(created["properties"]!["indicatorCodes"]!));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(["substance_misuse"], Codes(read["properties"]!["indicatorCodes"]!));
        Assert.Equal(new[] { "substance_misuse" }, await database.ScalarAsync<string[]>($"SELECT indicator_codes FROM intelligence_reports WHERE id = '{id}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE entity_kind = 'intelligence_reports' AND action = 'alteration' AND entity_id = '{id}'"));
    }

    [Fact]
    public async Task An_unknown_or_retired_indicator_is_a_400_naming_the_field_but_a_report_keeps_one_retired_after_it()
    {
        using var administrator = database.Application.CreateClient(UserRole.Administrator, null);
        (await administrator.PostAsJsonAsync(Route, Indicator("bus_station_meetings"))).EnsureSuccessStatusCode();
        var (_, analyst) = await database.SignInAsync("IND3");
        var body = TestData.Report();
        body["indicatorCodes"] = new JsonArray("bus_station_meetings");
        var existing = await analyst.CreateAsync("/api/reports", body);
        var retire = Indicator("bus_station_meetings");
        retire["retired"] = true;
        (await administrator.PutAsJsonAsync($"{Route}/bus_station_meetings", retire)).EnsureSuccessStatusCode();

        var unknown = TestData.Report();
        unknown["indicatorCodes"] = new JsonArray("older_boyfriend");
        var unknownAnswer = await analyst.PostAsJsonAsync("/api/reports", unknown);
        var retiredAnswer = await analyst.PostAsJsonAsync("/api/reports", body);
        body["narrative"] = "Synthetic: corrected narrative, indicators unchanged.";
        var kept = await analyst.PutAsJsonAsync($"/api/reports/{existing}", body);

        Assert.Contains("older_boyfriend", await unknownAnswer.AssertFieldErrorAsync("indicatorCodes"));
        Assert.Contains("retired", await retiredAnswer.AssertFieldErrorAsync("indicatorCodes"));
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(["bus_station_meetings"], Codes((await kept.ReadObjectAsync())["properties"]!["indicatorCodes"]!));
        Assert.True((await ListAsync(analyst)).Single(i => i["code"]!.GetValue<string>() == "bus_station_meetings")["retired"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_database_refuses_a_report_indicator_code_that_is_not_on_the_list()
    {
        var (_, analyst) = await database.SignInAsync("IND4");
        var id = await analyst.CreateAsync("/api/reports", TestData.Report());

        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            database.ExecuteAsync($"UPDATE intelligence_reports SET indicator_codes = ARRAY['going_missing', 'not_listed'] WHERE id = '{id}'"));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
    }

    [Fact]
    public async Task The_report_list_and_tiles_keep_reports_with_any_of_the_indicators_asked_for()
    {
        var (agencyId, analyst) = await database.SignInAsync("IND5");
        var gifts = await CreateAsync(analyst, Longitude, "gifts_or_money");
        var both = await CreateAsync(analyst, Longitude + 0.0002, "going_missing", "gifts_or_money");
        var none = await CreateAsync(analyst, Longitude + 0.0004);
        var tile = TileOf(Longitude, Latitude, 16);

        async Task<Guid[]> TileIdsAsync(string query) =>
            [.. (await FeaturesAsync(analyst, "reports", 16, tile, query)).Select(f => Guid.Parse((string)f.Attributes["id"])).Order()];
        async Task<long> CityCountAsync(string query) =>
            (await FeaturesAsync(analyst, "reports", 10, TileOf(Longitude, Latitude, 10), query)).Sum(f => Convert.ToInt64(f.Attributes["point_count"]));

        Assert.Equal([both], await analyst.ListIdsAsync($"/api/reports?agencyId={agencyId}&indicator=going_missing"));
        Assert.Equal(new[] { gifts, both }.Order(), (await analyst.ListIdsAsync($"/api/reports?agencyId={agencyId}&indicator=going_missing,gifts_or_money")).Order());
        Assert.Empty(await analyst.ListIdsAsync($"/api/reports?agencyId={agencyId}&indicator=substance_misuse"));
        Assert.Equal(new[] { gifts, both, none }.Order(), await TileIdsAsync($"?agencyId={agencyId}"));
        Assert.Equal([both], await TileIdsAsync($"?agencyId={agencyId}&indicator=going_missing"));
        Assert.Equal(new[] { gifts, both }.Order(), await TileIdsAsync($"?agencyId={agencyId}&indicator=gifts_or_money&indicator=going_missing"));
        var export = await analyst.GetStringAsync($"/api/exports/reports?format=csv&agencyId={agencyId}&indicator=going_missing");
        Assert.Contains(both.ToString(), export, StringComparison.Ordinal);
        Assert.DoesNotContain(gifts.ToString(), export, StringComparison.Ordinal);
        // Below zoom 14 a filtered tile is counted live from the reports, not from the counts made ahead.
        Assert.Equal(2L, await CityCountAsync($"?agencyId={agencyId}&indicator=gifts_or_money"));
        await (await analyst.GetAsync("/api/reports?indicator=Gifts!")).AssertFieldErrorAsync("indicator");
        await (await analyst.GetAsync($"/tiles/reports/16/{tile.X}/{tile.Y}.mvt?indicator=Gifts!")).AssertFieldErrorAsync("indicator");
    }

    [Fact]
    public async Task The_indicator_filter_is_an_array_overlap_the_GIN_index_can_serve()
    {
        await using var db = database.CreateDbContext();
        var filter = ReportFilter.None with { IndicatorCodes = ["going_missing"] };

        var sql = ReportsApi.Filter(db, null, filter).ToQueryString();

        Assert.Contains("indicator_codes && ", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_records_the_indicators_of_each_row_and_refuses_a_row_with_an_unknown_one()
    {
        var (agencyId, client) = await SignInAsync(database, "IND6");
        var header = ReportsHeader + ",indicator_codes";

        var imported = await PostAsync(client, "reports", Csv(header, ReportRow(0) + ",\"going_missing,gifts_or_money\"", ReportRow(1) + ","));
        var refused = await PostAsync(client, "reports", Csv(header, ReportRow(2) + ",not_an_indicator"));

        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        Assert.Equal(["going_missing,gifts_or_money", ""], await database.ScalarAsync<string[]>(
            $"SELECT array_agg(array_to_string(indicator_codes, ',') ORDER BY narrative) FROM intelligence_reports WHERE agency_id = '{agencyId}'") ?? []);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("indicator_codes", Assert.Single(problem["rowErrors"]!.AsArray())!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Area_counts_count_only_reports_the_reader_s_agency_may_read_inside_the_area_and_period()
    {
        var (owner, ownerAnalyst) = await database.SignInAsync("IND7");
        var (reader, readerAnalyst) = await database.SignInAsync("IND7R");
        var restricted = TestData.Report(Longitude, Latitude);
        restricted["indicatorCodes"] = new JsonArray("going_missing");
        restricted["handlingCode"] = "C";
        restricted["handlingConditions"] = "Synthetic: not to be shared beyond the recording agency.";
        await ownerAnalyst.CreateAsync("/api/reports", restricted);
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(ownerAnalyst, Longitude + i * 0.0002, "going_missing", "substance_misuse");
        }

        await CreateAsync(ownerAnalyst, Longitude + 0.05, "going_missing");
        await CreateAsync(readerAnalyst, Longitude, "substance_misuse");
        const string box = "bbox=-1.90,52.47,-1.88,52.48";
        var polygon = Uri.EscapeDataString("""{"type":"Polygon","coordinates":[[[-1.90,52.47],[-1.88,52.47],[-1.88,52.48],[-1.90,52.48],[-1.90,52.47]]]}""");

        var ownerCounts = await CountsAsync(ownerAnalyst, box);
        var beforeSharing = await CountsAsync(readerAnalyst, $"area={polygon}");
        await TestData.ShareAsync(database.Application, owner, reader);
        var afterSharing = await CountsAsync(readerAnalyst, box);
        var longAgo = await CountsAsync(readerAnalyst, $"{box}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-30).ToString("O"))}");

        Assert.Equal<(int?, int?)>((4, 3), (ownerCounts["going_missing"], ownerCounts["substance_misuse"]));
        Assert.Equal<(int?, int?)>((0, 1), (beforeSharing["going_missing"], beforeSharing["substance_misuse"]));
        // Shared: the partner's P-coded reports count, its C-coded one never does.
        Assert.Equal<(int?, int?)>((3, 4), (afterSharing["going_missing"], afterSharing["substance_misuse"]));
        Assert.Equal(0, longAgo["going_missing"]);
        await (await readerAnalyst.GetAsync("/api/reports/indicator-counts")).AssertFieldErrorAsync("bbox");
        await (await readerAnalyst.GetAsync("/api/reports/indicator-counts?area=%7B%22type%22%3A%22Point%22%2C%22coordinates%22%3A%5B-1.9%2C52.47%5D%7D")).AssertFieldErrorAsync("area");
    }

    [Fact]
    public async Task A_masked_reader_gets_small_area_counts_withheld_and_an_analyst_does_not()
    {
        var (agencyId, analyst) = await database.SignInAsync("IND8");
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, agencyId).Justified();
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(analyst, Longitude + i * 0.0002, i < 2 ? new[] { "gifts_or_money", "going_missing" } : new[] { "going_missing" });
        }

        var masked = await (await taskingMember.GetAsync("/api/reports/indicator-counts?bbox=-1.90,52.47,-1.88,52.48&category=party_house")).ReadObjectAsync();
        var exact = await CountsAsync(analyst, "bbox=-1.90,52.47,-1.88,52.48&category=party_house");

        var gifts = masked["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == "gifts_or_money")!;
        Assert.Null(gifts["reports"]);
        Assert.True(gifts["suppressed"]!.GetValue<bool>());
        Assert.Equal(3, masked["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == "going_missing")!["reports"]!.GetValue<int>());
        Assert.Equal(3, masked["suppressedBelow"]!.GetValue<int>());
        Assert.Equal<(int?, int?)>((2, 3), (exact["gifts_or_money"], exact["going_missing"]));
    }

    private Task<Guid> CreateAsync(HttpClient client, double longitude, params string[] indicators)
    {
        var body = TestData.Report(longitude, Latitude, category: "party_house");
        body["indicatorCodes"] = new JsonArray([.. indicators.Select(code => (JsonNode)code)]);
        return client.CreateAsync("/api/reports", body);
    }

    private static async Task<Dictionary<string, int?>> CountsAsync(HttpClient client, string query)
    {
        var counts = await (await client.GetAsync($"/api/reports/indicator-counts?{query}")).ReadObjectAsync();
        return counts["indicators"]!.AsArray().ToDictionary(i => i!["code"]!.GetValue<string>(), i => i!["reports"]?.GetValue<int?>());
    }

    private static string[] Codes(JsonNode codes) => [.. codes.AsArray().Select(c => c!.GetValue<string>())];

    private static JsonObject Indicator(string code) => new()
    {
        ["code"] = code,
        ["label"] = $"Synthetic {code.Replace('_', ' ')}",
    };

    private static async Task<List<JsonNode>> ListAsync(HttpClient client)
    {
        var response = await client.GetAsync(Route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(i => i!)];
    }
}
