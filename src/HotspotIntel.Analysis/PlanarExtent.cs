namespace HotspotIntel.Analysis;

/// <summary>
/// An axis-aligned rectangle in a metric CRS: minimum and maximum easting (X) and northing (Y), in metres.
/// </summary>
public readonly record struct PlanarExtent(double MinX, double MinY, double MaxX, double MaxY)
{
    /// <summary>Width (east–west) in metres.</summary>
    public double Width => MaxX - MinX;

    /// <summary>Height (south–north) in metres.</summary>
    public double Height => MaxY - MinY;

    /// <summary>True when <paramref name="point"/> lies inside or on the edge.</summary>
    public bool Contains(PlanarPoint point) =>
        point.X >= MinX && point.X <= MaxX && point.Y >= MinY && point.Y <= MaxY;

    /// <summary>Throws unless the extent has positive width and height and finite corners.</summary>
    internal void EnsureValid(string parameterName)
    {
        if (!double.IsFinite(MinX) || !double.IsFinite(MinY) || !double.IsFinite(MaxX) || !double.IsFinite(MaxY)
            || Width <= 0 || Height <= 0)
        {
            throw new ArgumentException("The extent must have finite corners and positive width and height.", parameterName);
        }
    }
}
