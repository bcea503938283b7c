namespace HotspotIntel.Analysis.Tests;

public sealed class HexGridTests
{
    private readonly HexGrid _grid = new(cellSizeMeters: 10);

    [Fact]
    public void Cells_have_the_polygons_postgis_st_hexagon_gives()
    {
        // SELECT ST_AsText(ST_Hexagon(10, 1, 0)) on PostGIS 3.3.2, ring closed by repeating the first corner.
        var h = 8.660254037844387;
        PlanarPoint[] expected = [new(5, h), new(10, 0), new(20, 0), new(25, h), new(20, 2 * h), new(10, 2 * h)];

        var vertices = _grid.Vertices(new HexCell(1, 0));

        Assert.Equal(expected.Length, vertices.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].X, vertices[i].X, 9);
            Assert.Equal(expected[i].Y, vertices[i].Y, 9);
        }
    }

    [Theory]
    [InlineData(0, 0, 0.0, 0.0)]
    [InlineData(0, 1, 0.0, 17.320508075688775)]
    [InlineData(1, 0, 15.0, 8.660254037844387)]
    [InlineData(-1, 0, -15.0, 8.660254037844387)]
    [InlineData(-1, -1, -15.0, -8.660254037844387)]
    [InlineData(1, -1, 15.0, -8.660254037844387)]
    public void Cell_centres_follow_postgis_numbering_with_odd_columns_half_a_row_up(int column, int row, double x, double y)
    {
        var centre = _grid.Centre(new HexCell(column, row));

        Assert.Equal(x, centre.X, 9);
        Assert.Equal(y, centre.Y, 9);
    }

    // Expected cells from ST_Intersects(ST_HexagonGrid(10, …).geom, point) on PostGIS 3.3.2.
    [Theory]
    [InlineData(7.65, 8.05, 1, 0)]
    [InlineData(-12.0, 3.0, -1, 0)]
    [InlineData(-3.0, -15.0, 0, -1)]
    [InlineData(33.0, -40.0, 2, -2)]
    [InlineData(9.9, 0.2, 1, 0)]
    [InlineData(-47.5, 61.0, -3, 3)]
    public void A_point_falls_in_the_cell_postgis_puts_it_in(double x, double y, int column, int row)
    {
        Assert.Equal(new HexCell(column, row), _grid.CellOf(new PlanarPoint(x, y)));
    }

    [Fact]
    public void A_point_belongs_to_the_cell_with_the_nearest_centre()
    {
        var random = new Random(20240611);
        for (var i = 0; i < 2000; i++)
        {
            var point = new PlanarPoint((random.NextDouble() - 0.5) * 400, (random.NextDouble() - 0.5) * 400);
            var cell = _grid.CellOf(point);
            var distance = point.DistanceTo(_grid.Centre(cell));

            Assert.All(cell.Neighbours(), neighbour => Assert.True(distance <= point.DistanceTo(_grid.Centre(neighbour)) + 1e-9));
        }
    }

    [Fact]
    public void The_six_neighbours_are_the_cells_one_centre_spacing_away()
    {
        foreach (var cell in new HexCell[] { new(0, 0), new(1, 0), new(-1, 2), new(-2, -3) })
        {
            var neighbours = cell.Neighbours();

            Assert.Equal(6, neighbours.Distinct().Count());
            Assert.All(neighbours, n => Assert.Equal(_grid.NeighbourDistanceMeters, _grid.Centre(n).DistanceTo(_grid.Centre(cell)), 9));
        }
    }

    [Fact]
    public void Cells_within_the_neighbour_spacing_are_the_cell_and_its_ring()
    {
        var cell = new HexCell(3, -2);

        var within = _grid.CellsWithin(cell, _grid.NeighbourDistanceMeters).ToHashSet();

        Assert.True(within.SetEquals(cell.Neighbours().Append(cell)));
    }

    [Fact]
    public void Cells_within_two_spacings_are_the_first_two_rings()
    {
        // Ring-2 cells lie 2√3·size away (straight on) or 3·size (in between): 1 + 6 + 12 cells.
        Assert.Equal(19, _grid.CellsWithin(new HexCell(0, 0), 2 * _grid.NeighbourDistanceMeters).Count());
        Assert.Equal(13, _grid.CellsWithin(new HexCell(0, 0), 3 * _grid.CellSizeMeters).Count());
    }

    [Fact]
    public void Cells_with_centres_in_an_extent_are_exactly_those_whose_centres_lie_inside()
    {
        var extent = new PlanarExtent(-31, -22, 47, 38);

        var cells = _grid.CellsWithCentresIn(extent);

        Assert.All(cells, cell => Assert.True(extent.Contains(_grid.Centre(cell))));
        var around = from column in Enumerable.Range(-10, 20)
                     from row in Enumerable.Range(-10, 20)
                     select new HexCell(column, row);
        var expected = around.Where(cell => extent.Contains(_grid.Centre(cell))).ToHashSet();
        Assert.True(expected.SetEquals(cells));
    }

    [Fact]
    public void Cell_area_is_that_of_a_regular_hexagon()
    {
        Assert.Equal(259.8076211353316, _grid.CellAreaSquareMeters, 9);
    }
}
