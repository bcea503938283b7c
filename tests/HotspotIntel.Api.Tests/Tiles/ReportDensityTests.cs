using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Reports;
using HotspotIntel.Api.Tiles;
using HotspotIntel.Api.Data;
using HotspotIntel.Core;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Grading;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static HotspotIntel.Api.Tests.Tiles.TileReading;

namespace HotspotIntel.Api.Tests.Tiles;

/// <summary>
/// City-wide report tiles add up counts made ahead (migrations/0010, 0033), kept current by the reports' own writes: the
/// same cells and counts as counting the reports live, under the same read policy and masking, for every role, at once
/// after each create, change and delete, and after the changes are folded. A filter by category, grading, handling code,
/// agency, one risk indicator or a time window adds up counts made ahead by those dimensions (migrations/0046, 0053, 0057),
/// a window's days that are not a whole month counted live beside them, equal to counting live (the reference:
/// <see cref="TileQueries.LiveTileAsync"/>, which reads no counts); several indicators count live. Either way a filter
/// hides a masked cell whose child-linked reports it keeps fewer than the minimum of.
/// </summary>
public sealed class ReportDensityTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // British National Grid points in the synthetic city: three child-linked reports share one 500 m cell (shown to
    // masked roles, unless a filter keeps fewer than three); one is alone in its cell (suppressed for them); two are not
    // linked to a child.
    private static readonly (double Easting, double Northing)[] SameCell = [(406900, 286450), (407050, 286600), (407100, 286400)];
    private static readonly (double Easting, double Northing) LoneCell = (410000, 290000);
    private static readonly (double Easting, double Northing)[] NotChildLinked = [(405200, 287300), (408800, 285100)];

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
        var outsider = await TestData.CreateAgencyAsync(database.Application, "DENS6");
        await TestData.ShareAsync(database.Application, owner, partner);
        using var analyst = database.Application.CreateClient(UserRole.Analyst, owner);
        using var partnerAnalyst = database.Application.CreateClient(UserRole.Analyst, partner);
        using var outsiderAnalyst = database.Application.CreateClient(UserRole.Analyst, outsider);
        // The shared cell's three child-linked reports: two graded 1, all assessed B, all this month, two recording going
        // missing and two absence from school; a filter on grading 1 or on one of those indicators keeps two (masked
        // readers see none of them), a filter on this month keeps all three (shown).
        var grades = new[] { "1", "1", "2" };
        var indicators = new[] { new[] { "going_missing" }, ["going_missing", "absent_from_school"], ["absent_from_school"] };
        for (var n = 0; n < SameCell.Length; n++)
        {
            await CreateAsync(analyst, SameCell[n], "missing_found_location", grades[n], ThisMonth.AddHours(n), indicators: indicators[n]);
        }

        await CreateAsync(analyst, LoneCell, "missing_found_location", "1", ThisMonth.AddMonths(-1).AddDays(10), indicators: ["going_missing"]);
        await CreateAsync(analyst, NotChildLinked[0], "party_house", "2", ThisMonth.AddMonths(-1).AddDays(2), handlingCode: "C", assessment: "A",
            indicators: ["substance_misuse"]);
        await CreateAsync(analyst, NotChildLinked[1], "vehicle_pick_up", "3", ThisMonth.AddMonths(-2).AddDays(5), assessment: "C",
            indicators: ["transported_by_adults", "going_missing"]);
        // Two child-linked reports a tasking member records beside the lone one, in this month's first hours: a masked
        // role's records never count towards showing a cell to masked roles (migrations/0015), so it stays hidden.
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, owner);
        for (var n = 0; n < 2; n++)
        {
            await CreateAsync(taskingMember, LoneCell, "missing_found_location", "3", ThisMonth.AddHours(1));
        }

        // The partner's reports, one shared (P) and one not (C), and an unshared agency's: each reader sees only its own share.
        await CreateAsync(partnerAnalyst, NotChildLinked[0], "party_house", "1", ThisMonth.AddDays(1), indicators: ["going_missing"]);
        await CreateAsync(partnerAnalyst, SameCell[0], "missing_found_location", "2", ThisMonth.AddMonths(-1), handlingCode: "C",
            indicators: ["going_missing"]);
        await CreateAsync(outsiderAnalyst, NotChildLinked[1], "party_house", "1", ThisMonth.AddDays(2), assessment: "A", indicators: ["going_missing"]);
        // Years before the rest, which only the partner may read: no window below but those from the first instant holds every report.
        await CreateAsync(partnerAnalyst, LoneCell, "party_house", "3", new DateTimeOffset(2001, 5, 1, 12, 0, 0, TimeSpan.Zero), handlingCode: "C");

        var lastMonth = Utc(ThisMonth.AddMonths(-1));
        var nextMonth = Utc(ThisMonth.AddMonths(1));
        // Each filter with the table that serves it, its answer compared with counting live.
        var filters = new (string Query, string Table)[]
        {
            ("category=missing_found_location,party_house", "report_category_density"),
            ($"category=party_house&from={lastMonth}", "report_category_density"),
            ("sourceEvaluation=1", "report_grade_density"),
            ("sourceEvaluation=1,2", "report_grade_density"),
            ("intelligenceAssessment=B,C", "report_grade_density"),
            ("sourceEvaluation=1&intelligenceAssessment=A,B", "report_grade_density"),
            ($"sourceEvaluation=1,2&intelligenceAssessment=B&from={lastMonth}", "report_grading_density"),
            ($"intelligenceAssessment=A&to={Utc(ThisMonth)}", "report_grading_density"),
            ("indicator=going_missing", "report_indicator_density"),
            ($"indicator=absent_from_school&to={nextMonth}&handlingCode=P", "report_indicator_density"),
            ("handlingCode=P", "report_density"),
            ($"agencyId={owner}", "report_density"),
            ($"agencyId={owner}&handlingCode=C", "report_density"),
            ($"from={Utc(ThisMonth)}&to={nextMonth}", "report_month_density"),
            ($"from={lastMonth}", "report_month_density"),
            ($"to={Utc(ThisMonth)}", "report_month_density"),
            // Nine months hold a whole calendar quarter, which holds the report two months back: added up from the counts by quarter.
            ($"from={Utc(ThisMonth.AddMonths(-8))}&to={nextMonth}", "report_quarter_density"),
            ($"from={Utc(ThisMonth.AddMonths(-8))}&agencyId={owner}", "report_quarter_density"),
            ($"category=missing_found_location&sourceEvaluation=1,2&from={lastMonth}&to={nextMonth}", "report_filter_density"),
        };
        // Windows that cut months: their whole months from the same tables, the days at their ends counted live. The days
        // before and after whole months (the report two months back and the shared cell's three in the days after), days
        // with no whole month between them (this month's first 36 hours, or from last month into this one), an open end.
        var headAndTail = $"from={Utc(ThisMonth.AddMonths(-2).AddDays(3))}&to={Utc(ThisMonth.AddHours(1).AddMinutes(30))}";
        var inOneMonth = $"from={Utc(ThisMonth.AddMinutes(30))}&to={Utc(ThisMonth.AddHours(36))}";
        var acrossMonths = $"from={Utc(ThisMonth.AddMonths(-1).AddDays(5))}&to={Utc(ThisMonth.AddDays(2))}";
        var windows = new (string Query, string Table)[]
        {
            (headAndTail, "report_month_density"),
            (inOneMonth, "report_month_density"),
            (acrossMonths, "report_month_density"),
            ($"from={Utc(ThisMonth.AddMonths(-8).AddSeconds(1))}", "report_quarter_density"),
            ($"to={Utc(ThisMonth.AddDays(1))}&agencyId={owner}", "report_quarter_density"),
            ($"sourceEvaluation=1,2&intelligenceAssessment=B&{headAndTail}", "report_grading_density"),
            ($"sourceEvaluation=1&{inOneMonth}", "report_grading_density"),
            ($"category=missing_found_location,party_house&{acrossMonths}", "report_category_density"),
            ($"indicator=going_missing&{headAndTail}", "report_indicator_density"),
            ($"category=missing_found_location&sourceEvaluation=1,2&{headAndTail}", "report_filter_density"),
            // A window that holds every report selects nothing by time: the counts without months.
            ($"from={Utc(DateTimeOffset.MinValue)}", "report_density"),
            ($"sourceEvaluation=1&from={Utc(DateTimeOffset.MinValue)}", "report_grade_density"),
        };
        // The owner's analyst (exact places), a masked role, the partner's masked role and an agency nobody shares with.
        var readers = new[] { (UserRole.Analyst, owner), (UserRole.TaskingMember, owner), (UserRole.TaskingMember, partner), (UserRole.Analyst, outsider) };

        async Task AssertEqualAsync()
        {
            foreach (var (query, _) in filters.Concat(windows))
            {
                Assert.Equal(await CellsAsync(readers, [8, 13], query, live: true), await CellsAsync(readers, [8, 13], query));
            }
        }

        await AssertEqualAsync();
        // The masking rule for a filtered answer, from the counts: grading 1 or one indicator keeps two of the shared cell's three.
        Assert.Equal(0, Total(await CellsAsync([(UserRole.TaskingMember, owner)], [11], "sourceEvaluation=1"), (UserRole.TaskingMember, owner), 11));
        Assert.Equal(3, Total(await CellsAsync([(UserRole.Analyst, owner)], [11], "sourceEvaluation=1"), (UserRole.Analyst, owner), 11));
        Assert.Equal(0, Total(await CellsAsync([(UserRole.TaskingMember, owner)], [11], $"indicator=absent_from_school&agencyId={owner}"),
            (UserRole.TaskingMember, owner), 11));
        Assert.Equal(3, Total(await CellsAsync([(UserRole.TaskingMember, owner)], [11], $"from={Utc(ThisMonth)}&agencyId={owner}"),
            (UserRole.TaskingMember, owner), 11));

        // Served from the table named, not counted live: counts added behind the reports' back show in the counted tile only.
        await database.FoldReportDensityAsync();
        var reader = (UserRole.Analyst, owner);
        // Months and quarters both: which of them a window's months come from depends on where this month falls in its quarter.
        string[] Bumped(string table) => table is "report_month_density" or "report_quarter_density" ? ["report_month_density", "report_quarter_density"] : [table];
        async Task<long> CountedWithExtraAsync(string query, string table)
        {
            foreach (var bumped in Bumped(table))
            {
                await database.ExecuteAsync($"UPDATE {bumped} SET reports = reports + 1000 WHERE zoom = 11 AND agency_id = '{owner}'");
            }

            var total = Total(await CellsAsync([reader], [11], query), reader, 11);
            foreach (var bumped in Bumped(table))
            {
                await database.ExecuteAsync($"UPDATE {bumped} SET reports = reports - 1000 WHERE zoom = 11 AND agency_id = '{owner}'");
            }

            return total;
        }

        bool HasNoWholeMonth(string query) => query.EndsWith(inOneMonth, StringComparison.Ordinal) || query.EndsWith(acrossMonths, StringComparison.Ordinal);
        foreach (var (query, table) in filters.Concat(windows).Where(f => !HasNoWholeMonth(f.Query)))
        {
            var liveTotal = Total(await CellsAsync([reader], [11], query, live: true), reader, 11);
            var countedTotal = await CountedWithExtraAsync(query, table);
            Assert.True(countedTotal > liveTotal + 1000 - 1, $"{query} ({table}): counted {countedTotal}, live {liveTotal}");
        }

        // A window with no whole month in it reads no counts: all of it is counted live.
        foreach (var (query, table) in windows.Where(f => HasNoWholeMonth(f.Query)))
        {
            Assert.Equal(Total(await CellsAsync([reader], [11], query, live: true), reader, 11), await CountedWithExtraAsync(query, table));
        }

        await AssertEqualAsync();

        // Changes counted at once before a fold (a regrade moving a report out of a filter and its indicators changed, a
        // delete) and after it; the fold empties every table's changes.
        var ids = await database.ScalarAsync<Guid[]>($"SELECT array_agg(id ORDER BY occurred_at) FROM intelligence_reports WHERE agency_id = '{owner}'");
        var changed = Report(NotChildLinked[1], "party_house", "1", ThisMonth.AddDays(1), indicators: ["absent_from_school"]);
        (await analyst.PutAsJsonAsync($"/api/reports/{ids![0]}", changed)).EnsureSuccessStatusCode();
        (await analyst.DeleteAsync($"/api/reports/{ids[^1]}")).EnsureSuccessStatusCode();
        var tables = await database.ScalarAsync<string[]>("SELECT array_agg(name ORDER BY name) FROM report_density_tables");
        Assert.Equal(filters.Concat(windows).Select(f => f.Table).Distinct().Order(StringComparer.Ordinal), tables!);
        foreach (var table in tables!)
        {
            Assert.True(await database.ScalarAsync<long>($"SELECT count(*) FROM {table}_changes") > 0, table);
        }

        await AssertEqualAsync();
        await database.FoldReportDensityAsync();
        foreach (var table in tables)
        {
            Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM {table}_changes"));
        }

        await AssertEqualAsync();
    }

    [Fact]
    public void A_filter_adds_up_the_smallest_table_holding_its_dimensions_or_counts_live()
    {
        var grading = ReportFilter.None with { SourceEvaluations = [SourceEvaluation.Reliable] };
        var window = ReportFilter.None with { From = ThisMonth.AddMonths(-12), To = ThisMonth };
        Assert.Equal("report_density", TileQueries.CountTableFor(ReportFilter.None with { AgencyId = Guid.NewGuid(), HandlingCodes = [HandlingCode.LawfulSharingPermitted] }));
        Assert.Equal("report_month_density", TileQueries.CountTableFor(window));
        Assert.Equal("report_category_density", TileQueries.CountTableFor(window with { Categories = [HotspotIntel.Core.Reports.ReportCategory.PartyHouse] }));
        // Grading alone adds up the counts by grade; with whole months, those by grade and month.
        Assert.Equal("report_grade_density", TileQueries.CountTableFor(grading with { IntelligenceAssessments = [IntelligenceAssessment.KnownIndirectlyCorroborated] }));
        Assert.Equal("report_grade_density", TileQueries.CountTableFor(ReportFilter.None with { IntelligenceAssessments = [IntelligenceAssessment.KnownIndirectlyCorroborated] }));
        Assert.Equal("report_grading_density", TileQueries.CountTableFor(grading with { To = ThisMonth }));
        Assert.Equal("report_indicator_density", TileQueries.CountTableFor(window with { IndicatorCodes = ["going_missing"] }));
        Assert.Equal("report_filter_density", TileQueries.CountTableFor(grading with { Categories = [HotspotIntel.Core.Reports.ReportCategory.PartyHouse] }));
        // Counted live: two indicators (a report recording both would count twice), an indicator with grading or categories.
        Assert.Null(TileQueries.CountTableFor(ReportFilter.None with { IndicatorCodes = ["going_missing", "gifts_or_money"] }));
        Assert.Null(TileQueries.CountTableFor(grading with { IndicatorCodes = ["going_missing"] }));
        var indicatorAndCategory = ReportFilter.None with
        {
            IndicatorCodes = ["going_missing"],
            Categories = [HotspotIntel.Core.Reports.ReportCategory.PartyHouse],
        };
        Assert.Null(TileQueries.CountTableFor(indicatorAndCategory));
    }

    [Theory]
    [InlineData(null, null, null, null, true, null, null, null, null)]
    [InlineData("2026-11-01T00:00:00Z", null, "2026-11-01T00:00:00Z", null, true, null, null, null, null)]
    [InlineData("2026-01-01T00:00:00Z", "2026-12-01T00:00:00Z", "2026-01-01T00:00:00Z", "2026-12-01T00:00:00Z", true, null, null, null, null)]
    [InlineData("2026-11-01T00:00:01Z", null, "2026-12-01T00:00:00Z", null, true, "2026-11-01T00:00:01Z", "2026-12-01T00:00:00Z", null, null)]
    [InlineData(null, "2026-11-30T23:59:59Z", null, "2026-11-01T00:00:00Z", true, null, null, "2026-11-01T00:00:00Z", "2026-11-30T23:59:59Z")]
    [InlineData("2026-06-18T00:00:00Z", "2026-09-16T00:00:00Z", "2026-07-01T00:00:00Z", "2026-09-01T00:00:00Z", true,
        "2026-06-18T00:00:00Z", "2026-07-01T00:00:00Z", "2026-09-01T00:00:00Z", "2026-09-16T00:00:00Z")]
    // No whole month inside: all of it counted live, as one stretch of days.
    [InlineData("2026-09-03T00:00:00Z", "2026-10-01T00:00:00Z", null, null, false, "2026-09-03T00:00:00Z", "2026-10-01T00:00:00Z", null, null)]
    [InlineData("2026-08-20T00:00:00Z", "2026-09-20T00:00:00Z", null, null, false, "2026-08-20T00:00:00Z", "2026-09-20T00:00:00Z", null, null)]
    [InlineData("2026-11-01T00:00:00Z", "2026-11-30T23:59:59Z", null, null, false, "2026-11-01T00:00:00Z", "2026-11-30T23:59:59Z", null, null)]
    // The last month there is: no whole month follows it.
    [InlineData("9999-12-31T23:59:59Z", null, null, null, false, "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999999Z", null, null)]
    // The first instant there is, which PostgreSQL is sent as -infinity: from it is no bound, until it is nothing.
    [InlineData("0001-01-01T00:00:00Z", null, null, null, true, null, null, null, null)]
    [InlineData(null, "0001-01-01T00:00:00Z", null, null, false, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z", null, null)]
    // Midnight in another offset is not the start of a month in UTC.
    [InlineData("2026-11-01T00:00:00+01:00", null, "2026-11-01T00:00:00Z", null, true, "2026-10-31T23:00:00Z", "2026-11-01T00:00:00Z", null, null)]
    public void A_window_is_its_whole_months_in_UTC_and_the_days_at_its_ends(string? from, string? to, string? monthsFrom, string? monthsTo,
        bool hasMonths, string? headFrom, string? headTo, string? tailFrom, string? tailTo)
    {
        DateTimeOffset? Time(string? text) => text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

        var window = TileWindow.Of(Time(from), Time(to));

        Assert.Equal(Time(monthsFrom), window.MonthsFrom);
        Assert.Equal(Time(monthsTo), window.MonthsTo);
        Assert.Equal(hasMonths, window.HasMonths);
        Assert.Equal(headFrom is null ? null : (Time(headFrom)!.Value, Time(headTo)!.Value), window.Head);
        Assert.Equal(tailFrom is null ? null : (Time(tailFrom)!.Value, Time(tailTo)!.Value), window.Tail);
        Assert.Equal(headFrom is not null || tailFrom is not null, window.HasDays);
        // Any window a tile is asked for is served from the counts with its days beside them.
        Assert.True(TileQueries.CanCountAhead(ReportFilter.None with { From = Time(from), To = Time(to), SourceEvaluations = [SourceEvaluation.Reliable] }));
    }

    [Fact]
    public async Task Only_background_jobs_may_recount_or_fold_the_density()
    {
        foreach (var function in new[] { "refresh_report_density()", "fold_report_density_changes()", "fold_report_density_changes(1)" })
        {
            await using var connection = new NpgsqlConnection(database.AppConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT set_config('hotspotintel.role', 'analyst', false); SELECT {function}", connection);

            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
    }

    [Fact]
    public async Task The_job_folds_every_change_in_batches_leaving_the_counts_a_recount_makes()
    {
        var agency = await TestData.CreateAgencyAsync(database.Application, "DENSB");
        // One statement per report: each leaves change rows of its own in every changes table.
        for (var n = 0; n < 12; n++)
        {
            await InsertReportsAsync(agency, $"""
                SELECT '{(n % 2 == 0 ? "party_house" : "missing_found_location")}', now() - interval '{n * 20} days', {405000 + 700 * n}, {285000 + 300 * n}, '{1 + n % 3}'
                """);
        }

        var tables = (await database.ScalarAsync<string>("SELECT string_agg(name, ',' ORDER BY name) FROM report_density_tables"))!.Split(',');
        var changes = await database.ScalarAsync<long>("SELECT count(*) FROM report_density_changes");
        Assert.True(changes >= 12, $"{changes} change rows");
        await using var application = new HotspotIntelApplication(database.AppConnectionString,
            new Dictionary<string, string> { ["Tiles:FoldBatchChanges"] = "4" });
        using var scope = application.Services.CreateScope();

        var folded = await scope.ServiceProvider.GetRequiredService<FoldReportDensityChangesJob>().RunAsync(CancellationToken.None);

        Assert.True(folded >= changes, $"folded {folded} of at least {changes}");
        foreach (var table in tables)
        {
            Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM {table}_changes"));
        }

        var afterFolding = await CountsAsync(tables);
        await database.ExecuteAsync("SELECT recount_report_density()");
        Assert.Equal(await CountsAsync(tables), afterFolding);
    }

    [Fact]
    public async Task A_fold_leaves_the_changes_to_a_server_folding_them_and_folds_them_once_that_server_is_killed()
    {
        var agency = await TestData.CreateAgencyAsync(database.Application, "DENSK");
        await InsertReportsAsync(agency, "SELECT 'party_house', now() - interval '3 days', 406000, 286000, '2'");
        var changes = await database.ScalarAsync<long>("SELECT count(*) FROM report_density_changes");
        Assert.True(changes >= 1, $"{changes} change rows");
        // Another server folding: its session holds the fold's lock. Not pooled: it is killed, and a pooled connection would go back to the pool broken.
        await using var folding = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.JobsConnectionString) { Pooling = false }.ConnectionString);
        await folding.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({FoldReportDensityChangesJob.LockKey})", folding))
        {
            await take.ExecuteNonQueryAsync();
        }

        using var scope = database.Application.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<FoldReportDensityChangesJob>();

        Assert.Equal(0L, await job.RunAsync(CancellationToken.None));
        Assert.Equal(changes, await database.ScalarAsync<long>("SELECT count(*) FROM report_density_changes"));

        // That server is killed: its session ends with it, and nothing it held is left for the next fold to wait on. The
        // kill is waited for (up to 30 s): pg_terminate_backend only signals, and the fold tries the lock once.
        Assert.True(await database.ScalarAsync<bool>($"SELECT pg_terminate_backend({folding.ProcessID}, 30000)"));
        Assert.True(await job.RunAsync(CancellationToken.None) >= changes);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM report_density_changes"));
    }

    [Fact]
    public async Task Tiles_from_the_counts_equal_tiles_counted_live_at_every_batch_of_a_fold()
    {
        var agency = await TestData.CreateAgencyAsync(database.Application, "DENSS");
        // Four statements, each writing three reports in one cell, one in each month of a quarter: each statement leaves
        // one change row by quarter and three by month. The fold moves three rows of each table's at a time, so the counts
        // by quarter run ahead of those by month between its batches.
        var thisQuarter = new DateTimeOffset(ThisMonth.Year, (ThisMonth.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var k = 0; k < 4; k++)
        {
            await InsertReportsAsync(agency, $"""
                SELECT CASE WHEN m % 2 = 0 THEN 'party_house' ELSE 'missing_found_location' END,
                       '{Utc(thisQuarter.AddMonths(-3 * (k + 1)))}'::timestamptz + m * interval '1 month' + interval '2 days {k} hours',
                       {405000 + 300 * k}, {285000 + 200 * (k % 2)}, (1 + (m + {k}) % 3)::text
                FROM generate_series(0, 2) m
                """);
        }

        // Reports dated at the least instant there is (stored as -infinity), five centuries back and at infinity: months no series of
        // months may start from, and more of them than a tile lists.
        await InsertReportsAsync(agency, "SELECT 'party_house', t, 405600, 285200, '1' FROM unnest(ARRAY['-infinity', '1526-06-01T10:00:00Z', 'infinity']::timestamptz[]) t");

        var queries = new[]
        {
            // Whole quarters, and with months at their ends; an open start; grading and a category by month.
            $"from={Utc(thisQuarter.AddMonths(-12))}&to={Utc(thisQuarter)}",
            $"from={Utc(thisQuarter.AddMonths(-11))}&to={Utc(thisQuarter.AddMonths(1))}",
            $"to={Utc(thisQuarter.AddMonths(-4))}",
            $"sourceEvaluation=1,2&from={Utc(thisQuarter.AddMonths(-10))}&to={Utc(thisQuarter.AddMonths(-1).AddDays(9))}",
            "category=party_house",
            $"from={Utc(DateTimeOffset.MinValue)}",
            $"to={Utc(DateTimeOffset.MinValue)}",
            "sourceEvaluation=1&from=1500-01-01T00:00:00Z",
            $"category=party_house&to={Utc(thisQuarter)}",
        };
        var readers = new[] { (UserRole.Analyst, agency), (UserRole.TaskingMember, agency) };
        async Task<int> AssertEqualAtEveryBatchAsync(int maxChanges)
        {
            var batches = 0;
            do
            {
                foreach (var query in queries)
                {
                    Assert.Equal(await CellsAsync(readers, [10], query, live: true), await CellsAsync(readers, [10], query));
                }

                batches++;
            }
            while (await database.FoldReportDensityAsync(maxChanges) > 0);

            return batches;
        }

        Assert.True(await AssertEqualAtEveryBatchAsync(maxChanges: 3) > 3);

        // Three reports of three categories in one cell and month (one change row by month, three by category), then the
        // earliest report deleted: the next batch of two folds the delete by month but not by category, so the counts by
        // month no longer hold the earliest month while those by category still count the report in it.
        await InsertReportsAsync(agency, $"""
            SELECT c, '{Utc(thisQuarter)}'::timestamptz - interval '20 days', 405000, 285000, '2'
            FROM unnest(ARRAY['party_house', 'missing_found_location', 'vehicle_pick_up']) c
            """);
        await database.ExecuteAsync($"""
            DELETE FROM intelligence_reports
            WHERE id = (SELECT id FROM intelligence_reports WHERE agency_id = '{agency}' ORDER BY occurred_at LIMIT 1)
            """);
        Assert.True(await AssertEqualAtEveryBatchAsync(maxChanges: 2) > 1);
    }

    /// <summary>
    /// Reports written to the table by one statement, as a burst of writes leaves them (each statement's change rows
    /// grouped by cell): one for each row of <paramref name="rows"/>, a query of category, time, British National Grid
    /// easting and northing, and source evaluation.
    /// </summary>
    /// <summary>
    /// Reports with attributes drawn at random (seeded) and filters drawn at random: any categories, gradings, handling
    /// code, agency, one or two risk indicators, and windows from and to any second of the last fifteen months (some on a
    /// month's or a quarter's first instant); every reader gets from the API what counting live gives, before and after
    /// the changes are folded.
    /// </summary>
    [Theory]
    [InlineData(1, "DENR1")]
    [InlineData(2, "DENR2")]
    public async Task Tiles_under_any_filter_equal_tiles_counted_live(int seed, string code)
    {
        var random = new Random(seed);
        var owner = await TestData.CreateAgencyAsync(database.Application, code + "O");
        var partner = await TestData.CreateAgencyAsync(database.Application, code + "P");
        var outsider = await TestData.CreateAgencyAsync(database.Application, code + "X");
        await TestData.ShareAsync(database.Application, owner, partner);
        Guid[] agencies = [owner, partner, outsider];
        string[] categories = ["missing_found_location", "party_house", "vehicle_pick_up", "child_with_adults", "other"];
        string[] indicators = ["going_missing", "absent_from_school", "substance_misuse", "transported_by_adults"];
        (double, double)[] places = [.. SameCell, LoneCell, .. NotChildLinked];
        var earliest = ThisMonth.AddMonths(-15);
        DateTimeOffset AnyTime()
        {
            var time = earliest.AddSeconds(random.NextInt64((long)(DateTimeOffset.UtcNow - earliest).TotalSeconds));
            return random.Next(5) switch
            {
                0 => new DateTimeOffset(time.Year, time.Month, 1, 0, 0, 0, TimeSpan.Zero),
                1 => new DateTimeOffset(time.Year, (time.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, TimeSpan.Zero),
                _ => time,
            };
        }

        T[] Some<T>(T[] values, int most) => [.. values.OrderBy(_ => random.Next()).Take(random.Next(1, most + 1))];
        foreach (var agency in agencies)
        {
            using var analyst = database.Application.CreateClient(UserRole.Analyst, agency);
            for (var n = 0; n < 18; n++)
            {
                await CreateAsync(analyst, places[random.Next(places.Length)], categories[random.Next(categories.Length)], $"{random.Next(1, 4)}",
                    AnyTime(), random.Next(4) == 0 ? "C" : "P", $"{"ABCDE"[random.Next(5)]}", random.Next(2) == 0 ? [] : Some(indicators, 2));
            }
        }

        var filters = new List<string>();
        for (var n = 0; n < 16; n++)
        {
            var parts = new List<string>();
            if (random.Next(5) < 2)
            {
                parts.Add($"category={string.Join(',', Some(categories, 3))}");
            }

            if (random.Next(5) < 2)
            {
                parts.Add($"sourceEvaluation={string.Join(',', Some(["1", "2", "3"], 2))}");
            }

            if (random.Next(10) < 3)
            {
                parts.Add($"intelligenceAssessment={string.Join(',', Some(["A", "B", "C", "D", "E"], 3))}");
            }

            if (random.Next(5) == 0)
            {
                parts.Add($"handlingCode={(random.Next(2) == 0 ? "P" : "C")}");
            }

            if (random.Next(5) == 0)
            {
                parts.Add($"agencyId={agencies[random.Next(3)]}");
            }

            if (random.Next(4) == 0)
            {
                parts.AddRange(Some(indicators, 2).Select(indicator => $"indicator={indicator}"));
            }

            var (from, to) = (AnyTime(), AnyTime());
            var window = random.Next(4);
            if (window is 1 or 3)
            {
                parts.Add($"from={Utc(from < to || window == 1 ? from : to)}");
            }

            if (window is 2 or 3 && from != to)
            {
                parts.Add($"to={Utc(window == 2 || to > from ? to : from)}");
            }

            filters.Add(string.Join('&', parts));
        }

        var readers = new[] { (UserRole.Analyst, owner), (UserRole.TaskingMember, owner), (UserRole.TaskingMember, partner), (UserRole.Analyst, outsider) };
        for (var folded = 0; folded < 2; folded++)
        {
            foreach (var query in filters)
            {
                Assert.Equal(await CellsAsync(readers, [8, 11, 13], query, live: true), await CellsAsync(readers, [8, 11, 13], query));
            }

            await database.FoldReportDensityAsync();
        }
    }

    private Task InsertReportsAsync(Guid agency, string rows) => database.ExecuteAsync($"""
        INSERT INTO intelligence_reports (id, agency_id, category, narrative, occurred_at, recorded_at, location, location_precision_meters,
            source_evaluation, intelligence_assessment, handling_code, security_marking, lawful_basis, review_on, created_at, updated_at)
        SELECT gen_random_uuid(), '{agency}', r.category, 'Synthetic: written to the table in one statement', r.occurred_at, now(),
               ST_Transform(ST_SetSRID(ST_MakePoint(r.easting, r.northing), 27700), 4326), 10, r.source_evaluation, 'B', 'P',
               'OFFICIAL-SENSITIVE', 'law_enforcement', current_date + 365, now(), now()
        FROM ({rows}) AS r(category, occurred_at, easting, northing, source_evaluation)
        """);

    /// <summary>Every count table's rows, as text in one order.</summary>
    private async Task<List<string>> CountsAsync(IEnumerable<string> tables)
    {
        var counts = new List<string>();
        foreach (var table in tables)
        {
            counts.Add($"{table}: " + await database.ScalarAsync<string>($"SELECT coalesce(string_agg(t::text, ';' ORDER BY t::text), '') FROM {table} t"));
        }

        return counts;
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
        var live = await CellsAsync(readers, [8, 10, 12, 13], live: true);
        Assert.Equal(live, counted);
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static JsonObject Report((double Easting, double Northing) point, string category, string sourceEvaluation, DateTimeOffset occurredAt,
        string handlingCode = "P", string assessment = "B", string[]? indicators = null)
    {
        var report = TestData.ReportAtGridPoint(point, category);
        report["indicatorCodes"] = new JsonArray((indicators ?? []).Select(code => (JsonNode)code).ToArray());
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
        DateTimeOffset occurredAt, string handlingCode = "P", string assessment = "B", string[]? indicators = null)
    {
        var created = await client.PostAsJsonAsync("/api/reports", Report(point, category, sourceEvaluation, occurredAt, handlingCode, assessment, indicators));
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    /// <summary>
    /// Per reader and zoom, the cells (centre rounded to about 1 m, count) of the tiles over the reports' corner of the
    /// city (the city centre lies near a tile edge at these zooms), in a fixed order.
    /// </summary>
    /// <remarks>
    /// With <paramref name="live"/>, the tiles are counted live (<see cref="TileQueries.LiveTileAsync"/>) with the reader's
    /// session, not asked of the API, which adds up the counts where it can.
    /// </remarks>
    private async Task<Dictionary<string, string>> CellsAsync(IEnumerable<(UserRole Role, Guid Agency)> readers, int[] zooms, string query = "",
        bool live = false)
    {
        var cells = new Dictionary<string, string>();
        foreach (var (role, agency) in readers)
        {
            using var client = database.Application.CreateClient(role, agency);
            var session = new AccessSession($"test-{role}-{agency}", agency, EnumCodes<UserRole>.ToCode(role));
            foreach (var zoom in zooms)
            {
                var tiles = new[] { (-1.93, 52.46), (-1.93, 52.51), (-1.85, 52.46), (-1.85, 52.51) }
                    .Select(corner => TileOf(corner.Item1, corner.Item2, zoom)).Distinct();
                var features = new List<NetTopologySuite.Features.IFeature>();
                foreach (var tile in tiles)
                {
                    features.AddRange(live
                        ? Features(await TileQueries.LiveTileAsync(DataSource, session, TileLayer.Reports, new TileAddress(zoom, tile.X, tile.Y),
                            FilterOf(query), CancellationToken.None), "reports", zoom, tile)
                        : await FeaturesAsync(client, "reports", zoom, tile, query.Length == 0 ? "" : $"?{query}"));
                }

                cells[Key((role, agency), zoom)] = string.Join(" ", features
                    .Select(f => string.Create(CultureInfo.InvariantCulture,
                        $"{f.Geometry.Centroid.X:F5},{f.Geometry.Centroid.Y:F5}={Convert.ToInt64(f.Attributes["point_count"], CultureInfo.InvariantCulture)}"))
                    .Order(StringComparer.Ordinal));
            }
        }

        return cells;
    }

    private NpgsqlDataSource DataSource => database.Application.Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>The report filter the API reads from <paramref name="query"/>.</summary>
    private static ReportFilter FilterOf(string query)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        string[]? Codes(string name) => values.TryGetValue(name, out var v) ? [.. v.OfType<string>()] : null;
        DateTimeOffset? Time(string name) => values.TryGetValue(name, out var v) ? DateTimeOffset.Parse(v!, CultureInfo.InvariantCulture) : null;
        var errors = new HotspotIntel.Api.Errors.ValidationErrors();
        var filter = ReportFilter.Read(Time("from"), Time("to"), Codes("category"), Codes("sourceEvaluation"), Codes("intelligenceAssessment"),
            Codes("handlingCode"), values.TryGetValue("agencyId", out var agency) ? Guid.Parse(agency!) : null, Codes("indicator"), errors);
        Assert.False(errors.Any, query);
        return filter;
    }

    private static long Total(Dictionary<string, string> cells, (UserRole, Guid) reader, int zoom) =>
        cells[Key(reader, zoom)].Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(cell => long.Parse(cell.Split('=')[1], CultureInfo.InvariantCulture));

    private static string Key((UserRole Role, Guid Agency) reader, int zoom) => $"{reader.Role} {reader.Agency} z{zoom}";
}
