using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Npgsql;
using static HotspotIntel.Api.Tests.Tiles.TileReading;

namespace HotspotIntel.Api.Tests.Tiles;

/// <summary>
/// City-wide report tiles add up counts made ahead (migrations/0010): the same cells and counts as counting the
/// reports live, under the same read policy and masking, for every role; a filter still counts live.
/// </summary>
public sealed class ReportDensityTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // British National Grid points in the synthetic city: three child-linked reports share one 500 m cell (shown to
    // masked roles); one is alone in its cell (suppressed for them); two are not linked to a child.
    private static readonly (double Easting, double Northing)[] SameCell = [(406900, 286450), (407050, 286600), (407100, 286400)];
    private static readonly (double Easting, double Northing) LoneCell = (410000, 290000);
    private static readonly (double Easting, double Northing)[] NotChildLinked = [(405200, 287300), (408800, 285100)];

    [Fact]
    public async Task City_wide_tiles_from_the_counts_equal_tiles_counted_live_for_every_role_and_agency_and_a_filter_counts_live()
    {
        var owner = await TestData.CreateAgencyAsync(database.Application, "DENS1");
        var partner = await TestData.CreateAgencyAsync(database.Application, "DENS2");
        var outsider = await TestData.CreateAgencyAsync(database.Application, "DENS3");
        await TestData.ShareAsync(database.Application, owner, partner);
        using var analyst = database.Application.CreateClient(UserRole.Analyst, owner);
        foreach (var point in SameCell.Append(LoneCell))
        {
            (await analyst.PostAsJsonAsync("/api/reports", TestData.ReportAtGridPoint(point, "missing_found_location"))).EnsureSuccessStatusCode();
        }

        foreach (var point in NotChildLinked)
        {
            (await analyst.PostAsJsonAsync("/api/reports", TestData.ReportAtGridPoint(point, "party_house"))).EnsureSuccessStatusCode();
        }

        var readers = new[]
        {
            (UserRole.Analyst, owner), (UserRole.TaskingMember, owner), (UserRole.LicensingOfficer, owner),
            (UserRole.TaskingMember, partner), (UserRole.Analyst, outsider),
        };
        var zooms = new[] { 8, 10, 12, 13 };
        var live = await CellsAsync(readers, zooms);
        await database.RefreshReportDensityAsync();
        // Made after the refresh: the counts do not hold it yet, a filtered (live) tile does.
        (await analyst.PostAsJsonAsync("/api/reports", TestData.ReportAtGridPoint(NotChildLinked[0], "party_house"))).EnsureSuccessStatusCode();

        var countedAhead = await CellsAsync(readers, zooms);
        var filteredLive = await CellsAsync([(UserRole.Analyst, owner)], [10], "?from=2000-01-01T00:00:00Z");

        Assert.Equal(live, countedAhead);
        Assert.Equal(6, Total(live, (UserRole.Analyst, owner), 10));
        Assert.Equal(5, Total(live, (UserRole.TaskingMember, owner), 10));
        Assert.Equal(5, Total(live, (UserRole.TaskingMember, partner), 10));
        Assert.Equal(0, Total(live, (UserRole.Analyst, outsider), 10));
        Assert.Equal(7, Total(filteredLive, (UserRole.Analyst, owner), 10));
    }

    [Fact]
    public async Task Only_background_jobs_may_recount_the_density()
    {
        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT set_config('hotspotintel.role', 'analyst', false); SELECT refresh_report_density()", connection);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    /// <summary>
    /// Per reader and zoom, the cells (centre rounded to about 1 m, count) of the tiles over the reports' corner of the
    /// city (the city centre lies near a tile edge at these zooms), in a fixed order.
    /// </summary>
    private async Task<Dictionary<string, string>> CellsAsync(IEnumerable<(UserRole Role, Guid Agency)> readers, int[] zooms, string query = "")
    {
        var cells = new Dictionary<string, string>();
        foreach (var (role, agency) in readers)
        {
            using var client = database.Application.CreateClient(role, agency);
            foreach (var zoom in zooms)
            {
                var tiles = new[] { (-1.93, 52.46), (-1.93, 52.51), (-1.85, 52.46), (-1.85, 52.51) }
                    .Select(corner => TileOf(corner.Item1, corner.Item2, zoom)).Distinct();
                var features = new List<NetTopologySuite.Features.IFeature>();
                foreach (var tile in tiles)
                {
                    features.AddRange(await FeaturesAsync(client, "reports", zoom, tile, query));
                }

                cells[Key((role, agency), zoom)] = string.Join(" ", features
                    .Select(f => string.Create(CultureInfo.InvariantCulture,
                        $"{f.Geometry.Centroid.X:F5},{f.Geometry.Centroid.Y:F5}={Convert.ToInt64(f.Attributes["point_count"], CultureInfo.InvariantCulture)}"))
                    .Order(StringComparer.Ordinal));
            }
        }

        return cells;
    }

    private static long Total(Dictionary<string, string> cells, (UserRole, Guid) reader, int zoom) =>
        cells[Key(reader, zoom)].Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(cell => long.Parse(cell.Split('=')[1], CultureInfo.InvariantCulture));

    private static string Key((UserRole Role, Guid Agency) reader, int zoom) => $"{reader.Role} {reader.Agency} z{zoom}";
}
