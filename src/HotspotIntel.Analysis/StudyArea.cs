namespace HotspotIntel.Analysis;

/// <summary>
/// The hex cells a run analyses: every cell whose centre lies in the reports' bounding box grown by one cell (so the
/// cell of every report is included), the cell of each report, and each cell's neighbours.
/// </summary>
internal sealed class StudyArea
{
    // Study cells fill a rectangle of columns and rows, so a flat array finds a cell's position without hashing:
    // the background surface looks up hundreds of neighbours for every cell.
    private readonly int[] _position;
    private readonly int _firstColumn;
    private readonly int _firstRow;
    private readonly int _columns;
    private readonly int _rows;
    private readonly Lazy<int[][]> _rings;
    private readonly Dictionary<double, BackgroundSurface> _backgrounds = [];

    private StudyArea(HexGrid grid, IReadOnlyList<HexCell> cells, int neighbourhoodRings, IReadOnlyList<HotspotReport> reports)
    {
        Grid = grid;
        Cells = cells;
        _firstColumn = cells.Min(cell => cell.Column);
        _firstRow = cells.Min(cell => cell.Row);
        _columns = cells.Max(cell => cell.Column) - _firstColumn + 1;
        _rows = cells.Max(cell => cell.Row) - _firstRow + 1;
        _position = new int[checked(_columns * _rows)];
        Array.Fill(_position, -1);
        for (var i = 0; i < cells.Count; i++)
        {
            _position[((cells[i].Column - _firstColumn) * _rows) + cells[i].Row - _firstRow] = i;
        }

        Adjacent = new int[cells.Count][];
        for (var i = 0; i < cells.Count; i++)
        {
            Adjacent[i] = [.. cells[i].Neighbours().Select(PositionOf).Where(j => j >= 0)];
        }

        _rings = new(() => neighbourhoodRings == 1 ? Adjacent : RingsWithin(neighbourhoodRings));
        CellOfReport = new int[reports.Count];
        for (var i = 0; i < reports.Count; i++)
        {
            CellOfReport[i] = PositionOf(grid.CellOf(reports[i].Point));
        }
    }

    public HexGrid Grid { get; }

    public IReadOnlyList<HexCell> Cells { get; }

    /// <summary>Per cell, the positions of the study cells that share an edge with it.</summary>
    public int[][] Adjacent { get; }

    /// <summary>Per cell, the positions of the other study cells within its Gi* neighbourhood (the parameters' rings).</summary>
    public int[][] Neighbours => _rings.Value;

    /// <summary>Per report, the position of its cell in <see cref="Cells"/>.</summary>
    public int[] CellOfReport { get; }

    public static StudyArea Around(HexGrid grid, IReadOnlyList<HotspotReport> reports, int neighbourhoodRings) =>
        new(grid, CellsCovering(grid, BoundsOf(reports)), neighbourhoodRings, reports);

    /// <summary>
    /// The bounding box of the reports' points (inverted, min above max, when there are none); throws when a point is
    /// not finite.
    /// </summary>
    public static PlanarExtent BoundsOf(IEnumerable<HotspotReport> reports)
    {
        var (minX, minY, maxX, maxY) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
        foreach (var report in reports)
        {
            if (!double.IsFinite(report.Point.X) || !double.IsFinite(report.Point.Y))
            {
                throw new ArgumentException("Every report must have finite coordinates.", nameof(reports));
            }

            (minX, minY) = (Math.Min(minX, report.Point.X), Math.Min(minY, report.Point.Y));
            (maxX, maxY) = (Math.Max(maxX, report.Point.X), Math.Max(maxY, report.Point.Y));
        }

        return new PlanarExtent(minX, minY, maxX, maxY);
    }

    /// <summary>The study cells of reports whose points span <paramref name="reportBounds"/>, without placing any report in them.</summary>
    public static StudyArea Covering(HexGrid grid, PlanarExtent reportBounds, int neighbourhoodRings) =>
        new(grid, CellsCovering(grid, reportBounds), neighbourhoodRings, []);

    // A report's cell centre is at most one cell size (the circumradius) from it.
    private static IReadOnlyList<HexCell> CellsCovering(HexGrid grid, PlanarExtent bounds) => grid.CellsWithCentresIn(new PlanarExtent(
        bounds.MinX - grid.CellSizeMeters, bounds.MinY - grid.CellSizeMeters, bounds.MaxX + grid.CellSizeMeters, bounds.MaxY + grid.CellSizeMeters));

    /// <summary>
    /// The background surface of these cells at <paramref name="bandwidthMeters"/>, made once: counts brought forward
    /// keep their study cells, and a run from them reuses the kernel's weights.
    /// </summary>
    public BackgroundSurface Background(double bandwidthMeters)
    {
        lock (_backgrounds)
        {
            if (!_backgrounds.TryGetValue(bandwidthMeters, out var background))
            {
                _backgrounds[bandwidthMeters] = background = new BackgroundSurface(this, bandwidthMeters);
            }

            return background;
        }
    }

    /// <summary>The position of <paramref name="cell"/> in <see cref="Cells"/>, or -1 outside the study area.</summary>
    public int PositionOf(HexCell cell) => PositionOf(cell.Column, cell.Row);

    /// <summary>The position of the cell in <paramref name="column"/> and <paramref name="row"/>, or -1 outside the study area.</summary>
    public int PositionOf(int column, int row)
    {
        var c = column - _firstColumn;
        var r = row - _firstRow;
        return c < 0 || r < 0 || c >= _columns || r >= _rows ? -1 : _position[(c * _rows) + r];
    }

    private int[][] RingsWithin(int rings)
    {
        var reach = rings * Grid.NeighbourDistanceMeters;
        var neighbours = new int[Cells.Count][];
        for (var i = 0; i < Cells.Count; i++)
        {
            neighbours[i] = [.. Grid.CellsWithin(Cells[i], reach)
                .Where(cell => cell != Cells[i])
                .Select(PositionOf)
                .Where(j => j >= 0)];
        }

        return neighbours;
    }
}
