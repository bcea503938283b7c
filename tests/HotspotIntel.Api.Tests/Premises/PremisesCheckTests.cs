using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Premises;

/// <summary>The licensing premises check: finding a premises from one search box, the reports that mention it and the hotspots near it.</summary>
public sealed class PremisesCheckTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // Birmingham city centre's coordinates (synthetic premises and reports only); at this latitude 0.001° of longitude is about 68 m.
    private const double Longitude = TestData.CentreLongitude;
    private const double Latitude = TestData.CentreLatitude;
    private const double MetresPerDegreeLongitude = 67_900;

    [Theory]
    [InlineData("PCS1", "kebab")]
    [InlineData("PCS2", "zz11zz")]
    [InlineData("PCS3", "zz1 1zz")]
    [InlineData("PCS4", "pl/2026/42")]
    [InlineData("PCS5", "example street")]
    public async Task One_search_box_finds_a_premises_by_name_postcode_however_spaced_licence_number_or_address(string agencyCode, string typed)
    {
        var (agencyId, analyst) = await database.SignInAsync(agencyCode);
        var premises = EntityTestData.Premises();
        premises["licenceNumber"] = "PL/2026/42";
        var id = await analyst.CreateAsync("/api/premises", premises);
        using var officer = database.Application.CreateClient(UserRole.LicensingOfficer, agencyId);

        var found = await officer.ListIdsAsync($"/api/premises?q={Uri.EscapeDataString(typed)}&agencyId={agencyId}");

        Assert.Equal([id], found);
    }

    [Fact]
    public async Task A_licensing_officer_sees_the_concerns_graded_and_dated_but_no_person_and_no_child_linked_report()
    {
        var (agencyId, analyst) = await database.SignInAsync("PCC1");
        var premisesId = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var adultId = await analyst.CreateAsync("/api/persons", EntityTestData.Person(familyName: "Testperson-Adultname"));
        var childId = await analyst.CreateAsync("/api/persons", EntityTestData.Person(role: "child_at_risk", familyName: "Testperson-Childname"));
        var concern = TestData.Report(category: "premises_concern");
        concern["narrative"] = "Synthetic: staff seen serving alcohol to under-age customers.";
        concern["premisesIds"] = new JsonArray(premisesId);
        concern["personIds"] = new JsonArray(adultId);
        var concernId = await analyst.CreateAsync("/api/reports", concern);
        // Three child-linked reports in one 500 m cell: enough for a masked role to be shown them at the cell, but listed
        // against the premises they would say where the child was.
        var childLinkedIds = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var childLinked = TestData.Report(Longitude + (i * 0.0001), Latitude);
            childLinked["premisesIds"] = new JsonArray(premisesId);
            childLinked["personIds"] = new JsonArray(childId);
            childLinkedIds.Add(await analyst.CreateAsync("/api/reports", childLinked));
        }

        using var officer = database.Application.CreateClient(UserRole.LicensingOfficer, agencyId);
        var response = await officer.GetAsync($"/api/premises/{premisesId}/concerns");
        var body = await response.Content.ReadAsStringAsync();
        var check = JsonNode.Parse(body)!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reports = check["reports"]!.AsArray();
        var premisesConcern = Assert.Single(reports)!;
        Assert.Equal(concernId, premisesConcern["reportId"]!.GetValue<Guid>());
        Assert.Equal("premises_concern", premisesConcern["category"]!.GetValue<string>());
        Assert.Equal("2B P", premisesConcern["grading"]!.GetValue<string>());
        Assert.Equal("Synthetic PCC1 Agency", premisesConcern["agencyName"]!.GetValue<string>());
        Assert.Equal("Synthetic: staff seen serving alcohol to under-age customers.", premisesConcern["narrative"]!.GetValue<string>());
        Assert.All(childLinkedIds, id => Assert.DoesNotContain(id.ToString(), body, StringComparison.Ordinal));
        Assert.DoesNotContain("Testperson", body, StringComparison.Ordinal);
        Assert.DoesNotContain(adultId.ToString(), body, StringComparison.Ordinal);
        Assert.DoesNotContain(childId.ToString(), body, StringComparison.Ordinal);
        Assert.DoesNotContain("person", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("coordinates", body, StringComparison.Ordinal);
        // The analyst reads every concern, in full.
        var analystView = await (await analyst.GetAsync($"/api/premises/{premisesId}/concerns")).ReadObjectAsync();
        Assert.Equal(4, analystView["reports"]!.AsArray().Count);
        Assert.DoesNotContain(analystView["reports"]!.AsArray(), r => r!["narrative"]!.GetValue<string>().StartsWith("[withheld", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_agency_s_concern_is_shown_only_when_its_handling_code_lets_it_share()
    {
        var (council, councilAnalyst) = await database.SignInAsync("PCC2A");
        var (police, policeAnalyst) = await database.SignInAsync("PCC2B");
        var unrelated = await TestData.CreateAgencyAsync(database.Application, "PCC2C");
        var premisesId = await councilAnalyst.CreateAsync("/api/premises", EntityTestData.Premises());
        await TestData.ShareAsync(database.Application, council, police);
        await TestData.ShareAsync(database.Application, police, council);
        var shared = TestData.Report(category: "premises_concern");
        shared["premisesIds"] = new JsonArray(premisesId);
        var sharedId = await policeAnalyst.CreateAsync("/api/reports", shared);
        var conditional = TestData.Report(category: "premises_concern");
        conditional["premisesIds"] = new JsonArray(premisesId);
        conditional["handlingCode"] = "C";
        conditional["handlingConditions"] = "Not to be disseminated outside the force.";
        await policeAnalyst.CreateAsync("/api/reports", conditional);

        using var officer = database.Application.CreateClient(UserRole.LicensingOfficer, council);
        using var outsider = database.Application.CreateClient(UserRole.LicensingOfficer, unrelated);
        var seen = await (await officer.GetAsync($"/api/premises/{premisesId}/concerns")).ReadObjectAsync();

        Assert.Equal([sharedId], seen["reports"]!.AsArray().Select(r => r!["reportId"]!.GetValue<Guid>()));
        await (await outsider.GetAsync($"/api/premises/{premisesId}/concerns")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Nearby_hotspots_are_the_latest_run_s_within_the_radius_nearest_first_with_their_trend()
    {
        var (agencyId, analyst) = await database.SignInAsync("PCH1");
        var premisesId = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var (around, east, far) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // An older run's hotspot over the premises: superseded, so not shown.
        await database.AddSucceededRunAsync(agencyId, 60, new HotspotRows.Disc(Guid.NewGuid(), Longitude, Latitude, 150, "persistent", 30));
        await database.AddSucceededRunAsync(agencyId, 5,
            new HotspotRows.Disc(around, Longitude, Latitude, 100, "new", 8),
            new HotspotRows.Disc(east, Longitude + (400 / MetresPerDegreeLongitude), Latitude, 100, "intensifying", 20),
            new HotspotRows.Disc(far, Longitude + (3000 / MetresPerDegreeLongitude), Latitude, 100, "persistent", 50));
        // As an analyst, who sees the hotspots' exact areas (a licensing officer sees the masking cells they touch).
        var near = (await (await analyst.GetAsync($"/api/premises/{premisesId}/concerns")).ReadObjectAsync())["nearbyHotspots"]!.AsArray();
        var closest = (await (await analyst.GetAsync($"/api/premises/{premisesId}/concerns?radiusMeters=50")).ReadObjectAsync())["nearbyHotspots"]!.AsArray();

        Assert.Equal([around, east], near.Select(h => h!["hotspotId"]!.GetValue<Guid>()));
        Assert.Equal(["new", "intensifying"], near.Select(h => h!["trend"]!.GetValue<string>()));
        Assert.Equal(0, near[0]!["distanceMeters"]!.GetValue<double>());
        Assert.InRange(near[1]!["distanceMeters"]!.GetValue<double>(), 280, 320);
        Assert.Equal(20, near[1]!["weightedScore"]!.GetValue<double>(), 9);
        Assert.Equal([around], closest.Select(h => h!["hotspotId"]!.GetValue<Guid>()));
    }

    [Theory]
    [InlineData("PCR1", 0)]
    [InlineData("PCR2", 5001)]
    public async Task A_radius_out_of_range_is_a_400_naming_radiusMeters(string agencyCode, int radiusMeters)
    {
        var (_, analyst) = await database.SignInAsync(agencyCode);
        var premisesId = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());

        await (await analyst.GetAsync($"/api/premises/{premisesId}/concerns?radiusMeters={radiusMeters}")).AssertFieldErrorAsync("radiusMeters");
    }

    [Fact]
    public async Task Checking_a_premises_that_does_not_exist_is_a_404_problem()
    {
        var (_, analyst) = await database.SignInAsync("PCN1");

        await (await analyst.GetAsync($"/api/premises/{Guid.NewGuid()}/concerns")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
