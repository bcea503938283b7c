using System.Net;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using static HotspotIntel.Api.Tests.Network.NetworkTestData;

namespace HotspotIntel.Api.Tests.Network;

public sealed class ReportNamesAndHotspotConnectionsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static JsonObject ReportNaming(Guid? person = null, Guid? premises = null, Guid? vehicle = null, string category = "other")
    {
        var report = TestData.Report(category: category);
        report["personIds"] = person is { } p ? new JsonArray(p) : new JsonArray();
        report["premisesIds"] = premises is { } x ? new JsonArray(x) : new JsonArray();
        report["vehicleIds"] = vehicle is { } v ? new JsonArray(v) : new JsonArray();
        return report;
    }

    private static List<(string, string)> Named(JsonObject named) =>
        [.. named["entities"]!.AsArray().Select(entity => (entity!["kind"]!.GetValue<string>(), entity["label"]!.GetValue<string>()))];

    [Fact]
    public async Task A_report_s_panel_lists_what_it_names_persons_to_analysts_who_say_why()
    {
        var (agencyId, analyst) = await database.SignInAsync("RNA1");
        var person = await analyst.PersonAsync("Testnamed");
        var premises = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var vehicle = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle());
        var report = await analyst.CreateAsync("/api/reports", ReportNaming(person, premises, vehicle));
        using var tasking = database.Application.CreateClient(UserRole.TaskingMember, agencyId);

        var asAnalyst = await (await analyst.GetAsync($"/api/reports/{report}/named")).ReadObjectAsync();
        var asTaskingMember = await (await tasking.GetAsync($"/api/reports/{report}/named")).ReadObjectAsync();

        Assert.Equal([("person", "Alpha Example TESTNAMED"), ("premises", "Example Kebab House"), ("vehicle", "ZZ12TST")], Named(asAnalyst));
        Assert.True(asAnalyst["personsIncluded"]!.GetValue<bool>());
        Assert.Equal([("premises", "Example Kebab House"), ("vehicle", "ZZ12TST")], Named(asTaskingMember));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE action = 'consultation' AND entity_kind = 'persons' AND entity_id = '{person}'"));
    }

    [Fact]
    public async Task A_child_linked_report_names_nothing_to_a_tasking_member()
    {
        var (agencyId, analyst) = await database.SignInAsync("RNA2");
        var child = await analyst.CreateAsync("/api/persons", EntityTestData.Person(role: "child_at_risk"));
        var premises = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var report = await analyst.CreateAsync("/api/reports", ReportNaming(child, premises));
        // Enough child-linked reports recorded by analysts in the cell that a tasking member is shown the report at all.
        await analyst.CreateAsync("/api/reports", ReportNaming(child));
        await analyst.CreateAsync("/api/reports", ReportNaming(child));
        using var tasking = database.Application.CreateClient(UserRole.TaskingMember, agencyId);

        var asTaskingMember = await (await tasking.GetAsync($"/api/reports/{report}/named")).ReadObjectAsync();

        Assert.Empty(asTaskingMember["entities"]!.AsArray());
    }

    [Fact]
    public async Task Another_agency_s_unshared_report_is_a_404()
    {
        var (_, owner) = await database.SignInAsync("RNA3");
        var (_, outsider) = await database.SignInAsync("RNA4");
        var report = await owner.CreateAsync("/api/reports", ReportNaming());

        await (await outsider.GetAsync($"/api/reports/{report}/named")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task What_connects_a_premises_to_a_hotspot_is_the_shortest_path_to_what_the_hotspot_holds()
    {
        var (agencyId, analyst) = await database.SignInAsync("RNA5");
        var bar = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var hotel = await analyst.CreateAsync("/api/premises", EntityTestData.Premises(premisesType: "hotel"));
        var (owner, driver) = (await analyst.PersonAsync("Testowner"), await analyst.PersonAsync("Testdriver"));
        await analyst.LinkAsync(owner, bar, "owner_or_licence_holder", toKind: "premises");
        await analyst.LinkAsync(owner, driver);
        await analyst.LinkAsync(driver, hotel, "frequents", toKind: "premises");
        var hotspot = Guid.NewGuid();
        await database.AddSucceededRunAsync(agencyId, 1, new HotspotRows.Disc(hotspot, TestData.CentreLongitude, TestData.CentreLatitude, 200, "persistent", 9));
        await database.HoldAsync(hotspot, hotel);

        var answer = await (await analyst.GetAsync($"/api/network/hotspot-connections?premisesId={bar}&hotspotId={hotspot}")).ReadObjectAsync();
        var tooShort = await (await analyst.GetAsync($"/api/network/hotspot-connections?premisesId={bar}&hotspotId={hotspot}&maxHops=2")).ReadObjectAsync();

        var path = Assert.Single(answer["hotspots"]![0]!["paths"]!.AsArray())!;
        Assert.Equal([bar, owner, driver, hotel], path["nodes"]!.AsArray().Select(n => n!.GetValue<Guid>()));
        Assert.Equal(3, path["steps"]!.AsArray().Count);
        Assert.Empty(tooShort["hotspots"]![0]!["paths"]!.AsArray());
    }

    /// <summary>
    /// A hotspot made only of an unshared agency's reports is not the reader's to see (no list, tile or panel shows it
    /// to them), so asking what connects their premises to it must tell them nothing of what it holds, exactly as for a
    /// hotspot that does not exist.
    /// </summary>
    [Fact]
    public async Task A_hotspot_the_reader_may_not_see_connects_to_nothing_as_one_that_does_not_exist()
    {
        var unshared = await TestData.CreateAgencyAsync(database.Application, "RNA6");
        var (agencyId, analyst) = await database.SignInAsync("RNA7");
        var bar = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var hotel = await analyst.CreateAsync("/api/premises", EntityTestData.Premises(premisesType: "hotel"));
        var owner = await analyst.PersonAsync("Testowner");
        await analyst.LinkAsync(owner, bar, "owner_or_licence_holder", toKind: "premises");
        await analyst.LinkAsync(owner, hotel, "frequents", toKind: "premises");
        var hidden = Guid.NewGuid();
        await database.AddSucceededRunAsync(unshared, 1, new HotspotRows.Disc(hidden, TestData.CentreLongitude, TestData.CentreLatitude, 200, "persistent", 9));
        await database.HoldAsync(hidden, hotel);

        var asked = await analyst.GetAsync($"/api/network/hotspot-connections?premisesId={bar}&hotspotId={hidden}");
        var nonexistent = await analyst.GetAsync($"/api/network/hotspot-connections?premisesId={bar}&hotspotId={Guid.Empty}");
        var network = await analyst.GetAsync($"/api/network?start=hotspot:{hidden}&hops=1");
        var nonexistentNetwork = await analyst.GetAsync($"/api/network?start=hotspot:{Guid.Empty}&hops=1");

        Assert.Equal(0L, await database.CountAsSessionAsync(agencyId, "analyst", $"SELECT count(*) FROM hotspots_seen(NULL, '{hidden}')"));
        Assert.Equal(nonexistent.StatusCode, asked.StatusCode);
        var answer = await asked.ReadObjectAsync();
        Assert.Empty(answer["hotspots"]![0]!["paths"]!.AsArray());
        Assert.Empty(answer["links"]!.AsArray());
        // Nor does a network started from it begin at what it holds.
        Assert.Equal(nonexistentNetwork.StatusCode, network.StatusCode);
        Assert.Equal(await nonexistentNetwork.Content.ReadAsStringAsync(), (await network.Content.ReadAsStringAsync()).Replace(hidden.ToString(), Guid.Empty.ToString()));
    }

    [Fact]
    public async Task A_network_started_from_a_hotspot_the_reader_sees_begins_at_what_it_holds()
    {
        var (agencyId, analyst) = await database.SignInAsync("RNA8");
        var hotel = await analyst.CreateAsync("/api/premises", EntityTestData.Premises(premisesType: "hotel"));
        var driver = await analyst.PersonAsync("Testdriver");
        await analyst.LinkAsync(driver, hotel, "frequents", toKind: "premises");
        var hotspot = Guid.NewGuid();
        await database.AddSucceededRunAsync(agencyId, 1, new HotspotRows.Disc(hotspot, TestData.CentreLongitude, TestData.CentreLatitude, 200, "persistent", 9));
        await database.HoldAsync(hotspot, hotel);

        var network = await analyst.NetworkAsync($"start=hotspot:{hotspot}&hops=1");

        Assert.Equal(Sorted(hotel, driver), network.NodeIds());
        Assert.Equal(0, network.HopOf(hotel));
    }
}
