namespace HotspotIntel.Analysis;

/// <summary>
/// A raster of density estimates: square cells <see cref="CellSizeMeters"/> wide, column 0 at the western edge
/// <see cref="MinX"/> and row 0 at the southern edge <see cref="MinY"/> (metres, X easting, Y northing), each
/// holding the report weight per square metre at its centre.
/// </summary>
public sealed class DensityGrid
{
    private readonly double[] _densities;

    internal DensityGrid(double minX, double minY, double cellSizeMeters, int columns, int rows, double[] densities)
    {
        MinX = minX;
        MinY = minY;
        CellSizeMeters = cellSizeMeters;
        Columns = columns;
        Rows = rows;
        _densities = densities;
    }

    /// <summary>Western edge of column 0, in metres.</summary>
    public double MinX { get; }

    /// <summary>Southern edge of row 0, in metres.</summary>
    public double MinY { get; }

    /// <summary>Side of each square cell, in metres.</summary>
    public double CellSizeMeters { get; }

    /// <summary>Number of columns (west to east).</summary>
    public int Columns { get; }

    /// <summary>Number of rows (south to north).</summary>
    public int Rows { get; }

    /// <summary>Area of one cell in square metres.</summary>
    public double CellAreaSquareMeters => CellSizeMeters * CellSizeMeters;

    /// <summary>Density at the centre of the cell, in report weight per square metre.</summary>
    public double Density(int column, int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return _densities[(row * Columns) + column];
    }

    /// <summary>Centre of the cell.</summary>
    public PlanarPoint CellCentre(int column, int row) =>
        new(MinX + ((column + 0.5) * CellSizeMeters), MinY + ((row + 0.5) * CellSizeMeters));

    /// <summary>
    /// The densest cells that together cover <paramref name="areaShare"/> (0 to 1) of the grid's area, densest first:
    /// the "top 5% of the map" hotspot that PAI is usually measured on. Takes ⌈share × cells⌉ cells, but never a cell
    /// of zero density (no report reaches it); equal densities keep grid order (row by row from the south-west).
    /// </summary>
    public IReadOnlyList<DensityCell> TopCells(double areaShare)
    {
        if (double.IsNaN(areaShare) || areaShare < 0 || areaShare > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(areaShare), "The area share must be between 0 and 1.");
        }

        var wanted = (int)Math.Ceiling(areaShare * _densities.Length);
        var order = Enumerable.Range(0, _densities.Length)
            .Where(index => _densities[index] > 0)
            .OrderByDescending(index => _densities[index])
            .ThenBy(index => index)
            .Take(wanted);
        return order.Select(index => new DensityCell(index % Columns, index / Columns, _densities[index])).ToList();
    }
}
