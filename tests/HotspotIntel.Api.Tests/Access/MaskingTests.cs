using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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
            var created = await (await analyst.PostAsJsonAsync("/api/reports", ChildLinkedReport(point))).ReadObjectAsync();
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
        var lone = await (await analyst.PostAsJsonAsync("/api/reports", ChildLinkedReport(LoneCell))).ReadObjectAsync();
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

    private static JsonObject ChildLinkedReport((double Easting, double Northing) point)
    {
        var report = TestData.Report(category: "missing_found_location");
        report["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(point.Easting, point.Northing) };
        report["coordinateSystem"] = "EPSG:27700";
        return report;
    }

    private static double[] Coordinates(JsonObject feature) =>
        [.. feature["geometry"]!["coordinates"]!.AsArray().Select(c => c!.GetValue<double>())];
}
