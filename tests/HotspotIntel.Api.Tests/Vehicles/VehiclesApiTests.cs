using System.Net;
using System.Net.Http.Json;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Vehicles;

public sealed class VehiclesApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Route = "/api/vehicles";

    [Fact]
    public async Task A_registration_mark_is_stored_upper_case_without_spaces()
    {
        var (_, client) = await database.SignInAsync("VEH1");
        var id = await client.CreateAsync(Route, EntityTestData.Vehicle(registrationMark: " zz12  tst "));

        var read = await (await client.GetAsync($"{Route}/{id}")).ReadObjectAsync();

        Assert.Equal("ZZ12TST", read["registrationMark"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("VEH2A", "")]
    [InlineData("VEH2B", "ZZ-12-TST")]
    [InlineData("VEH2C", "ZZ12TSTXY")]
    public async Task A_malformed_registration_mark_is_a_400_naming_registrationMark(string agencyCode, string mark)
    {
        var (_, client) = await database.SignInAsync(agencyCode);
        var request = EntityTestData.Vehicle(registrationMark: mark);

        await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("registrationMark");
    }

    [Theory]
    [InlineData("VEH3A", "private_hire")]
    [InlineData("VEH3B", "hackney_carriage")]
    public async Task A_vehicle_licensed_for_hire_without_a_plate_is_a_400_naming_plateNumber(string agencyCode, string licenceType)
    {
        var (_, client) = await database.SignInAsync(agencyCode);
        var request = EntityTestData.Vehicle(licenceType: licenceType);

        await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("plateNumber");
    }

    [Fact]
    public async Task A_plate_on_a_vehicle_not_licensed_for_hire_is_a_400_naming_plateNumber()
    {
        var (_, client) = await database.SignInAsync("VEH4");
        var request = EntityTestData.Vehicle(licenceType: "none", plateNumber: "PH 0004");

        await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("plateNumber");
    }

    [Fact]
    public async Task A_private_hire_vehicle_with_its_plate_is_recorded()
    {
        var (_, client) = await database.SignInAsync("VEH5");
        var request = EntityTestData.Vehicle(licenceType: "private_hire", plateNumber: "ph 0005");

        var created = await (await client.PostAsJsonAsync(Route, request)).ReadObjectAsync();

        Assert.Equal("private_hire", created["licenceType"]!.GetValue<string>());
        Assert.Equal("PH 0005", created["plateNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_finds_a_vehicle_by_its_registration_mark_however_typed()
    {
        var (agencyId, client) = await database.SignInAsync("VEH6");
        var wanted = await client.CreateAsync(Route, EntityTestData.Vehicle(registrationMark: "ZZ06 AAA"));
        await client.CreateAsync(Route, EntityTestData.Vehicle(registrationMark: "ZZ06 BBB"));

        var ids = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&registrationMark=zz06aaa");

        Assert.Equal([wanted], ids);
    }

    [Fact]
    public async Task Listing_finds_a_vehicle_by_its_plate_number()
    {
        var (agencyId, client) = await database.SignInAsync("VEH7");
        var wanted = await client.CreateAsync(Route, EntityTestData.Vehicle(licenceType: "private_hire", plateNumber: "PH 0701"));
        await client.CreateAsync(Route, EntityTestData.Vehicle(licenceType: "private_hire", plateNumber: "PH 0702"));

        var ids = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&plateNumber={Uri.EscapeDataString("ph 0701")}");

        Assert.Equal([wanted], ids);
    }

    [Fact]
    public async Task Listing_filters_by_licence_type()
    {
        var (agencyId, client) = await database.SignInAsync("VEH8");
        var taxi = await client.CreateAsync(Route, EntityTestData.Vehicle(licenceType: "hackney_carriage", plateNumber: "HC 0801"));
        await client.CreateAsync(Route, EntityTestData.Vehicle());

        var ids = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&licenceType=hackney_carriage");

        Assert.Equal([taxi], ids);
    }

    [Fact]
    public async Task A_vehicle_can_be_updated()
    {
        var (_, client) = await database.SignInAsync("VEH9");
        var id = await client.CreateAsync(Route, EntityTestData.Vehicle());
        var changed = EntityTestData.Vehicle(licenceType: "private_hire", plateNumber: "PH 0901");
        changed["colour"] = "black";

        var updated = await (await client.PutAsJsonAsync($"{Route}/{id}", changed)).ReadObjectAsync();

        Assert.Equal("black", updated["colour"]!.GetValue<string>());
        Assert.Equal("PH 0901", updated["plateNumber"]!.GetValue<string>());
    }
}
