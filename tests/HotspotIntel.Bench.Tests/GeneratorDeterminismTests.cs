using HotspotIntel.Bench.City;
using HotspotIntel.Bench.Output;

namespace HotspotIntel.Bench.Tests;

public sealed class GeneratorDeterminismTests
{
    [Fact]
    public void The_same_seed_writes_byte_identical_files()
    {
        var first = Write(seed: 7, reports: 1_000);
        var second = Write(seed: 7, reports: 1_000);

        var files = Directory.GetFiles(first).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(second).Select(Path.GetFileName).Order().ToList());
        Assert.Contains(PlantedTruth.FileName, files);
        Assert.Contains(DatasetTables.Reports.FileName, files);
        foreach (var file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(first, file!)).SequenceEqual(File.ReadAllBytes(Path.Combine(second, file!))),
                $"{file} differs between two runs with the same seed.");
        }
    }

    [Fact]
    public void Another_seed_writes_another_city()
    {
        var first = Write(seed: 7, reports: 1_000);
        var other = Write(seed: 8, reports: 1_000);

        Assert.NotEqual(File.ReadAllText(Path.Combine(first, DatasetTables.Reports.FileName)),
            File.ReadAllText(Path.Combine(other, DatasetTables.Reports.FileName)));
    }

    [Fact]
    public void A_network_is_the_same_whether_generated_alone_or_after_the_others()
    {
        var city = new SyntheticCity(new CityScale(1_000), 7);
        var inOrder = city.Networks().ElementAt(13);
        var alone = NetworkFactory.Create(new SyntheticCity(new CityScale(1_000), 7), 13);

        Assert.Equal(inOrder.Reports.Select(r => r.Id), alone.Reports.Select(r => r.Id));
        Assert.Equal(inOrder.Links.Select(l => l.Id), alone.Links.Select(l => l.Id));
    }

    private static string Write(ulong seed, int reports)
    {
        var folder = TestCities.TemporaryFolder();
        CsvDatasetWriter.Write(new SyntheticCity(new CityScale(reports), seed), folder);
        return folder;
    }
}
