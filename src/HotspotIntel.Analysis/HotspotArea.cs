namespace HotspotIntel.Analysis;

/// <summary>
/// The extent of one hotspot: hot hex cells joined through shared edges into one connected area.
/// Cells are sorted by column, then row.
/// </summary>
public sealed record HotspotArea(IReadOnlyList<HexCell> Cells)
{
    /// <summary>
    /// Merges <paramref name="hotCells"/> into connected areas: two cells are in the same area when a chain of
    /// edge-sharing hot cells joins them (corner contact cannot happen between hexagons). Areas come in the order
    /// of their first cell in <paramref name="hotCells"/>, so the same input always gives the same areas.
    /// </summary>
    public static IReadOnlyList<HotspotArea> FromHotCells(IEnumerable<HexCell> hotCells)
    {
        ArgumentNullException.ThrowIfNull(hotCells);
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
                foreach (var neighbour in cell.Neighbours())
                {
                    if (unvisited.Remove(neighbour))
                    {
                        cells.Add(neighbour);
                        queue.Enqueue(neighbour);
                    }
                }
            }

            cells.Sort((a, b) => a.Column != b.Column ? a.Column.CompareTo(b.Column) : a.Row.CompareTo(b.Row));
            areas.Add(new HotspotArea(cells));
        }

        return areas;
    }
}
