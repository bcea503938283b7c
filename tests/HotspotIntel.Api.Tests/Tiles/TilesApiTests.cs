using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Tiles;
using HotspotIntel.Core.Access;
using static HotspotIntel.Api.Tests.Tiles.TileReading;

namespace HotspotIntel.Api.Tests.Tiles;

/// <summary>Vector tiles of reports and premises: contents, aggregation, empty tiles, bad addresses and masking in SQL.</summary>
public sealed class TilesApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // Birmingham city centre, near the Bull Ring (synthetic reports only).
    private const double Longitude = -1.8936;
    private const double Latitude = 52.4778;

    // British National Grid points in one 500 m masking cell of the synthetic city (as in MaskingTests).
    private static readonly (double Easting, double Northing)[] SameCell = [(406900, 286450), (407050, 286600), (407100, 286400)];

    [Fact]
    public async Task A_street_level_tile_holds_each_report_in_it_with_its_id_and_category()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "TILE1");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var created = await (await analyst.PostAsJsonAsync("/api/reports", TestData.Report(Longitude, Latitude, category: "party_house"))).ReadObjectAsync();

        var response = await analyst.GetAsync($"/tiles/reports/16/{TileOf(Longitude, Latitude, 16).X}/{TileOf(Longitude, Latitude, 16).Y}.mvt");
        var features = await FeaturesAsync(analyst, "reports", 16, TileOf(Longitude, Latitude, 16));

        Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { Private: true, MaxAge.TotalSeconds: 60 });
        var feature = Assert.Single(features);
        Assert.Equal(created["id"]!.GetValue<string>(), feature.Attributes["id"]);
        Assert.Equal("party_house", feature.Attributes["category"]);
        Assert.True(Near([Longitude, Latitude], feature.Geometry.Coordinate));
    }

    [Fact]
    public async Task Below_street_level_reports_are_counted_per_grid_cell_not_sent_as_points()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "TILE2");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        foreach (var offset in new[] { 0.0, 0.0001, 0.0002 })
        {
            (await analyst.PostAsJsonAsync("/api/reports", TestData.Report(Longitude + offset, Latitude))).EnsureSuccessStatusCode();
        }

        var features = await FeaturesAsync(analyst, "reports", 10, TileOf(Longitude, Latitude, 10));

        var cell = Assert.Single(features);
        Assert.Equal("Polygon", cell.Geometry.GeometryType);
        Assert.Equal(3L, Convert.ToInt64(cell.Attributes["point_count"]));
        Assert.DoesNotContain("id", cell.Attributes.GetNames());
    }

    [Fact]
    public async Task Report_tiles_take_the_grading_and_agency_filters_of_the_reports_list()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "TILEF");
        var partnerId = await TestData.CreateAgencyAsync(database.Application, "TILEFP");
        await TestData.ShareAsync(database.Application, partnerId, agencyId);
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        using var partner = database.Application.CreateClient(UserRole.Analyst, partnerId);
        var reliable = TestData.Report(Longitude, Latitude);
        reliable["sourceEvaluation"] = "1";
        var ownReliable = await (await analyst.PostAsJsonAsync("/api/reports", reliable)).ReadObjectAsync();
        var ownDefault = await (await analyst.PostAsJsonAsync("/api/reports", TestData.Report(Longitude + 0.0002, Latitude))).ReadObjectAsync();
        var partners = await (await partner.PostAsJsonAsync("/api/reports", TestData.Report(Longitude + 0.0004, Latitude))).ReadObjectAsync();
        var tile = TileOf(Longitude, Latitude, 16);

        async Task<string[]> IdsAsync(string query) =>
            [.. (await FeaturesAsync(analyst, "reports", 16, tile, query)).Select(f => (string)f.Attributes["id"]).Order()];

        Assert.Equal(Ids(ownReliable, ownDefault, partners), await IdsAsync(""));
        Assert.Equal(Ids(ownReliable), await IdsAsync("?sourceEvaluation=1"));
        Assert.Equal(Ids(ownDefault, partners), await IdsAsync("?sourceEvaluation=2,3&intelligenceAssessment=B&handlingCode=P"));
        Assert.Empty(await IdsAsync("?intelligenceAssessment=E"));
        Assert.Equal(Ids(partners), await IdsAsync($"?agencyId={partnerId}"));
        Assert.Equal(Ids(ownReliable), await IdsAsync($"?agencyId={agencyId}&sourceEvaluation=1"));
    }

    [Fact]
    public async Task A_street_level_tile_sends_up_to_the_most_points_one_by_one_and_counts_a_crowded_one_per_cell_each_under_500_KB()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "TILEC");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        // Two street-level tiles side by side: one with as many reports as a tile sends one by one, the next with one
        // more. Attributes as long as they get (the longest category, a full timestamp), so the size bound is the worst.
        var full = TileOf(Longitude, Latitude, 14);
        var crowded = (X: full.X + 1, full.Y);
        await InsertReportsInTileAsync(agencyId, 14, full, TileQueries.MaxPointsPerTile);
        await InsertReportsInTileAsync(agencyId, 14, crowded, TileQueries.MaxPointsPerTile + 1);

        var fullBytes = await (await analyst.GetAsync($"/tiles/reports/14/{full.X}/{full.Y}.mvt")).Content.ReadAsByteArrayAsync();
        var crowdedBytes = await (await analyst.GetAsync($"/tiles/reports/14/{crowded.X}/{crowded.Y}.mvt")).Content.ReadAsByteArrayAsync();
        var points = await FeaturesAsync(analyst, "reports", 14, full);
        var cells = await FeaturesAsync(analyst, "reports", 14, crowded);

        Assert.Equal(TileQueries.MaxPointsPerTile, points.Count);
        Assert.All(points, p => Assert.Equal("Point", p.Geometry.GeometryType));
        Assert.All(cells, c => Assert.Equal("Polygon", c.Geometry.GeometryType));
        Assert.Equal(TileQueries.MaxPointsPerTile + 1, cells.Sum(c => Convert.ToInt64(c.Attributes["point_count"])));
        Assert.InRange(fullBytes.Length, 1, MaxTileBytes);
        Assert.InRange(crowdedBytes.Length, 1, MaxTileBytes);
    }

    [Fact]
    public async Task A_tile_with_nothing_the_caller_may_see_is_an_empty_204()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "TILE3");
        var otherAgencyId = await TestData.CreateAgencyAsync(database.Application, "TILE3B");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        (await analyst.PostAsJsonAsync("/api/reports", TestData.Report(Longitude, Latitude))).EnsureSuccessStatusCode();
        using var otherAgency = database.Application.CreateClient(UserRole.Analyst, otherAgencyId);
        var tile = TileOf(Longitude, Latitude, 16);

        var empty = await analyst.GetAsync("/tiles/reports/16/0/0.mvt");
        var notShared = await otherAgency.GetAsync($"/tiles/reports/16/{tile.X}/{tile.Y}.mvt");

        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
        Assert.Empty(await empty.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NoContent, notShared.StatusCode);
    }

    [Theory]
    [InlineData("/tiles/reports/23/0/0.mvt", "z")]
    [InlineData("/tiles/reports/abc/0/0.mvt", "z")]
    [InlineData("/tiles/reports/3/8/0.mvt", "x")]
    [InlineData("/tiles/reports/3/0/-1.mvt", "y")]
    [InlineData("/tiles/persons/3/0/0.mvt", "layer")]
    [InlineData("/tiles/reports/3/0/0.mvt?category=kidnap", "category")]
    [InlineData("/tiles/reports/3/0/0.mvt?sourceEvaluation=4", "sourceEvaluation")]
    [InlineData("/tiles/reports/3/0/0.mvt?intelligenceAssessment=Z", "intelligenceAssessment")]
    [InlineData("/tiles/reports/3/0/0.mvt?handlingCode=X", "handlingCode")]
    [InlineData("/tiles/reports/3/0/0.mvt?agencyId=not-a-guid", "agencyId")]
    public async Task A_bad_tile_address_or_filter_is_a_400_naming_the_field(string path, string field)
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, $"TILE-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);

        await (await analyst.GetAsync(path)).AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task Premises_tiles_hold_premises_by_name()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "TILE4");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        // Arranged in SQL as the schema owner: the premises API belongs to another feature.
        await database.ExecuteAsync($"""
            INSERT INTO premises (id, agency_id, name, premises_type, address, location, handling_code, security_marking,
                                  lawful_basis, review_on, created_at, updated_at)
            VALUES ('{Guid.NewGuid()}', '{agencyId}', 'The Example Arms', 'licensed_premises', '1 Example Street',
                    ST_SetSRID(ST_MakePoint({Longitude}, {Latitude}), 4326), 'P', 'OFFICIAL-SENSITIVE', 'law_enforcement',
                    current_date + 365, now(), now())
            """);

        var features = await FeaturesAsync(analyst, "premises", 16, TileOf(Longitude, Latitude, 16));

        var premises = Assert.Single(features);
        Assert.Equal("The Example Arms", premises.Attributes["name"]);
    }

    [Fact]
    public async Task Hotspot_tiles_hold_the_latest_run_s_areas_with_trend_and_score_at_any_zoom_and_are_204_before_any_run()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "TILE5");
        using var tasking = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var tile12 = TileOf(Longitude, Latitude, 12);
        var before = await tasking.GetAsync($"/tiles/hotspots/12/{tile12.X}/{tile12.Y}.mvt");
        var current = Guid.NewGuid();
        await database.AddSucceededRunAsync(agencyId, 60, new HotspotRows.Disc(Guid.NewGuid(), Longitude, Latitude, 150, "persistent", 30));
        await database.AddSucceededRunAsync(agencyId, 5, new HotspotRows.Disc(current, Longitude, Latitude, 150, "intensifying", 12.5));

        var atZoom12 = await FeaturesAsync(tasking, "hotspots", 12, tile12);
        var atZoom16 = await FeaturesAsync(tasking, "hotspots", 16, TileOf(Longitude, Latitude, 16));

        Assert.Equal(HttpStatusCode.NoContent, before.StatusCode);
        foreach (var features in new[] { atZoom12, atZoom16 })
        {
            var hotspot = Assert.Single(features);
            Assert.Contains("Polygon", hotspot.Geometry.GeometryType, StringComparison.Ordinal);
            Assert.Equal(current.ToString(), hotspot.Attributes["id"]);
            Assert.Equal("intensifying", hotspot.Attributes["trend"]);
            Assert.Equal(12.5, Convert.ToDouble(hotspot.Attributes["weighted_score"], System.Globalization.CultureInfo.InvariantCulture), 9);
        }
    }

    [Theory]
    [InlineData(UserRole.TaskingMember)]
    [InlineData(UserRole.LicensingOfficer)]
    public async Task Masked_roles_tiles_never_hold_an_exact_child_linked_location(UserRole role)
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, $"TILEM{(int)role}");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var exact = new List<double[]>();
        foreach (var point in SameCell)
        {
            var created = await (await analyst.PostAsJsonAsync("/api/reports", TestData.ReportAtGridPoint(point))).ReadObjectAsync();
            exact.Add([.. created["geometry"]!["coordinates"]!.AsArray().Select(c => c!.GetValue<double>())]);
        }

        using var masked = database.Application.CreateClient(role, agencyId);
        var tiles = exact.Select(e => TileOf(e[0], e[1], 14)).Distinct().ToList();
        var seenByMasked = new List<NetTopologySuite.Features.IFeature>();
        var seenByAnalyst = new List<NetTopologySuite.Features.IFeature>();
        foreach (var tile in tiles)
        {
            seenByMasked.AddRange(await FeaturesAsync(masked, "reports", 14, tile));
            seenByAnalyst.AddRange(await FeaturesAsync(analyst, "reports", 14, tile));
        }

        Assert.Equal(3, seenByMasked.Count);
        Assert.DoesNotContain(seenByMasked, f => exact.Any(e => Near(e, f.Geometry.Coordinate)));
        Assert.Single(seenByMasked.Select(f => (Math.Round(f.Geometry.Coordinate.X, 5), Math.Round(f.Geometry.Coordinate.Y, 5))).Distinct());
        Assert.All(exact, e => Assert.Contains(seenByAnalyst, f => Near(e, f.Geometry.Coordinate)));
    }

    /// <summary>The issue's bound on a tile's size: 500 KB.</summary>
    private const int MaxTileBytes = 500 * 1024;

    private static string[] Ids(params JsonObject[] reports) => [.. reports.Select(r => r["id"]!.GetValue<string>()).Order()];

    /// <summary>Reports spread at random over one tile (inset from its edges), inserted as the schema owner.</summary>
    private Task InsertReportsInTileAsync(Guid agencyId, int zoom, (int X, int Y) tile, int count) =>
        database.ExecuteAsync($"""
            WITH box AS (SELECT ST_Expand(ST_TileEnvelope({zoom}, {tile.X}, {tile.Y}), -10) AS envelope)
            INSERT INTO intelligence_reports (id, agency_id, category, narrative, occurred_at, recorded_at, location,
                location_precision_meters, source_evaluation, intelligence_assessment, handling_code, security_marking,
                lawful_basis, review_on, created_at, updated_at)
            SELECT gen_random_uuid(), '{agencyId}', 'missing_found_location', 'Synthetic: tile size test report',
                   now() - random() * interval '900 days', now(),
                   ST_Transform(ST_SetSRID(ST_MakePoint(ST_XMin(box.envelope) + random() * (ST_XMax(box.envelope) - ST_XMin(box.envelope)),
                                                        ST_YMin(box.envelope) + random() * (ST_YMax(box.envelope) - ST_YMin(box.envelope))), 3857), 4326),
                   1000, '1', 'A', 'P', 'OFFICIAL', 'law_enforcement', current_date + 365, now(), now()
            FROM box, generate_series(1, {count});
            """);
}
