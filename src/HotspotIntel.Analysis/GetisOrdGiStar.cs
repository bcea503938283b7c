namespace HotspotIntel.Analysis;

/// <summary>
/// The Getis-Ord Gi* local statistic with binary distance-band weights, the feature itself included (the star):
/// for each feature, whether its neighbourhood's values sum higher than chance would explain.
/// Distances in metres in a metric CRS (X easting, Y northing); a neighbour lies at distance ≤ the threshold.
/// </summary>
/// <remarks>
/// Same statistic as PySAL <c>esda.G_Local(y, w, transform="B", star=True)</c> and ArcGIS Hot Spot Analysis
/// (Getis and Ord 1992; Ord and Getis 1995):
/// z_i = (Σ_j w_ij y_j − ȳ W_i) / (s √((n W_i − W_i²) / (n − 1))), where w_ij is 1 for j within the
/// threshold of i (including i itself) and 0 otherwise, W_i = Σ_j w_ij, ȳ the mean of all n values and
/// s = √(Σ y² / n − ȳ²) their population standard deviation.
/// </remarks>
public static class GetisOrdGiStar
{
    /// <summary>
    /// Gi* for each of <paramref name="values"/>, where <paramref name="neighbours"/>[i] lists the indices of the
    /// other features within the distance threshold of feature i (i itself is always counted; listing it is harmless).
    /// </summary>
    /// <remarks>
    /// When every value is equal, or a feature's neighbourhood is the whole study area, the z-score is 0/0;
    /// it is reported as 0 (no evidence of a hotspot) rather than NaN.
    /// </remarks>
    public static IReadOnlyList<GiStarResult> Compute(IReadOnlyList<double> values, IReadOnlyList<IReadOnlyList<int>> neighbours)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(neighbours);
        if (neighbours.Count != values.Count)
        {
            throw new ArgumentException("There must be one neighbour list per value.", nameof(neighbours));
        }

        var n = values.Count;
        var mean = 0.0;
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("Every value must be a finite number.", nameof(values));
            }

            mean += value;
        }

        mean /= n;
        var sumOfSquares = 0.0;
        foreach (var value in values)
        {
            sumOfSquares += (value - mean) * (value - mean);
        }

        // Population standard deviation, as Getis and Ord define s; computed from deviations for accuracy.
        var s = Math.Sqrt(sumOfSquares / n);
        var results = new GiStarResult[n];
        for (var i = 0; i < n; i++)
        {
            var weightSum = 1.0;
            var lag = values[i];
            foreach (var j in neighbours[i])
            {
                if (j == i)
                {
                    continue;
                }

                if ((uint)j >= (uint)n)
                {
                    throw new ArgumentException($"Neighbour index {j} of feature {i} is out of range.", nameof(neighbours));
                }

                weightSum += 1.0;
                lag += values[j];
            }

            var spread = s * Math.Sqrt(((n * weightSum) - (weightSum * weightSum)) / (n - 1));
            var z = spread > 1e-12 * Math.Max(1.0, Math.Abs(mean)) ? (lag - (mean * weightSum)) / spread : 0.0;
            results[i] = GiStarResult.FromZScore(z);
        }

        return results;
    }

    /// <summary>
    /// Gi* of the <paramref name="values"/> observed at <paramref name="points"/>, neighbours being the points at
    /// distance ≤ <paramref name="distanceThresholdMeters"/> (PySAL <c>DistanceBand(threshold, binary=True)</c>).
    /// </summary>
    public static IReadOnlyList<GiStarResult> ForPoints(
        IReadOnlyList<PlanarPoint> points, IReadOnlyList<double> values, double distanceThresholdMeters)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count != values.Count)
        {
            throw new ArgumentException("There must be one value per point.", nameof(values));
        }

        var index = new PointIndex(points, distanceThresholdMeters);
        var neighbours = new IReadOnlyList<int>[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            neighbours[i] = index.Within(i);
        }

        return Compute(values, neighbours);
    }

    /// <summary>
    /// Gi* over hex cells: <paramref name="studyCells"/> is every cell of the study area (cells with no reports
    /// included, or the statistic has no background to compare with), <paramref name="values"/> the weighted report
    /// count of the cells that have any (missing cells count 0; cells outside the study area are ignored), and a
    /// cell's neighbours are the study cells whose centres lie within <paramref name="distanceThresholdMeters"/> of
    /// its centre. Results are in the order of <paramref name="studyCells"/>.
    /// </summary>
    /// <remarks>
    /// A threshold of √3 × the cell size (the distance between adjacent centres) gives the first ring of six.
    /// </remarks>
    public static IReadOnlyList<GiStarResult> ForHexCells(
        HexGrid grid,
        IReadOnlyList<HexCell> studyCells,
        IReadOnlyDictionary<HexCell, double> values,
        double distanceThresholdMeters)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(studyCells);
        ArgumentNullException.ThrowIfNull(values);
        var position = new Dictionary<HexCell, int>(studyCells.Count);
        for (var i = 0; i < studyCells.Count; i++)
        {
            if (!position.TryAdd(studyCells[i], i))
            {
                throw new ArgumentException($"Cell {studyCells[i]} is listed twice.", nameof(studyCells));
            }
        }

        var cellValues = new double[studyCells.Count];
        var neighbours = new IReadOnlyList<int>[studyCells.Count];
        for (var i = 0; i < studyCells.Count; i++)
        {
            cellValues[i] = values.GetValueOrDefault(studyCells[i]);
            var near = new List<int>();
            foreach (var cell in grid.CellsWithin(studyCells[i], distanceThresholdMeters))
            {
                if (cell != studyCells[i] && position.TryGetValue(cell, out var j))
                {
                    near.Add(j);
                }
            }

            neighbours[i] = near;
        }

        return Compute(cellValues, neighbours);
    }
}
