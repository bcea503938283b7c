using System.Globalization;
using HotspotIntel.Api.Errors;

namespace HotspotIntel.Api.Tiles;

/// <summary>A Web Mercator (EPSG:3857) tile in the XYZ scheme: zoom <c>z</c>, column <c>x</c> from the west, row <c>y</c> from the north.</summary>
public readonly record struct TileAddress(int Z, int X, int Y)
{
    /// <summary>Deeper than street level a tile holds no more detail; 22 is the deepest zoom MapLibre asks for.</summary>
    public const int MaxZoom = 22;

    /// <summary>Reads z/x/y from the path, naming each field that is not a whole number in range.</summary>
    public static TileAddress? Read(string z, string x, string y, ValidationErrors errors)
    {
        if (!int.TryParse(z, NumberStyles.None, CultureInfo.InvariantCulture, out var zoom) || zoom > MaxZoom)
        {
            errors.Add("z", $"Must be a whole number from 0 to {MaxZoom}.");
            return null;
        }

        var last = (1 << zoom) - 1;
        var column = ReadIndex(x, "x", last, zoom, errors);
        var row = ReadIndex(y, "y", last, zoom, errors);
        return column is { } c && row is { } r ? new TileAddress(zoom, c, r) : null;
    }

    private static int? ReadIndex(string text, string field, int last, int zoom, ValidationErrors errors)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= last)
        {
            return index;
        }

        errors.Add(field, $"Must be a whole number from 0 to {last} at zoom {zoom}.");
        return null;
    }
}
