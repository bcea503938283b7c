using NetTopologySuite.Features;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using VectorTileAddress = NetTopologySuite.IO.VectorTiles.Tiles.Tile;

namespace HotspotIntel.Api.Tests.Tiles;

/// <summary>Decodes the API's tiles with NetTopologySuite's Mapbox reader (features back in WGS84) and finds tiles for points.</summary>
internal static class TileReading
{
    public static (int X, int Y) TileOf(double longitude, double latitude, int zoom)
    {
        var n = 1 << zoom;
        var x = (int)Math.Floor((longitude + 180) / 360 * n);
        var radians = latitude * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(radians) + 1 / Math.Cos(radians)) / Math.PI) / 2 * n);
        return (x, y);
    }

    public static async Task<List<IFeature>> FeaturesAsync(HttpClient client, string layer, int zoom, (int X, int Y) tile, string query = "")
    {
        var response = await client.GetAsync($"/tiles/{layer}/{zoom}/{tile.X}/{tile.Y}.mvt{query}");
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        return Features(await response.Content.ReadAsByteArrayAsync(), layer, zoom, tile);
    }

    /// <summary>The features of <paramref name="layer"/> in a tile's bytes (none where it is empty).</summary>
    public static List<IFeature> Features(byte[] bytes, string layer, int zoom, (int X, int Y) tile)
    {
        if (bytes.Length == 0)
        {
            return [];
        }

        using var body = new MemoryStream(bytes);
        var decoded = new MapboxTileReader().Read(body, new VectorTileAddress(tile.X, tile.Y, zoom));
        return [.. decoded.Layers.Where(l => l.Name == layer).SelectMany(l => l.Features)];
    }

    /// <summary>True when the two WGS84 positions are within about a metre (1e-5 degrees) of each other.</summary>
    public static bool Near(double[] a, NetTopologySuite.Geometries.Coordinate b) =>
        Math.Abs(a[0] - b.X) < 1e-5 && Math.Abs(a[1] - b.Y) < 1e-5;
}
