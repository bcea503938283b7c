namespace HotspotIntel.Analysis;

/// <summary>
/// A tiling of the plane by flat-topped regular hexagons (a flat edge at the top and bottom, a corner to the east
/// and west), the same tiling as PostGIS <c>ST_HexagonGrid(size, bounds)</c> and <c>ST_Hexagon(size, i, j)</c>
/// with origin (0, 0), so a <see cref="HexCell"/> here is the same polygon there.
/// Coordinates are metres in a metric CRS: X easting, Y northing.
/// </summary>
/// <remarks>
/// The size is PostGIS's: the length of a side, which for a regular hexagon is also the distance from the centre
/// to each corner. Cell (i, j) is centred at (1.5 · size · i, √3 · size · (j + ½ if i is odd)); checked against
/// PostGIS 3.3 <c>ST_Hexagon</c>. Layout and rounding follow Red Blob Games, "Hexagonal Grids" (axial coordinates, cube rounding).
/// </remarks>
public sealed class HexGrid
{
    private static readonly double Sqrt3 = Math.Sqrt(3.0);

    /// <summary>A grid of hexagons whose sides are <paramref name="cellSizeMeters"/> long.</summary>
    public HexGrid(double cellSizeMeters)
    {
        Ensure.PositiveFinite(cellSizeMeters);
        CellSizeMeters = cellSizeMeters;
    }

    /// <summary>Side length of each hexagon (= centre-to-corner distance), in metres.</summary>
    public double CellSizeMeters { get; }

    /// <summary>Area of one hexagon in square metres: (3√3 / 2) · size².</summary>
    public double CellAreaSquareMeters => 1.5 * Sqrt3 * CellSizeMeters * CellSizeMeters;

    /// <summary>Distance between the centres of two adjacent cells in metres: √3 · size.</summary>
    public double NeighbourDistanceMeters => Sqrt3 * CellSizeMeters;

    /// <summary>
    /// The cell containing <paramref name="point"/>. A point exactly on a shared edge or corner goes to one of the
    /// cells deterministically (cube rounding), where PostGIS <c>ST_Intersects</c> would match all of them.
    /// </summary>
    public HexCell CellOf(PlanarPoint point)
    {
        // Fractional axial coordinates of a flat-topped layout, then cube rounding to the nearest centre.
        var q = point.X * 2.0 / 3.0 / CellSizeMeters;
        var r = ((-point.X / 3.0) + (Sqrt3 / 3.0 * point.Y)) / CellSizeMeters;
        var s = -q - r;
        var rq = Math.Round(q);
        var rr = Math.Round(r);
        var rs = Math.Round(s);
        var dq = Math.Abs(rq - q);
        var dr = Math.Abs(rr - r);
        var ds = Math.Abs(rs - s);
        if (dq > dr && dq > ds)
        {
            rq = -rr - rs;
        }
        else if (dr > ds)
        {
            rr = -rq - rs;
        }

        var column = checked((int)rq);
        var axialRow = checked((int)rr);

        // Axial to PostGIS's offset rows: odd columns are shifted up half a row.
        return new HexCell(column, axialRow + ((column - (column & 1)) / 2));
    }

    /// <summary>Centre of <paramref name="cell"/>.</summary>
    public PlanarPoint Centre(HexCell cell) =>
        new(1.5 * CellSizeMeters * cell.Column,
            Sqrt3 * CellSizeMeters * (cell.Row + (cell.IsOddColumn ? 0.5 : 0.0)));

    /// <summary>
    /// The six corners of <paramref name="cell"/>, anticlockwise from the western corner, in the order of the ring
    /// PostGIS <c>ST_Hexagon</c> returns (which repeats the first corner to close the ring).
    /// </summary>
    public IReadOnlyList<PlanarPoint> Vertices(HexCell cell)
    {
        var centre = Centre(cell);
        var size = CellSizeMeters;
        var half = size / 2.0;
        var height = Sqrt3 / 2.0 * size;
        return
        [
            new(centre.X - size, centre.Y),
            new(centre.X - half, centre.Y - height),
            new(centre.X + half, centre.Y - height),
            new(centre.X + size, centre.Y),
            new(centre.X + half, centre.Y + height),
            new(centre.X - half, centre.Y + height),
        ];
    }

    /// <summary>
    /// Every cell whose centre lies within <paramref name="distanceMeters"/> of the centre of <paramref name="cell"/>,
    /// the cell itself included. A relative tolerance of 1e-9 keeps a threshold written as, say, √3 × size from
    /// losing neighbours to rounding.
    /// </summary>
    public IEnumerable<HexCell> CellsWithin(HexCell cell, double distanceMeters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(distanceMeters);
        var centre = Centre(cell);
        var limit = distanceMeters * (1 + 1e-9);
        var columnReach = (int)Math.Ceiling(distanceMeters / (1.5 * CellSizeMeters));
        var rowReach = (int)Math.Ceiling(distanceMeters / NeighbourDistanceMeters) + 1;
        for (var column = cell.Column - columnReach; column <= cell.Column + columnReach; column++)
        {
            for (var row = cell.Row - rowReach; row <= cell.Row + rowReach; row++)
            {
                var candidate = new HexCell(column, row);
                if (Centre(candidate).DistanceTo(centre) <= limit)
                {
                    yield return candidate;
                }
            }
        }
    }

    /// <summary>
    /// Every cell whose centre lies inside <paramref name="extent"/> (edges included), column by column from the
    /// west, rows from the south. <c>ST_HexagonGrid</c> over the same bounds returns these and a fringe of cells
    /// whose bounding boxes merely overlap the bounds.
    /// </summary>
    public IReadOnlyList<HexCell> CellsWithCentresIn(PlanarExtent extent)
    {
        extent.EnsureValid(nameof(extent));
        var cells = new List<HexCell>();
        var firstColumn = checked((int)Math.Ceiling(extent.MinX / (1.5 * CellSizeMeters)));
        var lastColumn = checked((int)Math.Floor(extent.MaxX / (1.5 * CellSizeMeters)));
        for (var column = firstColumn; column <= lastColumn; column++)
        {
            var shift = (column & 1) != 0 ? 0.5 : 0.0;
            var firstRow = checked((int)Math.Ceiling((extent.MinY / NeighbourDistanceMeters) - shift));
            var lastRow = checked((int)Math.Floor((extent.MaxY / NeighbourDistanceMeters) - shift));
            for (var row = firstRow; row <= lastRow; row++)
            {
                cells.Add(new HexCell(column, row));
            }
        }

        return cells;
    }
}
