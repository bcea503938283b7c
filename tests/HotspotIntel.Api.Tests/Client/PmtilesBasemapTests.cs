using System.Net;
using System.Net.Http.Headers;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Client;

/// <summary>A partnership's own PMTiles basemap file, served by the API for MapLibre's pmtiles protocol to read in byte ranges.</summary>
public sealed class PmtilesBasemapTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string _file = CreateArchive();

    [Fact]
    public async Task A_range_request_on_the_configured_pmtiles_file_answers_206_with_those_bytes()
    {
        using var application = WithArchive();
        using var reader = application.CreateClient(UserRole.TaskingMember, await TestData.CreateAgencyAsync(application, "PMT1"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/basemap/basemap.pmtiles");
        request.Headers.Range = new RangeHeaderValue(0, 126);

        using var response = await reader.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(new ContentRangeHeaderValue(0, 126, 4096), response.Content.Headers.ContentRange);
        Assert.Equal((await File.ReadAllBytesAsync(_file))[..127], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
    }

    [Fact]
    public async Task The_client_config_names_the_pmtiles_basemap_only_when_one_is_configured()
    {
        using var application = WithArchive();
        using var anonymous = application.CreateClient();
        using var plain = database.Application.CreateClient();

        var configured = await (await anonymous.GetAsync("/api/client-config")).ReadObjectAsync();
        var unconfigured = await (await plain.GetAsync("/api/client-config")).ReadObjectAsync();

        Assert.Equal("/basemap/basemap.pmtiles", configured["basemapPmtilesUrl"]!.GetValue<string>());
        Assert.Null(unconfigured["basemapPmtilesUrl"]);
    }

    [Fact]
    public async Task The_pmtiles_file_needs_a_token_and_is_a_problem_404_when_none_is_configured()
    {
        using var application = WithArchive();
        using var anonymous = application.CreateClient();
        using var reader = database.Application.CreateClient(UserRole.TaskingMember, await TestData.CreateAgencyAsync(database.Application, "PMT2"));

        var withoutToken = await anonymous.GetAsync("/basemap/basemap.pmtiles");
        var unconfigured = await reader.GetAsync("/basemap/basemap.pmtiles");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unconfigured.StatusCode);
        Assert.Equal("application/problem+json", unconfigured.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => File.Delete(_file);

    private HotspotIntelApplication WithArchive() =>
        new(database.AppConnectionString, new Dictionary<string, string> { ["Client:BasemapPmtilesPath"] = _file });

    /// <summary>4 KiB starting with the PMTiles v3 magic: the API serves the bytes, it does not read them.</summary>
    private static string CreateArchive()
    {
        var path = Path.Combine(Path.GetTempPath(), $"basemap-{Guid.NewGuid():N}.pmtiles");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        "PMTiles"u8.CopyTo(bytes);
        bytes[7] = 3;
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
