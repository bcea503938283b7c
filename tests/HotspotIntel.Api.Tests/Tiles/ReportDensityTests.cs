using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Reports;
using HotspotIntel.Api.Tiles;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Grading;
using Npgsql;
using static HotspotIntel.Api.Tests.Tiles.TileReading;

namespace HotspotIntel.Api.Tests.Tiles;

/// <summary>
/// City-wide report tiles add up counts made ahead (migrations/0010, 0033), kept current by the reports' own writes: the
/// same cells and counts as counting the reports live, under the same read policy and masking, for every role, at once
/// after each create, change and delete, and after the changes are folded. A filter by category, grading, handling code,
/// agency or whole months adds up counts made ahead by those dimensions (migrations/0046), equal to counting live; a time
/// window cutting a month counts live. Either way a filter hides a masked cell whose child-linked reports it keeps fewer
/// than the minimum of.
/// </summary>
public sealed class ReportDensityTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // British National Grid points in the synthetic city: three child-linked reports share one 500 m cell (shown to
    // masked roles, unless a filter keeps fewer than three); one is alone in its cell (suppressed for them); two are not
    // linked to a child.
    private static readonly (double Easting, double Northing)[] SameCell = [(406900, 286450), (407050, 286600), (407100, 286400)];
    private static readonly (double Easting, double Northing) LoneCell = (410000, 290000);
    private static readonly (double Easting, double Northing)[] NotChildLinked = [(405200, 287300), (408800, 285100)];

    // A time window, which is always counted live, with the same answer as no window.
    private const string Live = "from=2000-01-01T00:00:01Z";

    private static readonly DateTimeOffset ThisMonth = new(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task City_wide_tiles_from_the_counts_equal_tiles_counted_live_for_every_role_filter_and_write()
    {
        var owner = await TestData.CreateAgencyAsync(database.Application, "DENS1");
        var partner = await TestData.CreateAgencyAsync(database.Application, "DENS2");
        var outsider = await TestData.CreateAgencyAsync(database.Application, "DENS3");
        await TestData.ShareAsync(database.Application, owner, partner);
        using var analyst = database.Application.CreateClient(UserRole.Analyst, owner);
        var ids = new List<Guid>();
        var grades = new[] { "1", "1", "2" };
        for (var n = 0; n < SameCell.Length; n++)
        {
            ids.Add(await CreateAsync(analyst, SameCell[n], "missing_found_location", grades[n], ThisMonth.AddDays(3)));
        }

        ids.Add(await CreateAsync(analyst, LoneCell, "missing_found_location", "1", ThisMonth.AddMonths(-1).AddDays(10)));
        ids.Add(await CreateAsync(analyst, NotChildLinked[0], "party_house", "2", ThisMonth.AddMonths(-1).AddDays(2), handlingCode: "C"));
        ids.Add(await CreateAsync(analyst, NotChildLinked[1], "party_house", "3", ThisMonth.AddMonths(-2)));

        await AssertCountsEqualLiveAsync(owner, partner, outsider);
        Assert.Equal(6, Total(await CellsAsync([(UserRole.Analyst, owner)], [10]), (UserRole.Analyst, owner), 10));
        Assert.Equal(5, Total(await CellsAsync([(UserRole.TaskingMember, owner)], [10]), (UserRole.TaskingMember, owner), 10));
        Assert.Equal(4, Total(await CellsAsync([(UserRole.TaskingMember, partner)], [10]), (UserRole.TaskingMember, partner), 10));
        // Two of the shared cell's three and the lone one are graded 1: fewer than three in each cell, so masked readers see neither.
        Assert.Equal(1, Total(await CellsAsync([(UserRole.TaskingMember, owner)], [10], "sourceEvaluation=1,3"), (UserRole.TaskingMember, owner), 10));

        // A change of category and grading, and a delete: counted at once, before any fold.
        var changed = TestData.ReportAtGridPoint(NotChildLinked[1], "vehicle_pick_up");
        changed["sourceEvaluation"] = "1";
        changed["occurredAt"] = ThisMonth.AddDays(1).ToString("O");
        (await analyst.PutAsJsonAsync($"/api/reports/{ids[5]}", changed)).EnsureSuccessStatusCode();
        (await analyst.DeleteAsync($"/api/reports/{ids[2]}")).EnsureSuccessStatusCode();
        await AssertCountsEqualLiveAsync(owner, partner, outsider);
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM report_density_changes") > 0);

        await database.FoldReportDensityAsync();
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM report_density_changes"));
        await AssertCountsEqualLiveAsync(owner, partner, outsider);
    }

    [Fact]
    public async Task Filtered_city_wide_tiles_from_the_counts_equal_tiles_counted_live_for_each_filter_kind()
    {
        var owner = await TestData.CreateAgencyAsync(database.Application, "DENS4");
        var partner = await TestData.CreateAgencyAsync(database.Application, "DENS5");
        await TestData.ShareAsync(database.Application, owner, partner);
        using var analyst = database.Application.CreateClient(UserRole.Analyst, owner);
        // The shared cell's three child-linked reports: two graded 1, all assessed B, all this month; a filter on grading
        // 1 keeps two (masked readers see none of them), a filter on this month keeps all three (shown).
        var grades = new[] { "1", "1", "2" };
        for (var n = 0; n < SameCell.Length; n++)
        {
            await CreateAsync(analyst, SameCell[n], "missing_found_location", grades[n], ThisMonth.AddHours(n));
        }

        await CreateAsync(analyst, LoneCell, "missing_found_location", "1", ThisMonth.AddMonths(-1).AddDays(10));
        await CreateAsync(analyst, NotChildLinked[0], "party_house", "2", ThisMonth.AddMonths(-1).AddDays(2), handlingCode: "C", assessment: "A");
        await CreateAsync(analyst, NotChildLinked[1], "vehicle_pick_up", "3", ThisMonth.AddMonths(-2).AddDays(5), assessment: "C");

        var lastMonth = Utc(ThisMonth.AddMonths(-1));
        var nextMonth = Utc(ThisMonth.AddMonths(1));
        // Each filter served from the counts, and a query that counts live with the same answer: the same filter with a
        // time window cutting a month where no report falls.
        var filters = new (string Counted, string Live)[]
        {
            ("category=missing_found_location,party_house", $"category=missing_found_location,party_house&{Live}"),
            ("sourceEvaluation=1", $"sourceEvaluation=1&{Live}"),
            ("sourceEvaluation=1,2", $"sourceEvaluation=1,2&{Live}"),
            ("intelligenceAssessment=B,C", $"intelligenceAssessment=B,C&{Live}"),
            ("handlingCode=P", $"handlingCode=P&{Live}"),
            ($"agencyId={owner}", $"agencyId={owner}&{Live}"),
            ($"from={Utc(ThisMonth)}&to={nextMonth}", $"from={Utc(ThisMonth.AddSeconds(-1))}&to={nextMonth}"),
            ($"from={lastMonth}", $"from={Utc(ThisMonth.AddMonths(-1).AddSeconds(-1))}"),
            ($"to={Utc(ThisMonth)}", $"to={Utc(ThisMonth.AddSeconds(-1))}"),
            ($"category=missing_found_location&sourceEvaluation=1,2&from={lastMonth}&to={nextMonth}",
                $"category=missing_found_location&sourceEvaluation=1,2&from={lastMonth}&to={Utc(ThisMonth.AddMonths(1).AddSeconds(-1))}"),
        };
        var readers = new[] { (UserRole.Analyst, owner), (UserRole.TaskingMember, owner), (UserRole.TaskingMember, partner) };

        async Task AssertEqualAsync()
        {
            foreach (var (counted, live) in filters)
            {
                Assert.Equal(await CellsAsync(readers, [8, 11, 13], live), await CellsAsync(readers, [8, 11, 13], counted));
            }
        }

        await AssertEqualAsync();
        // The masking rule for a filtered answer, from the counts: grading 1 keeps two of the shared cell's three.
        Assert.Equal(0, Total(await CellsAsync([(UserRole.TaskingMember, owner)], [11], "sourceEvaluation=1"), (UserRole.TaskingMember, owner), 11));
        Assert.Equal(3, Total(await CellsAsync([(UserRole.Analyst, owner)], [11], "sourceEvaluation=1"), (UserRole.Analyst, owner), 11));
        Assert.Equal(3, Total(await CellsAsync([(UserRole.TaskingMember, owner)], [11], $"from={Utc(ThisMonth)}"), (UserRole.TaskingMember, owner), 11));

        // Served from the counts, not counted live: a count row added behind the reports' back shows in the counted tile only.
        await database.FoldReportDensityAsync();
        var beforeExtra = await CellsAsync([(UserRole.Analyst, owner)], [11], "sourceEvaluation=3");
        await database.ExecuteAsync($"""
            INSERT INTO report_filter_density (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, category,
                source_evaluation, intelligence_assessment, month, reports)
            SELECT zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, 'child_with_adults', source_evaluation,
                   intelligence_assessment, month, 5
            FROM report_filter_density WHERE zoom = 11 AND agency_id = '{owner}' AND source_evaluation = '3'
            """);
        var withExtra = await CellsAsync([(UserRole.Analyst, owner)], [11], "sourceEvaluation=3");
        Assert.Equal(Total(beforeExtra, (UserRole.Analyst, owner), 11) + 5, Total(withExtra, (UserRole.Analyst, owner), 11));
        Assert.Equal(beforeExtra, await CellsAsync([(UserRole.Analyst, owner)], [11], $"sourceEvaluation=3&{Live}"));
        await database.ExecuteAsync($"DELETE FROM report_filter_density WHERE agency_id = '{owner}' AND category = 'child_with_adults'");

        await AssertEqualAsync();

        // Changes counted at once before a fold (a regrade moving a report out of a filter, a delete) and after it.
        var ids = await database.ScalarAsync<Guid[]>($"SELECT array_agg(id ORDER BY occurred_at) FROM intelligence_reports WHERE agency_id = '{owner}'");
        var changed = Report(NotChildLinked[1], "party_house", "1", ThisMonth.AddDays(1));
        (await analyst.PutAsJsonAsync($"/api/reports/{ids![0]}", changed)).EnsureSuccessStatusCode();
        (await analyst.DeleteAsync($"/api/reports/{ids[^1]}")).EnsureSuccessStatusCode();
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM report_filter_density_changes") > 0);
        await AssertEqualAsync();
        await database.FoldReportDensityAsync();
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM report_filter_density_changes"));
        await AssertEqualAsync();
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("2026-11-01T00:00:00Z", null, true)]
    [InlineData(null, "2026-12-01T00:00:00Z", true)]
    [InlineData("2026-01-01T00:00:00Z", "2026-12-01T00:00:00Z", true)]
    [InlineData("2026-11-01T00:00:01Z", null, false)]
    [InlineData("2026-11-02T00:00:00Z", "2026-12-01T00:00:00Z", false)]
    [InlineData("2026-11-01T00:00:00Z", "2026-11-30T23:59:59Z", false)]
    [InlineData("2026-11-01T00:00:00+01:00", null, false)]
    public void Only_a_time_window_of_whole_months_is_served_from_the_counts(string? from, string? to, bool counted)
    {
        var filter = ReportFilter.None with
        {
            From = from is null ? null : DateTimeOffset.Parse(from, CultureInfo.InvariantCulture),
            To = to is null ? null : DateTimeOffset.Parse(to, CultureInfo.InvariantCulture),
            SourceEvaluations = [SourceEvaluation.Reliable],
        };

        Assert.Equal(counted, TileQueries.CanCountAhead(filter));
        Assert.False(TileQueries.CanCountAhead(filter with { IndicatorCodes = ["going_missing"] }));
    }

    [Fact]
    public async Task Only_background_jobs_may_recount_or_fold_the_density()
    {
        foreach (var function in new[] { "refresh_report_density()", "fold_report_density_changes()" })
        {
            await using var connection = new NpgsqlConnection(database.AppConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT set_config('hotspotintel.role', 'analyst', false); SELECT {function}", connection);

            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
    }

    /// <summary>Every reader and zoom gets the same cells from the counts as counted live.</summary>
    private async Task AssertCountsEqualLiveAsync(Guid owner, Guid partner, Guid outsider)
    {
        var readers = new[]
        {
            (UserRole.Analyst, owner), (UserRole.TaskingMember, owner), (UserRole.LicensingOfficer, owner),
            (UserRole.TaskingMember, partner), (UserRole.Analyst, outsider),
        };
        var counted = await CellsAsync(readers, [8, 10, 12, 13]);
        var live = await CellsAsync(readers, [8, 10, 12, 13], Live);
        Assert.Equal(live, counted);
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static JsonObject Report((double Easting, double Northing) point, string category, string sourceEvaluation, DateTimeOffset occurredAt,
        string handlingCode = "P", string assessment = "B")
    {
        var report = TestData.ReportAtGridPoint(point, category);
        report["sourceEvaluation"] = sourceEvaluation;
        report["intelligenceAssessment"] = assessment;
        report["occurredAt"] = occurredAt.ToString("O");
        report["handlingCode"] = handlingCode;
        if (handlingCode == "C")
        {
            report["handlingConditions"] = "Synthetic: not to be shared outside the recording agency.";
        }

        return report;
    }

    private static async Task<Guid> CreateAsync(HttpClient client, (double Easting, double Northing) point, string category, string sourceEvaluation,
        DateTimeOffset occurredAt, string handlingCode = "P", string assessment = "B")
    {
        var created = await client.PostAsJsonAsync("/api/reports", Report(point, category, sourceEvaluation, occurredAt, handlingCode, assessment));
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    /// <summary>
    /// Per reader and zoom, the cells (centre rounded to about 1 m, count) of the tiles over the reports' corner of the
    /// city (the city centre lies near a tile edge at these zooms), in a fixed order.
    /// </summary>
    private async Task<Dictionary<string, string>> CellsAsync(IEnumerable<(UserRole Role, Guid Agency)> readers, int[] zooms, string query = "")
    {
        var cells = new Dictionary<string, string>();
        foreach (var (role, agency) in readers)
        {
            using var client = database.Application.CreateClient(role, agency);
            foreach (var zoom in zooms)
            {
                var tiles = new[] { (-1.93, 52.46), (-1.93, 52.51), (-1.85, 52.46), (-1.85, 52.51) }
                    .Select(corner => TileOf(corner.Item1, corner.Item2, zoom)).Distinct();
                var features = new List<NetTopologySuite.Features.IFeature>();
                foreach (var tile in tiles)
                {
                    features.AddRange(await FeaturesAsync(client, "reports", zoom, tile, query.Length == 0 ? "" : $"?{query}"));
                }

                cells[Key((role, agency), zoom)] = string.Join(" ", features
                    .Select(f => string.Create(CultureInfo.InvariantCulture,
                        $"{f.Geometry.Centroid.X:F5},{f.Geometry.Centroid.Y:F5}={Convert.ToInt64(f.Attributes["point_count"], CultureInfo.InvariantCulture)}"))
                    .Order(StringComparer.Ordinal));
            }
        }

        return cells;
    }

    private static long Total(Dictionary<string, string> cells, (UserRole, Guid) reader, int zoom) =>
        cells[Key(reader, zoom)].Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(cell => long.Parse(cell.Split('=')[1], CultureInfo.InvariantCulture));

    private static string Key((UserRole Role, Guid Agency) reader, int zoom) => $"{reader.Role} {reader.Agency} z{zoom}";
}
