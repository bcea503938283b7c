using HotspotIntel.Bench.City;
using HotspotIntel.Bench.MapClient;

namespace HotspotIntel.Api.Tests.Bench;

/// <summary>The map benchmark asks for the tiles a map window shows, and measures the client as a browser downloads it.</summary>
public sealed class MapBenchmarkPartsTests
{
    [Fact]
    public void The_sweep_asks_each_layer_for_the_tiles_of_a_1280_by_800_window_and_its_pan_at_every_zoom_from_8_to_16()
    {
        var tiles = TileSweep.Tiles(["reports", "hotspots"], CityMap.CentreLongitude, CityMap.CentreLatitude, 8, 16);

        foreach (var zoom in Enumerable.Range(8, 9))
        {
            var (x, y) = TileSweep.WorldPixels(CityMap.CentreLongitude, CityMap.CentreLatitude, zoom);
            var centre = (X: (int)(x / TileSweep.TilePixels), Y: (int)(y / TileSweep.TilePixels));
            var atZoom = tiles.Where(t => t.Z == zoom && t.Layer == "reports").ToList();
            // A 1280 px window over 512 px tiles spans 3 or 4 columns; the pan adds at most 2 more.
            Assert.InRange(atZoom.Select(t => t.X).Distinct().Count(), 3, 6);
            Assert.InRange(atZoom.Select(t => t.Y).Distinct().Count(), 2, 4);
            Assert.Contains(atZoom, t => (t.X, t.Y) == centre);
            Assert.Equal(atZoom.Count, atZoom.Distinct().Count());
            Assert.Equal(atZoom.Select(t => (t.X, t.Y)), tiles.Where(t => t.Z == zoom && t.Layer == "hotspots").Select(t => (t.X, t.Y)));
        }

        Assert.Equal(Enumerable.Range(8, 9), tiles.Select(t => t.Z).Distinct().Order());
    }

    [Fact]
    public void The_client_size_is_each_file_gzipped_summed_by_kind()
    {
        var dist = Directory.CreateTempSubdirectory("dist-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dist.FullName, "assets"));
            File.WriteAllText(Path.Combine(dist.FullName, "index.html"), new string('a', 100_000));
            File.WriteAllBytes(Path.Combine(dist.FullName, "assets", "app.js"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(20_000));
            File.WriteAllBytes(Path.Combine(dist.FullName, "assets", "worker.js"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(10_000));

            var sizes = ClientSize.GzipBytesByKind(dist.FullName);

            Assert.Equal(["html", "js"], sizes.Keys);
            Assert.InRange(sizes["html"], 20, 1_000);
            // Random bytes do not compress: gzip adds its header and block overhead to each file.
            Assert.InRange(sizes["js"], 30_000, 31_000);
        }
        finally
        {
            dist.Delete(recursive: true);
        }
    }
}
