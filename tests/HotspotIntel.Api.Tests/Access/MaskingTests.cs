using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Reports;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Access;

/// <summary>Tasking members and licensing officers get child-linked locations only aggregated, and small counts suppressed, from SQL.</summary>
public sealed class MaskingTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // British National Grid points in the synthetic city; the first three share the 500 m cell centred on (407000, 286500).
    private static readonly (double Easting, double Northing)[] SameCell = [(406900, 286450), (407050, 286600), (407100, 286400)];
    private static readonly (double Easting, double Northing) LoneCell = (410000, 290000);

    [Theory]
    [InlineData(UserRole.TaskingMember)]
    [InlineData(UserRole.LicensingOfficer)]
    public async Task Masked_roles_never_receive_an_exact_child_linked_location(UserRole role)
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, $"MASK{(int)role}");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var exact = new List<double[]>();
        foreach (var point in SameCell.Append(LoneCell))
        {
            var created = await (await analyst.PostAsJsonAsync("/api/reports", TestData.ReportAtGridPoint(point))).ReadObjectAsync();
            exact.Add(Coordinates(created));
        }

        using var masked = database.Application.CreateClient(role, agencyId);
        var page = await (await masked.GetAsync("/api/reports?category=missing_found_location")).ReadObjectAsync();
        var features = page["features"]!.AsArray().Select(f => f!.AsObject()).ToList();

        Assert.Equal(3, features.Count);
        Assert.All(features, feature =>
        {
            Assert.DoesNotContain(exact, e => e[0] == Coordinates(feature)[0] && e[1] == Coordinates(feature)[1]);
            Assert.Equal(Coordinates(features[0]), Coordinates(feature));
            Assert.StartsWith("[withheld", feature["properties"]!["narrative"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task A_child_linked_report_alone_in_its_cell_is_suppressed_for_masked_roles_but_not_for_analysts()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "MASK9");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var lone = await (await analyst.PostAsJsonAsync("/api/reports", TestData.ReportAtGridPoint(LoneCell))).ReadObjectAsync();
        using var tasking = database.Application.CreateClient(UserRole.TaskingMember, agencyId);

        await (await tasking.GetAsync($"/api/reports/{lone["id"]}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var asAnalyst = await (await analyst.GetAsync($"/api/reports/{lone["id"]}")).ReadObjectAsync();
        Assert.Equal(Coordinates(lone), Coordinates(asAnalyst));
    }

    [Fact]
    public async Task Reports_not_linked_to_a_child_keep_their_exact_location_for_every_role()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "MASK10");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var created = await (await analyst.PostAsJsonAsync("/api/reports", TestData.Report(category: "premises_concern"))).ReadObjectAsync();
        using var tasking = database.Application.CreateClient(UserRole.TaskingMember, agencyId);

        var seen = await (await tasking.GetAsync($"/api/reports/{created["id"]}")).ReadObjectAsync();

        Assert.Equal(Coordinates(created), Coordinates(seen));
    }

    [Fact]
    public async Task Only_child_linked_reports_the_reader_may_see_count_towards_the_minimum_and_deleting_one_lowers_the_count()
    {
        // A cell of its own: three reports of an agency that shares nothing, one of the reader's own.
        (double Easting, double Northing) cell = (412000, 292000);
        var hidden = await TestData.CreateAgencyAsync(database.Application, "MASK11");
        using var hiddenAnalyst = database.Application.CreateClient(UserRole.Analyst, hidden);
        foreach (var offset in new[] { 0, 60, 120 })
        {
            await (await hiddenAnalyst.PostAsJsonAsync("/api/reports", TestData.ReportAtGridPoint((cell.Easting + offset, cell.Northing)))).ReadObjectAsync();
        }

        var own = await TestData.CreateAgencyAsync(database.Application, "MASK12");
        using var ownAnalyst = database.Application.CreateClient(UserRole.Analyst, own);
        var ownIds = new List<string>();
        foreach (var offset in new[] { 10, 70, 130 })
        {
            var created = await (await ownAnalyst.PostAsJsonAsync("/api/reports", TestData.ReportAtGridPoint((cell.Easting + offset, cell.Northing + 20)))).ReadObjectAsync();
            ownIds.Add(created["id"]!.GetValue<string>());
        }

        using var tasking = database.Application.CreateClient(UserRole.TaskingMember, own);
        Assert.Equal(3, await CountMaskedAsync(tasking, ownIds));
        (await ownAnalyst.DeleteAsync($"/api/reports/{ownIds[0]}")).EnsureSuccessStatusCode();

        Assert.Equal(0, await CountMaskedAsync(tasking, ownIds));
    }

    [Fact]
    public async Task A_bounding_box_finds_a_masked_report_at_its_cell_and_not_at_where_it_was()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "MASK13");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var exact = new List<double[]>();
        foreach (var point in SameCell)
        {
            exact.Add(Coordinates(await (await analyst.PostAsJsonAsync("/api/reports", TestData.ReportAtGridPoint(point))).ReadObjectAsync()));
        }

        using var tasking = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var cell = Coordinates((await ListAsync(tasking, null))[0]);

        // 0.0005 degrees is 35 to 55 m here; each point lies more than 100 m from its cell centre.
        Assert.Equal(3, (await ListAsync(tasking, BoxAround(cell, 0.0005))).Count);
        foreach (var point in exact)
        {
            Assert.Empty(await ListAsync(tasking, BoxAround(point, 0.0005)));
        }
    }

    [Fact]
    public async Task A_masked_reader_s_list_finds_the_shown_cells_once_not_once_per_candidate_report()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "MASK14");
        // A street-level box in the synthetic city centre: the planner expects few reports in it.
        var area = BoundingBox.Read("-1.8920,52.4850,-1.8890,52.4875", new ValidationErrors())!;

        var plan = await database.PlanAsSessionAsync(agencyId, "tasking_member",
            db => ReportsApi.Filter(db, area, ReportFilter.None));

        // shown_masking_cells() is the plan's one set-returning node. As a side of a join it was run again for every
        // candidate report when the planner expected few; a hashed subplan runs it once (migrations/0012).
        var cells = Assert.Single(plan, node => node["Node Type"]!.GetValue<string>() == "ProjectSet");
        Assert.Equal("SubPlan", cells["Parent Relationship"]!.GetValue<string>());
        Assert.Contains(plan, node => node["Filter"]?.GetValue<string>().Contains("(hashed SubPlan") == true);
    }

    private static async Task<List<JsonObject>> ListAsync(HttpClient client, string? bbox)
    {
        var page = await (await client.GetAsync($"/api/reports?category=missing_found_location{(bbox is null ? "" : $"&bbox={bbox}")}")).ReadObjectAsync();
        return [.. page["features"]!.AsArray().Select(f => f!.AsObject())];
    }

    private static string BoxAround(double[] point, double halfSideDegrees) => string.Join(",",
        new[] { point[0] - halfSideDegrees, point[1] - halfSideDegrees, point[0] + halfSideDegrees, point[1] + halfSideDegrees }
            .Select(value => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    private static async Task<int> CountMaskedAsync(HttpClient client, IReadOnlyList<string> ids)
    {
        var seen = 0;
        foreach (var id in ids)
        {
            var response = await client.GetAsync($"/api/reports/{id}");
            seen += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        return seen;
    }

    private static double[] Coordinates(JsonObject feature) =>
        [.. feature["geometry"]!["coordinates"]!.AsArray().Select(c => c!.GetValue<double>())];
}
