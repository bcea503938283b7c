using System.Net;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Client;

/// <summary>The map client from the API's own origin: its files and start-up configuration open, everything else as before.</summary>
public sealed class ClientHostingTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string _clientFolder = CreateClientFolder();

    [Fact]
    public async Task Client_config_is_open_and_names_no_basemap_unless_configured()
    {
        using var anonymous = database.Application.CreateClient();
        var config = await (await anonymous.GetAsync("/api/client-config")).ReadObjectAsync();

        Assert.Null(config["basemapStyleUrl"]);
        Assert.Equal(-3.2, config["region"]!["minLongitude"]!.GetValue<double>());
    }

    [Fact]
    public async Task The_built_client_is_served_at_the_root_and_for_its_own_paths_without_a_token()
    {
        using var application = WithClientFolder();
        using var anonymous = application.CreateClient();

        var root = await anonymous.GetAsync("/");
        var deepLink = await anonymous.GetAsync("/tasking/anything");
        var asset = await anonymous.GetAsync("/assets/app.js");

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("HotspotIntel test client", await root.Content.ReadAsStringAsync());
        Assert.Contains("HotspotIntel test client", await deepLink.Content.ReadAsStringAsync());
        Assert.Equal("console.log('client');", await asset.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_api_paths_stay_404_and_api_data_still_needs_a_token()
    {
        using var application = WithClientFolder();
        using var anonymous = application.CreateClient();
        using var signedIn = application.CreateClient(UserRole.Analyst, await TestData.CreateAgencyAsync(application, "CLIENT1"));

        var unknown = await signedIn.GetAsync("/api/no-such-thing");
        var unknownTile = await signedIn.GetAsync("/tiles");
        var reports = await anonymous.GetAsync("/api/reports");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("HotspotIntel test client", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownTile.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reports.StatusCode);
    }

    [Fact]
    public async Task A_method_an_api_path_does_not_take_is_405_with_the_client_served_beside_it()
    {
        using var application = WithClientFolder();
        using var signedIn = application.CreateClient(UserRole.Analyst, await TestData.CreateAgencyAsync(application, "CLIENT2"));

        var getOfPostOnly = await signedIn.GetAsync("/api/exports/persons");
        var postToClientPath = await signedIn.PostAsync("/tasking/anything", null);
        var missingFile = await signedIn.GetAsync("/assets/missing.js");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, getOfPostOnly.StatusCode);
        Assert.DoesNotContain("HotspotIntel test client", await getOfPostOnly.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, postToClientPath.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingFile.StatusCode);
    }

    public void Dispose() => Directory.Delete(_clientFolder, recursive: true);

    private HotspotIntelApplication WithClientFolder() =>
        new(database.AppConnectionString, new Dictionary<string, string> { ["Client:Path"] = _clientFolder });

    private static string CreateClientFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hotspotintel-client-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(folder, "assets"));
        File.WriteAllText(Path.Combine(folder, "index.html"), "<!doctype html><title>HotspotIntel test client</title>");
        File.WriteAllText(Path.Combine(folder, "assets", "app.js"), "console.log('client');");
        return folder;
    }
}
