using HotspotIntel.Analysis;
using HotspotIntel.Bench.City;

namespace HotspotIntel.Bench.Hotspots;

/// <summary>
/// The outline of a planted hotspot: an ellipse <see cref="LengthMeters"/> long on a bearing of
/// <see cref="BearingDegrees"/> (clockwise from north) and <see cref="WidthMeters"/> wide, a disc when the two are
/// equal. British National Grid metres.
/// </summary>
internal sealed record PlantedShape(PlanarPoint Centre, double LengthMeters, double WidthMeters, double BearingDegrees)
{
    /// <summary>A disc <paramref name="diameterMeters"/> across.</summary>
    public static PlantedShape Round(PlanarPoint centre, double diameterMeters) => new(centre, diameterMeters, diameterMeters, 0);

    public double AreaSquareMeters => Math.PI * LengthMeters * WidthMeters / 4;

    public bool IsRound => LengthMeters == WidthMeters;

    public bool Contains(PlanarPoint point)
    {
        var (along, across) = Local(point);
        var (a, b) = (along / (LengthMeters / 2), across / (WidthMeters / 2));
        return (a * a) + (b * b) <= 1;
    }

    /// <summary>A point uniformly distributed over the ellipse.</summary>
    public PlanarPoint RandomPointInside(Prng prng)
    {
        // Uniform over the unit disc (radius grows with the square root of a uniform draw), stretched to the ellipse.
        var radius = Math.Sqrt(prng.NextDouble());
        var angle = prng.Between(0, 2 * Math.PI);
        return World(radius * Math.Cos(angle) * LengthMeters / 2, radius * Math.Sin(angle) * WidthMeters / 2);
    }

    /// <summary>
    /// The cells of <paramref name="grid"/> at least half covered by the shape (measured on a 2 m lattice), or the
    /// cell of its centre when none is: the shape as hotspots of that grid can draw it.
    /// </summary>
    public IReadOnlyCollection<HexCell> CellsOn(HexGrid grid)
    {
        const double step = 2;
        var covered = new Dictionary<HexCell, int>();
        var reach = Math.Max(LengthMeters, WidthMeters) / 2;
        for (var x = Centre.X - reach; x <= Centre.X + reach; x += step)
        {
            for (var y = Centre.Y - reach; y <= Centre.Y + reach; y += step)
            {
                var point = new PlanarPoint(x, y);
                if (Contains(point))
                {
                    var cell = grid.CellOf(point);
                    covered[cell] = covered.GetValueOrDefault(cell) + 1;
                }
            }
        }

        var half = grid.CellAreaSquareMeters / 2 / (step * step);
        var cells = covered.Where(pair => pair.Value >= half).Select(pair => pair.Key).ToHashSet();
        return cells.Count > 0 ? cells : [grid.CellOf(Centre)];
    }

    private (double Along, double Across) Local(PlanarPoint point)
    {
        var (east, north) = (point.X - Centre.X, point.Y - Centre.Y);
        var bearing = BearingDegrees * Math.PI / 180;
        return ((east * Math.Sin(bearing)) + (north * Math.Cos(bearing)), (east * Math.Cos(bearing)) - (north * Math.Sin(bearing)));
    }

    private PlanarPoint World(double along, double across)
    {
        var bearing = BearingDegrees * Math.PI / 180;
        return new PlanarPoint(
            Centre.X + (along * Math.Sin(bearing)) + (across * Math.Cos(bearing)),
            Centre.Y + (along * Math.Cos(bearing)) - (across * Math.Sin(bearing)));
    }
}
