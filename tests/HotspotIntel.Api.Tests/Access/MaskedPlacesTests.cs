using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.Seeding;
using HotspotIntel.Core.Access;
using Npgsql;

namespace HotspotIntel.Api.Tests.Access;

/// <summary>
/// A masked reader never learns where a child-linked report was through the places, vehicles or persons it mentions
/// (issue 12: 21 of the demo city's masked reports had a linked place within 50 m of the true spot): checked against
/// every child-linked report of the demo city, through every path that lists or reads reports.
/// </summary>
public sealed class MaskedPlacesTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData(UserRole.TaskingMember, CityAgencies.MarkerCode)]
    [InlineData(UserRole.LicensingOfficer, CityAgencies.MarkerCode)]
    [InlineData(UserRole.TaskingMember, "DEMO-NCC")]
    public async Task A_masked_reader_recovers_no_child_linked_location_through_the_list_or_a_premises_or_vehicle_check(UserRole role, string agencyCode)
    {
        await DemoSeeder.SeedAsync(database.ConnectionString, CancellationToken.None);
        var exact = await ChildLinkedLocationsAsync();
        using var reader = await DemoReaderAsync(role, agencyCode);

        var listed = await ChildLinkedFeaturesAsync(reader, exact);
        var concerns = await ConcernsAsync(reader);

        Assert.NotEmpty(listed);
        Assert.All(listed, feature => AssertPointsNowhereExact(feature, exact));
        Assert.DoesNotContain(concerns, exact.ContainsKey);
    }

    [Fact]
    public async Task A_masked_reader_recovers_no_child_linked_location_by_reading_each_report()
    {
        // Every child-linked report the police force's tasking member is shown, one GET each (the issue's probe found
        // 21 of them next to a linked place).
        await DemoSeeder.SeedAsync(database.ConnectionString, CancellationToken.None);
        var exact = await ChildLinkedLocationsAsync();
        using var reader = await DemoReaderAsync(UserRole.TaskingMember, CityAgencies.MarkerCode);
        var shown = await ChildLinkedFeaturesAsync(reader, exact);

        var read = new ConcurrentBag<JsonObject>();
        await Parallel.ForEachAsync(shown, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (feature, cancellationToken) =>
            read.Add(await (await reader.GetAsync($"/api/reports/{feature["id"]}", cancellationToken)).ReadObjectAsync()));

        Assert.Equal(shown.Count, read.Count);
        Assert.All(read, feature => AssertPointsNowhereExact(feature, exact));
    }

    [Fact]
    public async Task The_demo_city_links_child_linked_reports_to_premises_and_vehicles_that_analysts_see_in_their_checks()
    {
        // What makes the masked readers' check above mean something: the same paths do carry child-linked reports.
        await DemoSeeder.SeedAsync(database.ConnectionString, CancellationToken.None);
        var exact = await ChildLinkedLocationsAsync();
        using var analyst = await DemoReaderAsync(UserRole.Analyst, CityAgencies.MarkerCode);

        var listed = await ChildLinkedFeaturesAsync(analyst, exact);
        var concerns = await ConcernsAsync(analyst);

        Assert.Contains(listed, feature => feature["properties"]!["premisesIds"]!.AsArray().Count > 0);
        Assert.Contains(listed, feature => feature["properties"]!["locationIds"]!.AsArray().Count > 0);
        Assert.Contains(listed, feature => feature["properties"]!["vehicleIds"]!.AsArray().Count > 0);
        Assert.Contains(concerns, exact.ContainsKey);
    }

    /// <summary>
    /// A child-linked report as a masked reader gets it: at a point other than where it was, and naming no premises,
    /// place, vehicle or person, whose positions or other sightings would say where it was.
    /// </summary>
    private static void AssertPointsNowhereExact(JsonObject feature, Dictionary<Guid, (double Longitude, double Latitude)> exact)
    {
        var properties = feature["properties"]!;
        Assert.All(new[] { "premisesIds", "locationIds", "vehicleIds", "personIds" }, ids => Assert.Empty(properties[ids]!.AsArray()));
        var (longitude, latitude) = exact[feature["id"]!.GetValue<Guid>()];
        var coordinates = feature["geometry"]!["coordinates"]!.AsArray();
        Assert.False(Math.Abs(coordinates[0]!.GetValue<double>() - longitude) < 1e-5 && Math.Abs(coordinates[1]!.GetValue<double>() - latitude) < 1e-5);
    }

    private async Task<HttpClient> DemoReaderAsync(UserRole role, string agencyCode) =>
        database.Application.CreateClient(role, await database.ScalarAsync<Guid>($"SELECT id FROM agencies WHERE code = '{agencyCode}'"));

    /// <summary>The child-linked reports among every page of GET /api/reports as <paramref name="client"/> sees it.</summary>
    private static async Task<List<JsonObject>> ChildLinkedFeaturesAsync(HttpClient client, Dictionary<Guid, (double Longitude, double Latitude)> exact) =>
        [.. (await AllPagesAsync(client, "/api/reports?limit=1000", "features")).Where(feature => exact.ContainsKey(feature["id"]!.GetValue<Guid>()))];

    /// <summary>Every report id listed by a premises, vehicle or place check of each premises, vehicle and place <paramref name="client"/> may see.</summary>
    private static async Task<List<Guid>> ConcernsAsync(HttpClient client)
    {
        var checks = new List<string>();
        foreach (var premises in await AllPagesAsync(client, "/api/premises?limit=1000", "features"))
        {
            checks.Add($"/api/premises/{premises["id"]}/concerns");
        }

        foreach (var vehicle in await AllPagesAsync(client, "/api/vehicles?limit=1000", "items"))
        {
            checks.Add($"/api/vehicles/{vehicle["id"]}/concerns");
        }

        foreach (var place in await AllPagesAsync(client, "/api/locations?limit=1000", "features"))
        {
            checks.Add($"/api/locations/{place["id"]}/concerns");
        }

        Assert.NotEmpty(checks);
        var listed = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(checks, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (check, cancellationToken) =>
        {
            var body = await (await client.GetAsync(check, cancellationToken)).ReadObjectAsync();
            foreach (var report in body["reports"]!.AsArray())
            {
                listed.Add(report!["reportId"]!.GetValue<Guid>());
            }
        });
        return [.. listed];
    }

    private static async Task<List<JsonObject>> AllPagesAsync(HttpClient client, string path, string entries)
    {
        var all = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync(cursor is null ? path : $"{path}&cursor={cursor}")).ReadObjectAsync();
            all.AddRange(page[entries]!.AsArray().Select(entry => entry!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>Where each child-linked report of the database really is, read as the schema owner.</summary>
    private async Task<Dictionary<Guid, (double Longitude, double Latitude)>> ChildLinkedLocationsAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, ST_X(location), ST_Y(location) FROM intelligence_reports WHERE mentions_child OR category = 'missing_found_location'",
            connection);
        await using var rows = await command.ExecuteReaderAsync();
        var locations = new Dictionary<Guid, (double, double)>();
        while (await rows.ReadAsync())
        {
            locations[rows.GetGuid(0)] = (rows.GetDouble(1), rows.GetDouble(2));
        }

        return locations;
    }
}
