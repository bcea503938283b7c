using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Reports;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Grading;
using static HotspotIntel.Api.Tests.Tiles.TileReading;

namespace HotspotIntel.Api.Tests.Access;

/// <summary>
/// Small-count suppression for masked roles holds whatever the reader writes or filters (issue 12): only child-linked
/// reports recorded by roles that see exact places count toward a cell's minimum, and a filtered answer shows a cell's
/// child-linked reports only when it holds the minimum of them itself.
/// </summary>
public sealed class SuppressionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_masked_reader_s_own_report_does_not_lift_a_suppressed_cell_in_the_list_or_the_tiles()
    {
        // The probe of issue 12: two child-linked reports of two other agencies in one cell, hidden from a council's
        // tasking member; the tasking member posts a third into the cell.
        var council = await TestData.CreateAgencyAsync(database.Application, "SUP1");
        var otherIds = new List<Guid>();
        foreach (var (code, point) in new[] { ("SUP1A", (405050.0, 288050.0)), ("SUP1B", (404950.0, 287900.0)) })
        {
            var other = await TestData.CreateAgencyAsync(database.Application, code);
            await TestData.ShareAsync(database.Application, other, council);
            using var otherAnalyst = database.Application.CreateClient(UserRole.Analyst, other);
            otherIds.Add(await otherAnalyst.CreateAsync("/api/reports", ChildLinkedReport(point)));
        }

        using var tasking = database.Application.CreateClient(UserRole.TaskingMember, council);
        Assert.Empty(await ListIdsAsync(tasking, ""));

        var posted = await tasking.PostAsJsonAsync("/api/reports", ChildLinkedReport((405000, 288100)));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Empty(await ListIdsAsync(tasking, ""));
        foreach (var id in otherIds)
        {
            await (await tasking.GetAsync($"/api/reports/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        var (longitude, latitude) = await CellCentreAsync(405000, 288000);
        Assert.Empty(await FeaturesAsync(tasking, "reports", 14, TileOf(longitude, latitude, 14)));
        Assert.Empty(await FeaturesAsync(tasking, "reports", 10, TileOf(longitude, latitude, 10)));
        await database.FoldReportDensityAsync();
        Assert.Empty(await FeaturesAsync(tasking, "reports", 10, TileOf(longitude, latitude, 10)));
    }

    [Fact]
    public async Task Neither_a_colleague_s_nor_a_partner_agency_s_masked_role_reports_lift_a_suppressed_cell()
    {
        var council = await TestData.CreateAgencyAsync(database.Application, "SUP2");
        var police = await TestData.CreateAgencyAsync(database.Application, "SUP2P");
        var partner = await TestData.CreateAgencyAsync(database.Application, "SUP2C");
        await TestData.ShareAsync(database.Application, police, council);
        await TestData.ShareAsync(database.Application, partner, council);
        using var policeAnalyst = database.Application.CreateClient(UserRole.Analyst, police);
        await policeAnalyst.CreateAsync("/api/reports", ChildLinkedReport((409050, 291050)));
        await policeAnalyst.CreateAsync("/api/reports", ChildLinkedReport((408950, 290950)));
        // A colleague in the reader's own agency, and a partner agency's tasking member and licensing officer.
        using var colleague = database.Application.CreateClient(UserRole.TaskingMember, council, "colleague-of-the-reader");
        using var partnerTasking = database.Application.CreateClient(UserRole.TaskingMember, partner);
        using var partnerLicensing = database.Application.CreateClient(UserRole.LicensingOfficer, partner);
        foreach (var writer in new[] { colleague, partnerTasking, partnerLicensing })
        {
            await writer.CreateAsync("/api/reports", ChildLinkedReport((409000, 291100)));
        }

        using var reader = database.Application.CreateClient(UserRole.TaskingMember, council, "the-reader");
        using var licensingReader = database.Application.CreateClient(UserRole.LicensingOfficer, council);
        var (longitude, latitude) = await CellCentreAsync(409000, 291000);

        Assert.Empty(await ListIdsAsync(reader, ""));
        Assert.Empty(await ListIdsAsync(licensingReader, ""));
        Assert.Empty(await ListIdsAsync(colleague, ""));
        Assert.Empty(await FeaturesAsync(reader, "reports", 14, TileOf(longitude, latitude, 14)));

        // A third report from a role that sees exact places shows the cell, with every report in it the reader may see.
        using var councilAnalyst = database.Application.CreateClient(UserRole.Analyst, council);
        await councilAnalyst.CreateAsync("/api/reports", ChildLinkedReport((409100, 291000)));
        Assert.Equal(6, (await ListIdsAsync(reader, "")).Count);
        Assert.Equal(6, (await FeaturesAsync(reader, "reports", 14, TileOf(longitude, latitude, 14))).Count);
    }

    [Fact]
    public async Task A_filter_leaving_fewer_than_the_minimum_of_a_shown_cell_s_child_linked_reports_hides_them_in_the_list_and_the_tiles()
    {
        var agency = await TestData.CreateAgencyAsync(database.Application, "SUP3");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agency);
        var now = DateTimeOffset.UtcNow;
        // One shown cell: three child-linked reports (source evaluations 1, 2, 2; ten, five and two days ago) and a
        // report not linked to a child, which no suppression touches.
        var reliable = await analyst.CreateAsync("/api/reports", ChildLinkedReport((411050, 285050), "1", now.AddDays(-10)));
        var untested = new[]
        {
            await analyst.CreateAsync("/api/reports", ChildLinkedReport((410950, 284950), "2", now.AddDays(-5))),
            await analyst.CreateAsync("/api/reports", ChildLinkedReport((411100, 285000), "2", now.AddDays(-2))),
        };
        var notChildLinked = TestData.ReportAtGridPoint((411000, 285050), "party_house");
        notChildLinked["occurredAt"] = now.AddDays(-5).ToString("O");
        var partyHouse = await analyst.CreateAsync("/api/reports", notChildLinked);
        using var tasking = database.Application.CreateClient(UserRole.TaskingMember, agency);
        var since = Uri.EscapeDataString(now.AddDays(-6).ToString("O"));

        Assert.Equal(Sorted([reliable, .. untested, partyHouse]), Sorted(await ListIdsAsync(tasking, "")));
        Assert.Equal([partyHouse], await ListIdsAsync(tasking, "?sourceEvaluation=2"));
        Assert.Empty(await ListIdsAsync(tasking, "?sourceEvaluation=1"));
        Assert.Equal([partyHouse], await ListIdsAsync(tasking, $"?from={since}"));
        Assert.Empty(await ListIdsAsync(tasking, "?category=missing_found_location&intelligenceAssessment=B&to=" + since));
        Assert.Equal(Sorted([reliable, .. untested]), Sorted(await ListIdsAsync(tasking, $"?category=missing_found_location&agencyId={agency}&handlingCode=P")));
        // The cells that pass are the filtered answer's, not a page's: a page of one still shows the cell's reports.
        Assert.Equal(Sorted([reliable, .. untested]), Sorted(await AllPagesAsync(tasking, "?sourceEvaluation=1,2&category=missing_found_location&limit=1")));
        // Readers who see exact places are not suppressed.
        Assert.Equal(Sorted([.. untested, partyHouse]), Sorted(await ListIdsAsync(analyst, "?sourceEvaluation=2")));

        var points = new[] { (411050.0, 285050.0), (410950.0, 284950.0), (411100.0, 285000.0), (411000.0, 285050.0) };
        Assert.Equal(Sorted([reliable, .. untested, partyHouse]), Sorted(await TileIdsAsync(tasking, points, "")));
        Assert.Equal([partyHouse], await TileIdsAsync(tasking, points, "?sourceEvaluation=2"));
        Assert.Equal(Sorted([.. untested, partyHouse]), Sorted(await TileIdsAsync(analyst, points, "?sourceEvaluation=2")));
        var (longitude, latitude) = await CellCentreAsync(411000, 285000);
        var counted = await FeaturesAsync(tasking, "reports", 10, TileOf(longitude, latitude, 10), "?sourceEvaluation=2");
        Assert.Equal(1, counted.Sum(cell => Convert.ToInt64(cell.Attributes["point_count"], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_masked_reader_s_filtered_list_finds_the_cells_it_leaves_out_once_through_the_child_linked_cell_index()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "SUP4");
        // A street-level box in the synthetic city centre, and one grading filter.
        var area = BoundingBox.Read("-1.8920,52.4850,-1.8890,52.4875", new ValidationErrors())!;
        var filter = ReportFilter.None with { SourceEvaluations = [SourceEvaluation.Reliable] };

        var plan = await database.PlanAsSessionAsync(agencyId, "tasking_member", db => ReportsApi.Filter(db, area, filter));

        // suppressed_masking_cells() is inlined: its count searches the child-linked reports' cell index within the box,
        // as the view's child-linked branch does; the candidates are tested against its cells as a hashed subplan, made
        // once per query, not once per candidate report. The shown cells stay the one set-returning subplan (0012).
        var cellSearches = plan.Where(node => node["Index Name"]?.GetValue<string>() == "intelligence_reports_child_masking_cell_idx"
            && node["Index Cond"]!.GetValue<string>().StartsWith("(masking_cell && ", StringComparison.Ordinal));
        Assert.Equal(2, cellSearches.Count());
        Assert.Contains(plan, node => node["Filter"]?.GetValue<string>().Contains("(NOT COALESCE((hashed SubPlan", StringComparison.Ordinal) == true);
        Assert.Single(plan, node => node["Node Type"]!.GetValue<string>() == "ProjectSet");
    }

    /// <summary>The ids of the first page of GET /api/reports as <paramref name="client"/> sees it.</summary>
    private static Task<List<Guid>> ListIdsAsync(HttpClient client, string query) => client.ListIdsAsync($"/api/reports{query}");

    private static async Task<List<Guid>> AllPagesAsync(HttpClient client, string query)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync($"/api/reports{query}{(cursor is null ? "" : $"&cursor={cursor}")}")).ReadObjectAsync();
            ids.AddRange(page["features"]!.AsArray().Select(f => f!["id"]!.GetValue<Guid>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return ids;
    }

    /// <summary>The report ids in the street-level tiles over <paramref name="points"/> (British National Grid).</summary>
    private async Task<List<Guid>> TileIdsAsync(HttpClient client, IEnumerable<(double Easting, double Northing)> points, string query)
    {
        var tiles = new HashSet<(int, int)>();
        foreach (var (easting, northing) in points)
        {
            var (longitude, latitude) = await PointAsync(easting, northing);
            tiles.Add(TileOf(longitude, latitude, 14));
        }

        var ids = new List<Guid>();
        foreach (var tile in tiles)
        {
            ids.AddRange((await FeaturesAsync(client, "reports", 14, tile, query)).Select(f => Guid.Parse((string)f.Attributes["id"])));
        }

        return ids;
    }

    /// <summary>The WGS84 position of the centre of the 500 m cell that holds a British National Grid point.</summary>
    private Task<(double Longitude, double Latitude)> CellCentreAsync(double easting, double northing) =>
        Wgs84Async(FormattableString.Invariant($"ST_SnapToGrid(ST_SetSRID(ST_MakePoint({easting}, {northing}), 27700), 500)"));

    private Task<(double Longitude, double Latitude)> PointAsync(double easting, double northing) =>
        Wgs84Async(FormattableString.Invariant($"ST_SetSRID(ST_MakePoint({easting}, {northing}), 27700)"));

    private async Task<(double Longitude, double Latitude)> Wgs84Async(string britishNationalGridPoint) =>
        (await database.ScalarAsync<double>($"SELECT ST_X(ST_Transform({britishNationalGridPoint}, 4326))"),
         await database.ScalarAsync<double>($"SELECT ST_Y(ST_Transform({britishNationalGridPoint}, 4326))"));

    private static List<Guid> Sorted(IEnumerable<Guid> ids) => [.. ids.Order()];

    private static JsonObject ChildLinkedReport((double Easting, double Northing) point, string sourceEvaluation = "2", DateTimeOffset? occurredAt = null)
    {
        var report = TestData.ReportAtGridPoint(point);
        report["sourceEvaluation"] = sourceEvaluation;
        if (occurredAt is { } at)
        {
            report["occurredAt"] = at.ToString("O");
        }

        return report;
    }
}
