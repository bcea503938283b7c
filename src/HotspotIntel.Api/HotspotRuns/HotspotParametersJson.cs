using System.Text.Json;
using HotspotIntel.Analysis;
using HotspotIntel.Api.Json;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>The one JSON form of <see cref="HotspotParameters"/>: what runs store in <c>hotspot_runs.parameters</c> and the API shows.</summary>
public static class HotspotParametersJson
{
    private static readonly JsonSerializerOptions Options = Create();

    public static string Write(HotspotParameters parameters) => JsonSerializer.Serialize(parameters, Options);

    public static HotspotParameters Read(string json) =>
        JsonSerializer.Deserialize<HotspotParameters>(json, Options) ?? throw new FormatException("Hotspot run parameters are null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Configure(options);
        return options;
    }
}
