using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using static HotspotIntel.Api.Tests.Tiles.TileReading;

namespace HotspotIntel.Api.Tests.Tiles;

/// <summary>What map clients other than ours need of the tiles: TileJSON for each layer, a style, HEAD and conditional requests.</summary>
public sealed class TileJsonAndCachingTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // Birmingham city centre, near the Bull Ring (synthetic reports only).
    private const double Longitude = -1.8936;
    private const double Latitude = 52.4778;

    [Fact]
    public async Task HEAD_on_a_tile_answers_as_GET_without_a_body_and_a_matching_If_None_Match_is_a_304()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "TJ1");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        (await analyst.PostAsJsonAsync("/api/reports", TestData.Report(Longitude, Latitude, "party_house"))).EnsureSuccessStatusCode();
        var (x, y) = TileOf(Longitude, Latitude, 16);
        var path = $"/tiles/reports/16/{x}/{y}.mvt?agencyId={agencyId}";

        var get = await analyst.GetAsync(path);
        var head = await analyst.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(get.Headers.ETag!);
        var notModified = await analyst.SendAsync(conditional);
        var stale = new HttpRequestMessage(HttpMethod.Get, path);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"some-other-tile\""));
        var modified = await analyst.SendAsync(stale);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.NotNull(get.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        Assert.Equal(await get.Content.ReadAsByteArrayAsync(), await modified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Another_tile_content_has_another_ETag()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "TJ2");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        (await analyst.PostAsJsonAsync("/api/reports", TestData.Report(Longitude, Latitude, "party_house"))).EnsureSuccessStatusCode();
        var (x, y) = TileOf(Longitude, Latitude, 16);
        var path = $"/tiles/reports/16/{x}/{y}.mvt?agencyId={agencyId}";
        var before = (await analyst.GetAsync(path)).Headers.ETag;

        (await analyst.PostAsJsonAsync("/api/reports", TestData.Report(Longitude + 0.0005, Latitude, "party_house"))).EnsureSuccessStatusCode();
        var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(before!);
        var after = await analyst.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before, after.Headers.ETag);
        Assert.Equal(2, (await FeaturesAsync(analyst, "reports", 16, (x, y), $"?agencyId={agencyId}")).Count);
    }

    [Fact]
    public async Task TileJSON_names_the_tile_URL_with_the_filters_the_zooms_the_region_and_the_attributes_of_each_layer()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "TJ3");
        using var client = database.Application.CreateClient(UserRole.TaskingMember, agencyId);

        var reports = await (await client.GetAsync($"/tiles/reports.json?category=party_house&agencyId={agencyId}")).ReadObjectAsync();
        var hotspots = await (await client.GetAsync("/tiles/hotspots.json")).ReadObjectAsync();

        Assert.Equal("3.0.0", reports["tilejson"]!.GetValue<string>());
        var template = reports["tiles"]![0]!.GetValue<string>();
        Assert.Equal($"{client.BaseAddress}tiles/reports/{{z}}/{{x}}/{{y}}.mvt?category=party_house&agencyId={agencyId}", template);
        Assert.Equal(16, reports["maxzoom"]!.GetValue<int>());
        Assert.Equal([-3.2, 52.0, -1.2, 53.0], reports["bounds"]!.AsArray().Select(b => b!.GetValue<double>()));
        var layer = reports["vector_layers"]![0]!;
        Assert.Equal("reports", layer["id"]!.GetValue<string>());
        Assert.Equal("Number", layer["fields"]!["point_count"]!.GetValue<string>());
        Assert.Equal("String", hotspots["vector_layers"]![0]!["fields"]!["trend"]!.GetValue<string>());
        await (await client.GetAsync("/tiles/premises.json?category=party_house")).AssertFieldErrorAsync("layer");
        await (await client.GetAsync("/tiles/persons.json")).AssertFieldErrorAsync("layer");
    }

    [Fact]
    public async Task The_style_draws_every_tile_layer_from_its_TileJSON_without_glyphs_or_sprites()
    {
        using var client = database.Application.CreateClient(UserRole.TaskingMember, await TestData.CreateAgencyAsync(database.Application, "TJ4"));

        var style = await (await client.GetAsync("/tiles/style.json")).ReadObjectAsync();

        Assert.Equal(8, style["version"]!.GetValue<int>());
        Assert.Null(style["glyphs"]);
        Assert.Null(style["sprite"]);
        var sources = style["sources"]!.AsObject();
        Assert.Equal(["reports", "premises", "hotspots"], sources.Select(source => source.Key));
        Assert.All(sources, source => Assert.Equal($"{client.BaseAddress}tiles/{source.Key}.json", source.Value!["url"]!.GetValue<string>()));
        var drawn = style["layers"]!.AsArray().Where(layer => layer!["source"] is not null).Select(layer => layer!["source"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(sources.Select(source => source.Key).ToHashSet(), drawn);
    }
}
