using System.Net;
using System.Net.Http.Json;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Premises;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Premises;

public sealed class PremisesApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Route = "/api/premises";

    [Fact]
    public async Task A_created_premises_reads_back_as_a_GeoJSON_point_feature()
    {
        var (_, client) = await database.SignInAsync("PRM1");
        var id = await client.CreateAsync(Route, EntityTestData.Premises());

        var read = await (await client.GetAsync($"{Route}/{id}")).ReadObjectAsync();

        Assert.Equal("Feature", read["type"]!.GetValue<string>());
        Assert.Equal("Point", read["geometry"]!["type"]!.GetValue<string>());
        Assert.Equal(TestData.CentreLatitude, read["geometry"]!["coordinates"]![1]!.GetValue<double>(), 6);
        Assert.Equal("late_night_refreshment", read["properties"]!["premisesType"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("PRM2A", "zz11zz", "ZZ1 1ZZ")]
    [InlineData("PRM2B", " zz9a  9zz ", "ZZ9A 9ZZ")]
    public async Task A_postcode_is_stored_upper_case_with_one_space(string agencyCode, string typed, string stored)
    {
        var (_, client) = await database.SignInAsync(agencyCode);
        var request = EntityTestData.Premises();
        request["postcode"] = typed;

        var created = await (await client.PostAsJsonAsync(Route, request)).ReadObjectAsync();

        Assert.Equal(stored, created["properties"]!["postcode"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("PRM3A", "ZZ1")]
    [InlineData("PRM3B", "1ZZ 1ZZ")]
    [InlineData("PRM3C", "ZZ1 ZZ1")]
    public async Task A_malformed_postcode_is_a_400_naming_postcode(string agencyCode, string postcode)
    {
        var (_, client) = await database.SignInAsync(agencyCode);
        var request = EntityTestData.Premises();
        request["postcode"] = postcode;

        await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("postcode");
    }

    [Fact]
    public async Task British_National_Grid_input_is_stored_in_WGS84()
    {
        var (_, client) = await database.SignInAsync("PRM4");
        var request = EntityTestData.Premises();
        // Easting/northing of a point in the synthetic city centre (EPSG:27700).
        request["location"] = EntityTestData.Point(407000.0, 286800.0);
        request["coordinateSystem"] = "EPSG:27700";

        var created = await (await client.PostAsJsonAsync(Route, request)).ReadObjectAsync();

        // The point through the EPSG Helmert transformation, which ReportsApiTests checks against PostGIS; 0.0001° is about 10 m.
        Assert.Equal(-1.89836, created["geometry"]!["coordinates"]![0]!.GetValue<double>(), 0.0001);
        Assert.Equal(52.47908, created["geometry"]!["coordinates"]![1]!.GetValue<double>(), 0.0001);
    }

    [Fact]
    public async Task A_premises_can_be_updated()
    {
        var (_, client) = await database.SignInAsync("PRM5");
        var id = await client.CreateAsync(Route, EntityTestData.Premises());
        var changed = EntityTestData.Premises(premisesType: "hotel");
        changed["licenceNumber"] = "TEST-LN-0005";

        var updated = await (await client.PutAsJsonAsync($"{Route}/{id}", changed)).ReadObjectAsync();

        Assert.Equal("hotel", updated["properties"]!["premisesType"]!.GetValue<string>());
        Assert.Equal("TEST-LN-0005", updated["properties"]!["licenceNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_by_bounding_box_returns_only_premises_inside_it()
    {
        var (agencyId, client) = await database.SignInAsync("PRM8");
        var inside = await client.CreateAsync(Route, EntityTestData.Premises(-1.9000, 52.4800));
        await client.CreateAsync(Route, EntityTestData.Premises(-2.1000, 52.5900));

        var ids = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&bbox=-1.95,52.45,-1.85,52.50");

        Assert.Equal([inside], ids);
    }

    [Fact]
    public async Task Listing_filters_by_premises_type()
    {
        var (agencyId, client) = await database.SignInAsync("PRM9");
        var hotel = await client.CreateAsync(Route, EntityTestData.Premises(premisesType: "hotel"));
        await client.CreateAsync(Route, EntityTestData.Premises(premisesType: "shop"));

        var ids = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&premisesType=hotel,hostel");

        Assert.Equal([hotel], ids);
    }

    [Theory]
    [InlineData("PRM10A", "name", "Synthetic Zebra Grill", "zebra")]
    [InlineData("PRM10B", "address", "9 Invented Yard, Northbrook", "INVENTED YARD")]
    [InlineData("PRM10C", "postcode", "ZZ7 7QQ", "zz7 7qq")]
    [InlineData("PRM10D", "licenceNumber", "TEST-LN-4242", "ln-4242")]
    public async Task The_text_search_matches_name_address_postcode_or_licence_number_ignoring_case(string agencyCode, string field,
        string value, string q)
    {
        var (agencyId, client) = await database.SignInAsync(agencyCode);
        var wanted = EntityTestData.Premises();
        wanted[field] = value;
        var wantedId = await client.CreateAsync(Route, wanted);
        await client.CreateAsync(Route, EntityTestData.Premises());

        var ids = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&q={Uri.EscapeDataString(q)}");

        Assert.Equal([wantedId], ids);
    }

    [Fact]
    public async Task The_bounding_box_filter_searches_the_location_index_under_row_level_security()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "PRM12");
        // Birmingham city centre.
        var area = BoundingBox.Read("-1.95,52.45,-1.85,52.50", new ValidationErrors())!;

        var searched = await database.IndexConditionsAsSessionAsync(agencyId, "licensing_officer",
            db => PremisesApi.Filter(db.Premises, area, [], null, null, null));

        Assert.Contains(searched, s => s.Index == "premises_location_idx" && s.Condition.StartsWith("(location && "));
    }
}
