using System.Text.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Infrastructure;

/// <summary>
/// The OpenAPI documents committed under openapi/ are the ones the API serves: the map client's types are generated from
/// the committed copy and the linter reads it, so a change to the API that is not carried into them fails here.
/// Set HOTSPOTINTEL_WRITE_OPENAPI=1 to write the served documents over the committed ones (then regenerate the client's
/// types with <c>npm run api:types</c> in map-client/).
/// </summary>
public sealed class OpenApiSnapshotTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData("/openapi/v1.json", "hotspotintel.json")]
    [InlineData("/openapi/ogc.json", "ogc.json")]
    public async Task The_committed_document_is_the_one_the_API_serves(string served, string committed)
    {
        using var client = database.Application.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync(served))!;
        var path = Path.Combine(RepositoryRoot(), "openapi", committed);
        if (Environment.GetEnvironmentVariable("HOTSPOTINTEL_WRITE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        var onDisk = File.Exists(path) ? JsonNode.Parse(await File.ReadAllTextAsync(path)) : null;

        Assert.True(JsonNode.DeepEquals(document, onDisk),
            $"openapi/{committed} is not what {served} serves: run HOTSPOTINTEL_WRITE_OPENAPI=1 dotnet test --filter OpenApiSnapshot, "
            + "then npm run api:types in map-client/, and commit both.");
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "HotspotIntel.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("No HotspotIntel.sln above the test assembly.");
    }
}
