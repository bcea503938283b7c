namespace HotspotIntel.Bench.MapClient;

/// <summary>One vector tile address: layer, zoom, column from the west, row from the north.</summary>
internal sealed record SweepTile(string Layer, int Z, int X, int Y)
{
    public override string ToString() => $"{Layer}/{Z}/{X}/{Y}";
}

/// <summary>
/// The tiles a user's pan and zoom sweep asks for: at each tile zoom, a 1280 x 800 px map window over the city centre
/// and the same window panned half its width east and a quarter of its height south. MapLibre draws vector tiles
/// 512 px wide, so a window is about 3 x 2 tiles, and tile zoom z is the map's zoom z + 1.
/// </summary>
internal static class TileSweep
{
    public const int WindowWidth = 1280;
    public const int WindowHeight = 800;
    public const int TilePixels = 512;

    public static IReadOnlyList<SweepTile> Tiles(IEnumerable<string> layers, double longitude, double latitude, int fromZoom, int toZoom)
    {
        var addresses = new List<(int Z, int X, int Y)>();
        for (var zoom = fromZoom; zoom <= toZoom; zoom++)
        {
            var (x, y) = WorldPixels(longitude, latitude, zoom);
            foreach (var (centreX, centreY) in new[] { (x, y), (x + WindowWidth / 2.0, y + WindowHeight / 4.0) })
            {
                addresses.AddRange(Covering(zoom, centreX, centreY).Where(a => !addresses.Contains(a)));
            }
        }

        return [.. layers.SelectMany(layer => addresses.Select(a => new SweepTile(layer, a.Z, a.X, a.Y)))];
    }

    /// <summary>Web Mercator pixel coordinates of a WGS84 point in a world of 2^zoom tiles of <see cref="TilePixels"/>.</summary>
    public static (double X, double Y) WorldPixels(double longitude, double latitude, int zoom)
    {
        var size = TilePixels * Math.Pow(2, zoom);
        var radians = latitude * Math.PI / 180;
        return ((longitude + 180) / 360 * size, (1 - Math.Log(Math.Tan(radians) + 1 / Math.Cos(radians)) / Math.PI) / 2 * size);
    }

    private static IEnumerable<(int Z, int X, int Y)> Covering(int zoom, double centreX, double centreY)
    {
        var last = (1 << zoom) - 1;
        int Index(double pixels) => Math.Clamp((int)Math.Floor(pixels / TilePixels), 0, last);
        for (var x = Index(centreX - WindowWidth / 2.0); x <= Index(centreX + WindowWidth / 2.0); x++)
        {
            for (var y = Index(centreY - WindowHeight / 2.0); y <= Index(centreY + WindowHeight / 2.0); y++)
            {
                yield return (zoom, x, y);
            }
        }
    }
}
