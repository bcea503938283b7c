namespace HotspotIntel.Analysis;

/// <summary>
/// The extent of one hotspot: hot hex cells joined into one area, through shared edges or, where a method's outlines
/// are tight, across gaps of one cell. Cells are sorted by column, then row.
/// </summary>
public sealed record HotspotArea(IReadOnlyList<HexCell> Cells)
{
    /// <summary>
    /// Merges <paramref name="hotCells"/> into areas: two cells are in the same area when a chain of hot cells joins
    /// them, each within <paramref name="joinWithinRings"/> rings of the next (1: sharing an edge, as corner contact
    /// cannot happen between hexagons; 2: also across a gap of one cell, which stays out of the area). Areas come in
    /// the order of their first cell in <paramref name="hotCells"/>, so the same input always gives the same areas.
    /// </summary>
    public static IReadOnlyList<HotspotArea> FromHotCells(IEnumerable<HexCell> hotCells, int joinWithinRings = 1)
    {
        ArgumentNullException.ThrowIfNull(hotCells);
        ArgumentOutOfRangeException.ThrowIfLessThan(joinWithinRings, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(joinWithinRings, 2);
        var ordered = hotCells.Distinct().ToList();
        var unvisited = ordered.ToHashSet();
        var areas = new List<HotspotArea>();
        foreach (var start in ordered)
        {
            if (!unvisited.Remove(start))
            {
                continue;
            }

            var cells = new List<HexCell> { start };
            var queue = new Queue<HexCell>([start]);
            while (queue.TryDequeue(out var cell))
            {
                foreach (var near in Near(cell, joinWithinRings))
                {
                    if (unvisited.Remove(near))
                    {
                        cells.Add(near);
                        queue.Enqueue(near);
                    }
                }
            }

            cells.Sort((a, b) => a.Column != b.Column ? a.Column.CompareTo(b.Column) : a.Row.CompareTo(b.Row));
            areas.Add(new HotspotArea(cells));
        }

        return areas;
    }

    private static IEnumerable<HexCell> Near(HexCell cell, int rings) =>
        rings == 1 ? cell.Neighbours() : cell.Neighbours().SelectMany(neighbour => neighbour.Neighbours()).Concat(cell.Neighbours()).Distinct();
}
