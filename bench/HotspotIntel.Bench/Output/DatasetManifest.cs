using System.Text.Json;

namespace HotspotIntel.Bench.Output;

/// <summary>manifest.json: what a dataset folder holds (seed, scale, rows per file), so a benchmark can reuse a folder it already generated.</summary>
internal sealed record DatasetManifest(int GeneratorVersion, ulong Seed, int Reports, bool ReportsOnly, IReadOnlyDictionary<string, long> Rows)
{
    public const string FileName = "manifest.json";

    /// <summary>Raise when a change to the generator changes its output, so old folders are not taken for new ones.</summary>
    public const int CurrentGeneratorVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void Write(string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    public static DatasetManifest? TryRead(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<DatasetManifest>(File.ReadAllText(path), Json) : null;
    }
}
