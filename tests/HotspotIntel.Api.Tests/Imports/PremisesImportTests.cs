using System.Net;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Agencies;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Premises;
using Microsoft.EntityFrameworkCore;
using static HotspotIntel.Api.Tests.Imports.ImportFiles;

namespace HotspotIntel.Api.Tests.Imports;

public sealed class PremisesImportTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // Invented premises at made-up addresses; the coordinates are near the synthetic city centre.
    private static readonly string Takeaway =
        $"Example Kebab House,late_night_refreshment,\"1 Sample Street, Exampleton\",b1 1aa,100000000001,LN/000001,Exampleton City Council,"
        + $"{TestData.CentreLongitude},{TestData.CentreLatitude},P,,OFFICIAL,public_task";

    private static readonly string Hotel =
        "Example Lodge Hotel,hotel,2 Specimen Road,,,,,-1.9,52.48,C,Share only with the licensing team.,OFFICIAL-SENSITIVE,law_enforcement";

    [Fact]
    public async Task A_CSV_import_creates_every_premises_with_its_fields()
    {
        var (agencyId, client) = await SignInAsync(database, "PREM1", AgencyKind.Council, UserRole.LicensingOfficer);

        var result = await (await PostAsync(client, "premises", Csv(PremisesHeader, Takeaway, Hotel))).ReadObjectAsync();

        Assert.Equal("premises", result["kind"]!.GetValue<string>());
        Assert.Equal(2, result["rowCount"]!.GetValue<int>());
        await using var db = database.CreateDbContext();
        var premises = await db.Premises.AsNoTracking().Where(p => p.AgencyId == agencyId).OrderBy(p => p.Name).ToListAsync();
        var takeaway = premises[0];
        Assert.Equal("Example Kebab House", takeaway.Name);
        Assert.Equal(PremisesType.LateNightRefreshment, takeaway.PremisesType);
        Assert.Equal("1 Sample Street, Exampleton", takeaway.Address);
        Assert.Equal("B1 1AA", takeaway.Postcode);
        Assert.Equal(100000000001L, takeaway.Uprn);
        Assert.Equal("LN/000001", takeaway.LicenceNumber);
        Assert.Equal("Exampleton City Council", takeaway.LicensingAuthority);
        Assert.Equal(TestData.CentreLongitude, takeaway.Location.X, 9);
        var hotel = premises[1];
        Assert.Null(hotel.Postcode);
        Assert.Null(hotel.Uprn);
        Assert.Equal(HandlingCode.Conditional, hotel.HandlingCode);
        Assert.Equal("Share only with the licensing team.", hotel.HandlingConditions);
        Assert.Equal(2L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM premises WHERE import_id = '{result["importId"]}' AND ST_SRID(location) = 4326"));
    }

    [Fact]
    public async Task A_premises_row_breaking_a_rule_is_reported_and_nothing_is_imported()
    {
        var (agencyId, client) = await SignInAsync(database, "PREM2", AgencyKind.Council, UserRole.LicensingOfficer);
        var badPostcode = Hotel.Replace("2 Specimen Road,,", "2 Specimen Road,NOT A POSTCODE,");

        var problem = await (await PostAsync(client, "premises", Csv(PremisesHeader, Takeaway, badPostcode)))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var error = Assert.Single(problem["rowErrors"]!.AsArray())!;
        Assert.Equal((2, "postcode"), (error["row"]!.GetValue<int>(), error["field"]!.GetValue<string>()));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM premises WHERE agency_id = '{agencyId}'"));
    }

    [Fact]
    public async Task A_GeoJSON_premises_import_reads_camelCase_properties()
    {
        var (agencyId, client) = await SignInAsync(database, "PREM3", AgencyKind.Council, UserRole.LicensingOfficer);
        var geoJson = new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(new JsonObject
            {
                ["type"] = "Feature",
                ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(-1.89, 52.49) },
                ["properties"] = new JsonObject
                {
                    ["name"] = "Example Guest House",
                    ["premisesType"] = "bed_and_breakfast",
                    ["address"] = "3 Placeholder Avenue",
                    ["uprn"] = 100000000002,
                    ["handlingCode"] = "P",
                    ["securityMarking"] = "OFFICIAL",
                    ["lawfulBasis"] = "public_task",
                },
            }),
        };

        await (await PostAsync(client, "premises", geoJson.ToJsonString(), "application/geo+json")).ReadObjectAsync();

        await using var db = database.CreateDbContext();
        var premises = await db.Premises.AsNoTracking().SingleAsync(p => p.AgencyId == agencyId);
        Assert.Equal((PremisesType.BedAndBreakfast, 100000000002L), (premises.PremisesType, premises.Uprn));
    }
}
