using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Links;

public sealed class LinksApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Route = "/api/links";

    [Fact]
    public async Task A_link_reads_back_with_its_kind_ends_and_source_reports()
    {
        var (_, client) = await database.SignInAsync("LNK1");
        var (personId, premisesId) = (await PersonAsync(client), await PremisesAsync(client));
        var reportId = await client.CreateAsync("/api/reports", TestData.Report());
        var request = EntityTestData.Link("person", personId, "premises", premisesId, "frequents");
        request["sourceReportIds"] = new JsonArray(reportId);
        var id = await client.CreateAsync(Route, request);

        var read = await (await client.GetAsync($"{Route}/{id}")).ReadObjectAsync();

        Assert.Equal("person_premises", read["kind"]!.GetValue<string>());
        Assert.Equal("frequents", read["linkType"]!.GetValue<string>());
        Assert.Equal(personId, read["from"]!["id"]!.GetValue<Guid>());
        Assert.Equal("premises", read["to"]!["kind"]!.GetValue<string>());
        Assert.Equal(premisesId, read["to"]!["id"]!.GetValue<Guid>());
        Assert.Equal([reportId], read["sourceReportIds"]!.AsArray().Select(r => r!.GetValue<Guid>()));
    }

    [Fact]
    public async Task Ends_given_in_either_order_come_back_in_the_kinds_order()
    {
        var (_, client) = await database.SignInAsync("LNK2");
        var (vehicleId, premisesId) = (await VehicleAsync(client), await PremisesAsync(client));

        var created = await (await client.PostAsJsonAsync(Route,
            EntityTestData.Link("vehicle", vehicleId, "premises", premisesId, "operates_from"))).ReadObjectAsync();

        Assert.Equal("premises_vehicle", created["kind"]!.GetValue<string>());
        Assert.Equal(premisesId, created["from"]!["id"]!.GetValue<Guid>());
        Assert.Equal(vehicleId, created["to"]!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_person_person_link_is_stored_in_person_and_related_person()
    {
        var (_, client) = await database.SignInAsync("LNK3");
        var (first, second) = (await PersonAsync(client), await PersonAsync(client));

        var id = await client.CreateAsync(Route, EntityTestData.Link("person", first, "person", second));

        Assert.Equal(first, await database.ScalarAsync<Guid>($"SELECT person_id FROM links WHERE id = '{id}'"));
        Assert.Equal(second, await database.ScalarAsync<Guid>($"SELECT related_person_id FROM links WHERE id = '{id}'"));
    }

    [Theory]
    [InlineData("LNK4A", "premises", "location")]
    [InlineData("LNK4B", "vehicle", "vehicle")]
    [InlineData("LNK4C", "location", "vehicle")]
    public async Task An_unlinkable_pair_is_a_400(string agencyCode, string fromKind, string toKind)
    {
        var (_, client) = await database.SignInAsync(agencyCode);
        var ends = new Dictionary<string, Guid>
        {
            ["premises"] = await PremisesAsync(client),
            ["vehicle"] = await VehicleAsync(client),
            ["location"] = await LocationAsync(client),
        };
        var request = EntityTestData.Link(fromKind, ends[fromKind], toKind, ends[toKind]);

        var message = await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("to.kind");

        Assert.Contains("cannot be linked", message);
    }

    [Fact]
    public async Task A_person_linked_to_themselves_is_a_400()
    {
        var (_, client) = await database.SignInAsync("LNK5");
        var personId = await PersonAsync(client);

        await (await client.PostAsJsonAsync(Route, EntityTestData.Link("person", personId, "person", personId)))
            .AssertFieldErrorAsync("to.id");
    }

    [Fact]
    public async Task An_end_that_does_not_exist_is_a_400_naming_that_end()
    {
        var (_, client) = await database.SignInAsync("LNK6");
        var request = EntityTestData.Link("person", await PersonAsync(client), "vehicle", Guid.NewGuid());

        var message = await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("to.id");

        Assert.Contains("no vehicle", message);
    }

    [Fact]
    public async Task An_end_of_the_wrong_kind_is_a_400_naming_that_end()
    {
        var (_, client) = await database.SignInAsync("LNK7");
        // A premises id sent as a person: it exists, but not as a person.
        var request = EntityTestData.Link("person", await PremisesAsync(client), "vehicle", await VehicleAsync(client));

        await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("from.id");
    }

    [Fact]
    public async Task An_unknown_source_report_is_a_400_naming_sourceReportIds()
    {
        var (_, client) = await database.SignInAsync("LNK8");
        var request = EntityTestData.Link("person", await PersonAsync(client), "person", await PersonAsync(client));
        request["sourceReportIds"] = new JsonArray(Guid.NewGuid());

        await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("sourceReportIds");
    }

    [Fact]
    public async Task A_link_ending_before_it_starts_is_a_400_naming_endsOn()
    {
        var (_, client) = await database.SignInAsync("LNK9");
        var request = EntityTestData.Link("person", await PersonAsync(client), "person", await PersonAsync(client));
        request["startsOn"] = "2025-06-01";
        request["endsOn"] = "2025-05-31";

        await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("endsOn");
    }

    [Fact]
    public async Task Listing_by_entity_returns_the_links_touching_it_at_either_end()
    {
        var (_, client) = await database.SignInAsync("LNK10");
        var (subject, other, third) = (await PersonAsync(client), await PersonAsync(client), await PersonAsync(client));
        var asFirst = await client.CreateAsync(Route, EntityTestData.Link("person", subject, "person", other));
        var asRelated = await client.CreateAsync(Route, EntityTestData.Link("person", other, "person", subject));
        var withVehicle = await client.CreateAsync(Route, EntityTestData.Link("vehicle", await VehicleAsync(client), "person", subject, "driver"));
        await client.CreateAsync(Route, EntityTestData.Link("person", other, "person", third));

        var ids = await client.ListIdsAsync($"{Route}?entityKind=person&entityId={subject}");

        Assert.Equal([withVehicle, asRelated, asFirst], ids);
    }

    [Fact]
    public async Task Listing_filters_by_link_type()
    {
        var (_, client) = await database.SignInAsync("LNK11");
        var subject = await PersonAsync(client);
        var family = await client.CreateAsync(Route, EntityTestData.Link("person", subject, "person", await PersonAsync(client), "family"));
        await client.CreateAsync(Route, EntityTestData.Link("person", subject, "person", await PersonAsync(client), "associate"));

        var ids = await client.ListIdsAsync($"{Route}?entityKind=person&entityId={subject}&linkType=family");

        Assert.Equal([family], ids);
    }

    [Fact]
    public async Task An_entity_kind_without_an_entity_id_is_a_400_naming_entityId()
    {
        var (_, client) = await database.SignInAsync("LNK16");

        await (await client.GetAsync($"{Route}?entityKind=person")).AssertFieldErrorAsync("entityId");
    }

    [Fact]
    public async Task A_link_can_be_updated_to_join_other_entities()
    {
        var (_, client) = await database.SignInAsync("LNK12");
        var personId = await PersonAsync(client);
        var id = await client.CreateAsync(Route, EntityTestData.Link("person", personId, "person", await PersonAsync(client)));
        var locationId = await LocationAsync(client);

        var updated = await (await client.PutAsJsonAsync($"{Route}/{id}",
            EntityTestData.Link("person", personId, "location", locationId, "frequents"))).ReadObjectAsync();

        Assert.Equal("person_location", updated["kind"]!.GetValue<string>());
        Assert.Equal(locationId, updated["to"]!["id"]!.GetValue<Guid>());
        Assert.Null(await database.ScalarAsync<Guid?>($"SELECT related_person_id FROM links WHERE id = '{id}'"));
    }

    private static Task<Guid> PersonAsync(HttpClient client) => client.CreateAsync("/api/persons", EntityTestData.Person());

    private static Task<Guid> PremisesAsync(HttpClient client) => client.CreateAsync("/api/premises", EntityTestData.Premises());

    private static Task<Guid> VehicleAsync(HttpClient client) => client.CreateAsync("/api/vehicles", EntityTestData.Vehicle());

    private static Task<Guid> LocationAsync(HttpClient client) =>
        client.CreateAsync("/api/locations", EntityTestData.Location(EntityTestData.Point(TestData.CentreLongitude, TestData.CentreLatitude)));
}
