using HotspotIntel.Bench.City;
using HotspotIntel.Bench.Output;

namespace HotspotIntel.Bench.Tests;

/// <summary>
/// The demo-scale city, generated once per test run and shared: tests only read it. Its CSV files go to a temporary
/// folder deleted when the run ends.
/// </summary>
internal static class TestCities
{
    private static readonly Lazy<CityDataset> DemoDataset = new(() => new CityDataset(new SyntheticCity(new CityScale(CityScale.DemoReports), SyntheticCity.DefaultSeed)));

    private static readonly Lazy<string> DemoCsvFolder = new(() =>
    {
        var folder = TemporaryFolder();
        CsvDatasetWriter.Write(Demo.City, folder);
        return folder;
    });

    public static CityDataset Demo => DemoDataset.Value;

    public static string DemoFolder => DemoCsvFolder.Value;

    /// <summary>A new empty folder under the system's temporary folder, removed when the test run ends.</summary>
    public static string TemporaryFolder()
    {
        var folder = Directory.CreateTempSubdirectory("hotspotintel-bench-test-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    }
}
