namespace HotspotIntel.Analysis;

/// <summary>
/// The local expectation of a study cell's value: the quartic-kernel-weighted mean of the other study cells' values
/// within a wide bandwidth (a wide-bandwidth background surface), leaving out the cell itself, and counting cells
/// already found hot at their own expectation, so that a hotspot does not raise the expectation around it.
/// Bandwidth in metres.
/// </summary>
/// <remarks>
/// A cell in a busy but ordinary town centre is compared with the town centre around it, not with the study area's
/// mean rate as Gi* and a global Poisson test compare it; that is what keeps an ordinary busy centre from being a
/// hotspot. Hot cells are capped at their expectation rather than left out: leaving out the cells that chance made
/// high in a busy area would lower their neighbours' expectation and make them look hot in turn. The kernel is
/// <see cref="KernelDensity.Quartic"/>; its weights over hex offsets are worked out once per column parity, since
/// every cell of a parity sees the same pattern of neighbours.
/// </remarks>
internal sealed class BackgroundSurface
{
    private readonly StudyArea _study;
    private readonly (int Column, int Row, double Weight)[][] _stencils;
    private readonly double _selfWeight;
    private readonly double[] _fullWeight;

    public BackgroundSurface(StudyArea study, double bandwidthMeters)
    {
        _study = study;
        var grid = study.Grid;
        _stencils = new (int, int, double)[2][];
        for (var parity = 0; parity < 2; parity++)
        {
            var origin = new HexCell(parity, 0);
            _stencils[parity] = [.. grid.CellsWithin(origin, bandwidthMeters)
                .Select(cell => (cell.Column - parity, cell.Row, KernelDensity.Quartic(grid.Centre(cell).DistanceTo(grid.Centre(origin)), bandwidthMeters)))
                .Where(offset => offset.Item3 > 0)];
        }

        _selfWeight = KernelDensity.Quartic(0, bandwidthMeters);
        _fullWeight = new double[study.Cells.Count];
        for (var i = 0; i < study.Cells.Count; i++)
        {
            Spread(i, 1.0, _fullWeight);
        }
    }

    /// <summary>
    /// Per study cell, the kernel-weighted mean of <paramref name="values"/> over the other cells within the bandwidth,
    /// the cells <paramref name="hot"/> marks counted at no more than their expectation (re-estimated twice).
    /// <paramref name="plain"/>, when given, is that mean with no cell capped, made before for the same values.
    /// </summary>
    public double[] Expected(IReadOnlyList<double> values, IReadOnlyList<bool>? hot = null, double[]? plain = null)
    {
        var expected = plain ?? Mean(values);
        for (var round = 0; hot is not null && round < 2; round++)
        {
            var capped = new double[values.Count];
            for (var i = 0; i < capped.Length; i++)
            {
                capped[i] = hot[i] ? Math.Min(values[i], expected[i]) : values[i];
            }

            expected = Mean(capped);
        }

        return expected;
    }

    private double[] Mean(IReadOnlyList<double> values)
    {
        var cells = _study.Cells.Count;
        var sums = new double[cells];
        for (var i = 0; i < cells; i++)
        {
            if (values[i] != 0)
            {
                Spread(i, values[i], sums);
            }
        }

        var expected = new double[cells];
        for (var i = 0; i < cells; i++)
        {
            // Leave the cell itself out: its own count is what is being tested.
            var weight = _fullWeight[i] - _selfWeight;
            expected[i] = weight > _selfWeight * 1e-9 ? Math.Max(0.0, (sums[i] - (_selfWeight * values[i])) / weight) : 0.0;
        }

        return expected;
    }

    /// <summary>Adds <paramref name="value"/> × the kernel weight to every study cell within the bandwidth of cell <paramref name="from"/>.</summary>
    private void Spread(int from, double value, double[] into)
    {
        var cell = _study.Cells[from];
        foreach (var (column, row, weight) in _stencils[cell.Column & 1])
        {
            var to = _study.PositionOf(cell.Column + column, cell.Row + row);
            if (to >= 0)
            {
                into[to] += weight * value;
            }
        }
    }
}
