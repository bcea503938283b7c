namespace HotspotIntel.Analysis.Tests;

public sealed class HotspotAreaTests
{
    [Fact]
    public void Adjacent_hot_cells_merge_into_one_area_and_separate_ones_stay_apart()
    {
        // (0,0)–(1,0) share an edge, as do (1,0)–(1,1); (5,5) touches none of them.
        var areas = HotspotArea.FromHotCells([new(0, 0), new(5, 5), new(1, 1), new(1, 0)]);

        Assert.Equal(2, areas.Count);
        Assert.Equal([new HexCell(0, 0), new HexCell(1, 0), new HexCell(1, 1)], areas[0].Cells);
        Assert.Equal([new HexCell(5, 5)], areas[1].Cells);
    }

    [Fact]
    public void Cells_in_the_same_column_two_rows_apart_are_not_adjacent()
    {
        var areas = HotspotArea.FromHotCells([new(0, 0), new(0, 2)]);

        Assert.Equal(2, areas.Count);
    }

    [Fact]
    public void Diagonal_adjacency_depends_on_whether_the_column_is_odd()
    {
        // Odd column 1 sits half a row up: (1,0) touches (0,1) but not (0,-1).
        Assert.Single(HotspotArea.FromHotCells([new(1, 0), new(0, 1)]));
        Assert.Equal(2, HotspotArea.FromHotCells([new(1, 0), new(0, -1)]).Count);

        // Negative odd columns too: (-1,0) touches (0,1) but not (0,-1).
        Assert.Single(HotspotArea.FromHotCells([new(-1, 0), new(0, 1)]));
        Assert.Equal(2, HotspotArea.FromHotCells([new(-1, 0), new(0, -1)]).Count);
    }

    [Fact]
    public void Joined_within_two_rings_cells_one_cell_apart_make_one_area_without_the_gap()
    {
        // (0,0) and (0,2) have (0,1) between them; (0,5) is three rows away.
        HexCell[] cells = [new(0, 0), new(0, 2), new(0, 5)];

        var areas = HotspotArea.FromHotCells(cells, joinWithinRings: 2);

        Assert.Equal(2, areas.Count);
        Assert.Equal([new HexCell(0, 0), new HexCell(0, 2)], areas[0].Cells);
        Assert.Equal(3, HotspotArea.FromHotCells(cells).Count);
    }
}
