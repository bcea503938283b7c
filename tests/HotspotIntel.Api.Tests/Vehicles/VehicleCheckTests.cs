using System.Net;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Vehicles;

/// <summary>The licensing vehicle check: finding a vehicle by registration mark or hire plate from one search box, and the reports that mention it.</summary>
public sealed class VehicleCheckTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData("VCS1", "syn12ab")]
    [InlineData("VCS2", "SYN 12AB")]
    [InlineData("VCS3", "ph 0042")]
    public async Task One_search_box_finds_a_vehicle_by_mark_however_spaced_or_by_hire_plate(string agencyCode, string typed)
    {
        var (agencyId, analyst) = await database.SignInAsync(agencyCode);
        var id = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("SYN12AB", "private_hire", "PH 0042"));
        await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("SYN12AC", "private_hire", "PH 0043"));
        using var officer = database.Application.CreateClient(UserRole.LicensingOfficer, agencyId);

        var found = await officer.ListIdsAsync($"/api/vehicles?q={Uri.EscapeDataString(typed)}&agencyId={agencyId}");

        Assert.Equal([id], found);
    }

    [Fact]
    public async Task A_search_longer_than_any_plate_is_a_400_naming_q()
    {
        var (_, analyst) = await database.SignInAsync("VCS4");

        await (await analyst.GetAsync($"/api/vehicles?q={new string('A', 31)}")).AssertFieldErrorAsync("q");
    }

    [Fact]
    public async Task A_licensing_officer_sees_the_reports_mentioning_a_vehicle_without_the_persons_in_them()
    {
        var (agencyId, analyst) = await database.SignInAsync("VCC1");
        var vehicleId = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("SYN12AD", "private_hire", "PH 0044"));
        var adultId = await analyst.CreateAsync("/api/persons", EntityTestData.Person(familyName: "Testperson-Driver"));
        var pickUp = TestData.Report(category: "vehicle_pick_up");
        pickUp["narrative"] = "Synthetic: private-hire car seen collecting children from the park late at night.";
        pickUp["vehicleIds"] = new JsonArray(vehicleId);
        pickUp["personIds"] = new JsonArray(adultId);
        var reportId = await analyst.CreateAsync("/api/reports", pickUp);
        await analyst.CreateAsync("/api/reports", TestData.Report(category: "vehicle_pick_up"));
        using var officer = database.Application.CreateClient(UserRole.LicensingOfficer, agencyId);

        var response = await officer.GetAsync($"/api/vehicles/{vehicleId}/concerns");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var concern = Assert.Single(JsonNode.Parse(body)!["reports"]!.AsArray())!;
        Assert.Equal(reportId, concern["reportId"]!.GetValue<Guid>());
        Assert.Equal("vehicle_pick_up", concern["category"]!.GetValue<string>());
        Assert.Equal("2B P", concern["grading"]!.GetValue<string>());
        Assert.DoesNotContain("Testperson", body, StringComparison.Ordinal);
        Assert.DoesNotContain(adultId.ToString(), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_agency_s_unshared_vehicle_is_a_404_problem()
    {
        var (_, analyst) = await database.SignInAsync("VCC2A");
        var (_, other) = await database.SignInAsync("VCC2B", UserRole.LicensingOfficer);
        var vehicleId = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("SYN12AE"));

        await (await other.GetAsync($"/api/vehicles/{vehicleId}/concerns")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
