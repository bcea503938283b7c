namespace HotspotIntel.Analysis;

/// <summary>
/// The hex cells a run analyses: every cell whose centre lies in the reports' bounding box grown by one cell (so the
/// cell of every report is included), each cell's Gi* neighbourhood, and the cell of each report.
/// </summary>
internal sealed class StudyArea
{
    private readonly Dictionary<HexCell, int> _position;

    private StudyArea(HexGrid grid, IReadOnlyList<HexCell> cells, Dictionary<HexCell, int> position, int[][] neighbours, int[] cellOfReport)
    {
        Grid = grid;
        Cells = cells;
        _position = position;
        Neighbours = neighbours;
        CellOfReport = cellOfReport;
    }

    public HexGrid Grid { get; }

    public IReadOnlyList<HexCell> Cells { get; }

    /// <summary>Per cell, the positions of the other study cells within its neighbourhood.</summary>
    public int[][] Neighbours { get; }

    /// <summary>Per report, the position of its cell in <see cref="Cells"/>.</summary>
    public int[] CellOfReport { get; }

    public static StudyArea Around(HexGrid grid, IReadOnlyList<HotspotReport> reports, int neighbourhoodRings)
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

        // A report's cell centre is at most one cell size (the circumradius) from it.
        var pad = grid.CellSizeMeters;
        var cells = grid.CellsWithCentresIn(new PlanarExtent(minX - pad, minY - pad, maxX + pad, maxY + pad));
        var position = new Dictionary<HexCell, int>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            position[cells[i]] = i;
        }

        var reach = neighbourhoodRings * grid.NeighbourDistanceMeters;
        var neighbours = new int[cells.Count][];
        for (var i = 0; i < cells.Count; i++)
        {
            neighbours[i] = [.. grid.CellsWithin(cells[i], reach)
                .Where(cell => cell != cells[i])
                .Select(cell => position.TryGetValue(cell, out var j) ? j : -1)
                .Where(j => j >= 0)];
        }

        var cellOfReport = new int[reports.Count];
        for (var i = 0; i < reports.Count; i++)
        {
            cellOfReport[i] = position[grid.CellOf(reports[i].Point)];
        }

        return new StudyArea(grid, cells, position, neighbours, cellOfReport);
    }

    /// <summary>The position of <paramref name="cell"/> in <see cref="Cells"/>, or -1 outside the study area.</summary>
    public int PositionOf(HexCell cell) => _position.TryGetValue(cell, out var i) ? i : -1;
}
