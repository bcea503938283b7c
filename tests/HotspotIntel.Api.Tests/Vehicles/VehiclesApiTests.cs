using System.Net;
using System.Net.Http.Json;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Vehicles;

public sealed class VehiclesApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Route = "/api/vehicles";
    private readonly HttpClient _client = database.Application.CreateClient();

    [Fact]
    public async Task A_registration_mark_is_stored_upper_case_without_spaces()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "VEH1");
        var id = await _client.CreateAsync(Route, EntityTestData.Vehicle(agencyId, registrationMark: " zz12  tst "));

        var read = await (await _client.GetAsync($"{Route}/{id}")).ReadObjectAsync();

        Assert.Equal("ZZ12TST", read["registrationMark"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("VEH2A", "")]
    [InlineData("VEH2B", "ZZ-12-TST")]
    [InlineData("VEH2C", "ZZ12TSTXY")]
    public async Task A_malformed_registration_mark_is_a_400_naming_registrationMark(string agencyCode, string mark)
    {
        var request = EntityTestData.Vehicle(await TestData.CreateAgencyAsync(_client, agencyCode), registrationMark: mark);

        await (await _client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("registrationMark");
    }

    [Theory]
    [InlineData("VEH3A", "private_hire")]
    [InlineData("VEH3B", "hackney_carriage")]
    public async Task A_vehicle_licensed_for_hire_without_a_plate_is_a_400_naming_plateNumber(string agencyCode, string licenceType)
    {
        var request = EntityTestData.Vehicle(await TestData.CreateAgencyAsync(_client, agencyCode), licenceType: licenceType);

        await (await _client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("plateNumber");
    }

    [Fact]
    public async Task A_plate_on_a_vehicle_not_licensed_for_hire_is_a_400_naming_plateNumber()
    {
        var request = EntityTestData.Vehicle(await TestData.CreateAgencyAsync(_client, "VEH4"), licenceType: "none", plateNumber: "PH 0004");

        await (await _client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("plateNumber");
    }

    [Fact]
    public async Task A_private_hire_vehicle_with_its_plate_is_recorded()
    {
        var request = EntityTestData.Vehicle(await TestData.CreateAgencyAsync(_client, "VEH5"), licenceType: "private_hire", plateNumber: "ph 0005");

        var created = await (await _client.PostAsJsonAsync(Route, request)).ReadObjectAsync();

        Assert.Equal("private_hire", created["licenceType"]!.GetValue<string>());
        Assert.Equal("PH 0005", created["plateNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_finds_a_vehicle_by_its_registration_mark_however_typed()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "VEH6");
        var wanted = await _client.CreateAsync(Route, EntityTestData.Vehicle(agencyId, registrationMark: "ZZ06 AAA"));
        await _client.CreateAsync(Route, EntityTestData.Vehicle(agencyId, registrationMark: "ZZ06 BBB"));

        var ids = await _client.ListIdsAsync($"{Route}?agencyId={agencyId}&registrationMark=zz06aaa");

        Assert.Equal([wanted], ids);
    }

    [Fact]
    public async Task Listing_finds_a_vehicle_by_its_plate_number()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "VEH7");
        var wanted = await _client.CreateAsync(Route, EntityTestData.Vehicle(agencyId, licenceType: "private_hire", plateNumber: "PH 0701"));
        await _client.CreateAsync(Route, EntityTestData.Vehicle(agencyId, licenceType: "private_hire", plateNumber: "PH 0702"));

        var ids = await _client.ListIdsAsync($"{Route}?agencyId={agencyId}&plateNumber={Uri.EscapeDataString("ph 0701")}");

        Assert.Equal([wanted], ids);
    }

    [Fact]
    public async Task Listing_filters_by_licence_type()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "VEH8");
        var taxi = await _client.CreateAsync(Route, EntityTestData.Vehicle(agencyId, licenceType: "hackney_carriage", plateNumber: "HC 0801"));
        await _client.CreateAsync(Route, EntityTestData.Vehicle(agencyId));

        var ids = await _client.ListIdsAsync($"{Route}?agencyId={agencyId}&licenceType=hackney_carriage");

        Assert.Equal([taxi], ids);
    }

    [Fact]
    public async Task A_vehicle_can_be_updated()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "VEH9");
        var id = await _client.CreateAsync(Route, EntityTestData.Vehicle(agencyId));
        var changed = EntityTestData.Vehicle(agencyId, licenceType: "private_hire", plateNumber: "PH 0901");
        changed["colour"] = "black";

        var updated = await (await _client.PutAsJsonAsync($"{Route}/{id}", changed)).ReadObjectAsync();

        Assert.Equal("black", updated["colour"]!.GetValue<string>());
        Assert.Equal("PH 0901", updated["plateNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deleted_vehicle_is_gone()
    {
        var id = await _client.CreateAsync(Route, EntityTestData.Vehicle(await TestData.CreateAgencyAsync(_client, "VEH10")));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"{Route}/{id}")).StatusCode);

        await (await _client.GetAsync($"{Route}/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_vehicle_is_a_404_to_read_update_and_delete()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "VEH11");
        var unknown = $"{Route}/{Guid.NewGuid()}";

        await (await _client.GetAsync(unknown)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PutAsJsonAsync(unknown, EntityTestData.Vehicle(agencyId))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync(unknown)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_retried_create_with_the_same_idempotency_key_records_one_vehicle()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "VEH12");
        var body = EntityTestData.Vehicle(agencyId);

        var (first, second) = await _client.CreateTwiceWithOneIdempotencyKeyAsync(Route, body, "vehicle-retry-1");

        Assert.Equal(first, second);
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM vehicles WHERE agency_id = '{agencyId}'"));
    }
}
