using System.Text.Json;
using HotspotIntel.Analysis;
using HotspotIntel.Api.Json;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>The one JSON form of a run's <see cref="HotspotWarning"/>s: what runs store in <c>hotspot_runs.warnings</c> and the API shows.</summary>
public static class HotspotWarningsJson
{
    private static readonly JsonSerializerOptions Options = Create();

    public static string Write(IReadOnlyList<HotspotWarning> warnings) => JsonSerializer.Serialize(warnings, Options);

    public static IReadOnlyList<HotspotWarning> Read(string json) =>
        JsonSerializer.Deserialize<List<HotspotWarning>>(json, Options) ?? throw new FormatException("Hotspot run warnings are null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Configure(options);
        return options;
    }
}
