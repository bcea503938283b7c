namespace HotspotIntel.Analysis;

/// <summary>
/// One hexagon of a <see cref="HexGrid"/>, numbered as PostGIS numbers them: <see cref="Column"/> is the i and
/// <see cref="Row"/> the j of <c>ST_Hexagon(size, i, j)</c> and of the rows <c>ST_HexagonGrid</c> returns.
/// Column 0 is centred on easting 0; columns step east, rows step north.
/// </summary>
public readonly record struct HexCell(int Column, int Row)
{
    /// <summary>
    /// The six cells that share an edge with this one. Odd columns sit half a row higher than even ones
    /// (PostGIS's layout), so the diagonal neighbours of an odd column are in rows j and j + 1, of an even one j − 1 and j.
    /// </summary>
    public IReadOnlyList<HexCell> Neighbours()
    {
        var diagonalRow = IsOddColumn ? Row + 1 : Row - 1;
        return
        [
            new(Column, Row + 1),
            new(Column, Row - 1),
            new(Column - 1, Row),
            new(Column + 1, Row),
            new(Column - 1, diagonalRow),
            new(Column + 1, diagonalRow),
        ];
    }

    // Two's complement: -1 & 1 == 1, so negative odd columns are odd too, as in PostGIS.
    internal bool IsOddColumn => (Column & 1) != 0;
}
