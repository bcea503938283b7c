using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Links;

public sealed class LinksApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Route = "/api/links";
    private readonly HttpClient _client = database.Application.CreateClient();

    [Fact]
    public async Task A_link_reads_back_with_its_kind_ends_and_source_reports()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK1");
        var (personId, premisesId) = (await PersonAsync(agencyId), await PremisesAsync(agencyId));
        var reportId = await _client.CreateAsync("/api/reports", TestData.Report(agencyId));
        var request = EntityTestData.Link(agencyId, "person", personId, "premises", premisesId, "frequents");
        request["sourceReportIds"] = new JsonArray(reportId);
        var id = await _client.CreateAsync(Route, request);

        var read = await (await _client.GetAsync($"{Route}/{id}")).ReadObjectAsync();

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
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK2");
        var (vehicleId, premisesId) = (await VehicleAsync(agencyId), await PremisesAsync(agencyId));

        var created = await (await _client.PostAsJsonAsync(Route,
            EntityTestData.Link(agencyId, "vehicle", vehicleId, "premises", premisesId, "operates_from"))).ReadObjectAsync();

        Assert.Equal("premises_vehicle", created["kind"]!.GetValue<string>());
        Assert.Equal(premisesId, created["from"]!["id"]!.GetValue<Guid>());
        Assert.Equal(vehicleId, created["to"]!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_person_person_link_is_stored_in_person_and_related_person()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK3");
        var (first, second) = (await PersonAsync(agencyId), await PersonAsync(agencyId));

        var id = await _client.CreateAsync(Route, EntityTestData.Link(agencyId, "person", first, "person", second));

        Assert.Equal(first, await database.ScalarAsync<Guid>($"SELECT person_id FROM links WHERE id = '{id}'"));
        Assert.Equal(second, await database.ScalarAsync<Guid>($"SELECT related_person_id FROM links WHERE id = '{id}'"));
    }

    [Theory]
    [InlineData("LNK4A", "premises", "location")]
    [InlineData("LNK4B", "vehicle", "vehicle")]
    [InlineData("LNK4C", "location", "vehicle")]
    public async Task An_unlinkable_pair_is_a_400(string agencyCode, string fromKind, string toKind)
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, agencyCode);
        var ends = new Dictionary<string, Guid>
        {
            ["premises"] = await PremisesAsync(agencyId),
            ["vehicle"] = await VehicleAsync(agencyId),
            ["location"] = await LocationAsync(agencyId),
        };
        var request = EntityTestData.Link(agencyId, fromKind, ends[fromKind], toKind, ends[toKind]);

        var message = await (await _client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("to.kind");

        Assert.Contains("cannot be linked", message);
    }

    [Fact]
    public async Task A_person_linked_to_themselves_is_a_400()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK5");
        var personId = await PersonAsync(agencyId);

        await (await _client.PostAsJsonAsync(Route, EntityTestData.Link(agencyId, "person", personId, "person", personId)))
            .AssertFieldErrorAsync("to.id");
    }

    [Fact]
    public async Task An_end_that_does_not_exist_is_a_400_naming_that_end()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK6");
        var request = EntityTestData.Link(agencyId, "person", await PersonAsync(agencyId), "vehicle", Guid.NewGuid());

        var message = await (await _client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("to.id");

        Assert.Contains("no vehicle", message);
    }

    [Fact]
    public async Task An_end_of_the_wrong_kind_is_a_400_naming_that_end()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK7");
        // A premises id sent as a person: it exists, but not as a person.
        var request = EntityTestData.Link(agencyId, "person", await PremisesAsync(agencyId), "vehicle", await VehicleAsync(agencyId));

        await (await _client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("from.id");
    }

    [Fact]
    public async Task An_unknown_source_report_is_a_400_naming_sourceReportIds()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK8");
        var request = EntityTestData.Link(agencyId, "person", await PersonAsync(agencyId), "person", await PersonAsync(agencyId));
        request["sourceReportIds"] = new JsonArray(Guid.NewGuid());

        await (await _client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("sourceReportIds");
    }

    [Fact]
    public async Task A_link_ending_before_it_starts_is_a_400_naming_endsOn()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK9");
        var request = EntityTestData.Link(agencyId, "person", await PersonAsync(agencyId), "person", await PersonAsync(agencyId));
        request["startsOn"] = "2025-06-01";
        request["endsOn"] = "2025-05-31";

        await (await _client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("endsOn");
    }

    [Fact]
    public async Task Listing_by_entity_returns_the_links_touching_it_at_either_end()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK10");
        var (subject, other, third) = (await PersonAsync(agencyId), await PersonAsync(agencyId), await PersonAsync(agencyId));
        var asFirst = await _client.CreateAsync(Route, EntityTestData.Link(agencyId, "person", subject, "person", other));
        var asRelated = await _client.CreateAsync(Route, EntityTestData.Link(agencyId, "person", other, "person", subject));
        var withVehicle = await _client.CreateAsync(Route, EntityTestData.Link(agencyId, "vehicle", await VehicleAsync(agencyId), "person", subject, "driver"));
        await _client.CreateAsync(Route, EntityTestData.Link(agencyId, "person", other, "person", third));

        var ids = await _client.ListIdsAsync($"{Route}?entityKind=person&entityId={subject}");

        Assert.Equal([withVehicle, asRelated, asFirst], ids);
    }

    [Fact]
    public async Task Listing_filters_by_link_type()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK11");
        var subject = await PersonAsync(agencyId);
        var family = await _client.CreateAsync(Route, EntityTestData.Link(agencyId, "person", subject, "person", await PersonAsync(agencyId), "family"));
        await _client.CreateAsync(Route, EntityTestData.Link(agencyId, "person", subject, "person", await PersonAsync(agencyId), "associate"));

        var ids = await _client.ListIdsAsync($"{Route}?entityKind=person&entityId={subject}&linkType=family");

        Assert.Equal([family], ids);
    }

    [Fact]
    public async Task An_entity_kind_without_an_entity_id_is_a_400_naming_entityId()
    {
        await (await _client.GetAsync($"{Route}?entityKind=person")).AssertFieldErrorAsync("entityId");
    }

    [Fact]
    public async Task A_link_can_be_updated_to_join_other_entities()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK12");
        var personId = await PersonAsync(agencyId);
        var id = await _client.CreateAsync(Route, EntityTestData.Link(agencyId, "person", personId, "person", await PersonAsync(agencyId)));
        var locationId = await LocationAsync(agencyId);

        var updated = await (await _client.PutAsJsonAsync($"{Route}/{id}",
            EntityTestData.Link(agencyId, "person", personId, "location", locationId, "frequents"))).ReadObjectAsync();

        Assert.Equal("person_location", updated["kind"]!.GetValue<string>());
        Assert.Equal(locationId, updated["to"]!["id"]!.GetValue<Guid>());
        Assert.Null(await database.ScalarAsync<Guid?>($"SELECT related_person_id FROM links WHERE id = '{id}'"));
    }

    [Fact]
    public async Task A_deleted_link_is_gone()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK13");
        var id = await _client.CreateAsync(Route, EntityTestData.Link(agencyId, "person", await PersonAsync(agencyId), "person", await PersonAsync(agencyId)));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"{Route}/{id}")).StatusCode);

        await (await _client.GetAsync($"{Route}/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_link_is_a_404_to_read_update_and_delete()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK14");
        var unknown = $"{Route}/{Guid.NewGuid()}";
        var body = EntityTestData.Link(agencyId, "person", await PersonAsync(agencyId), "person", await PersonAsync(agencyId));

        await (await _client.GetAsync(unknown)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PutAsJsonAsync(unknown, body)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync(unknown)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_retried_create_with_the_same_idempotency_key_records_one_link()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "LNK15");
        var body = EntityTestData.Link(agencyId, "person", await PersonAsync(agencyId), "person", await PersonAsync(agencyId));

        var (first, second) = await _client.CreateTwiceWithOneIdempotencyKeyAsync(Route, body, "link-retry-1");

        Assert.Equal(first, second);
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM links WHERE agency_id = '{agencyId}'"));
    }

    private Task<Guid> PersonAsync(Guid agencyId) => _client.CreateAsync("/api/persons", EntityTestData.Person(agencyId));

    private Task<Guid> PremisesAsync(Guid agencyId) => _client.CreateAsync("/api/premises", EntityTestData.Premises(agencyId));

    private Task<Guid> VehicleAsync(Guid agencyId) => _client.CreateAsync("/api/vehicles", EntityTestData.Vehicle(agencyId));

    private Task<Guid> LocationAsync(Guid agencyId) =>
        _client.CreateAsync("/api/locations", EntityTestData.Location(agencyId, EntityTestData.Point(TestData.CentreLongitude, TestData.CentreLatitude)));
}
