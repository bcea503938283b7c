namespace HotspotIntel.Analysis;

/// <summary>
/// Kernel density estimation with the quartic (biweight) kernel, the practitioners' hotspot-map baseline:
/// each report spreads its weight over a disc of radius bandwidth, most at the centre and none at the edge.
/// Bandwidth and cell size in metres in a metric CRS (X easting, Y northing); densities in weight per square metre.
/// </summary>
/// <remarks>
/// K(d) = 3 / (π h²) · (1 − d² / h²)² for d &lt; h, else 0 (Silverman 1986, eq. 4.5, in two dimensions), which
/// integrates to 1 over the plane; the kernel ArcGIS Kernel Density and CrimeStat's quartic option use.
/// </remarks>
public static class KernelDensity
{
    /// <summary>The quartic kernel at <paramref name="distanceMeters"/> from a point of weight 1, per square metre.</summary>
    public static double Quartic(double distanceMeters, double bandwidthMeters)
    {
        if (distanceMeters >= bandwidthMeters)
        {
            return 0.0;
        }

        var u = distanceMeters * distanceMeters / (bandwidthMeters * bandwidthMeters);
        return 3.0 / (Math.PI * bandwidthMeters * bandwidthMeters) * (1.0 - u) * (1.0 - u);
    }

    /// <summary>
    /// The density at the centre of each cell of a grid covering <paramref name="extent"/> from its south-west
    /// corner (the last column and row may reach past the north-east corner). Weight that falls outside the grid
    /// is lost, so pad the extent by the bandwidth when the whole weight must be kept.
    /// </summary>
    public static DensityGrid Estimate(
        IReadOnlyList<WeightedPoint> points, PlanarExtent extent, double bandwidthMeters, double cellSizeMeters)
    {
        ArgumentNullException.ThrowIfNull(points);
        extent.EnsureValid(nameof(extent));
        Ensure.PositiveFinite(bandwidthMeters);
        Ensure.PositiveFinite(cellSizeMeters);

        var columns = checked((int)Math.Ceiling(extent.Width / cellSizeMeters));
        var rows = checked((int)Math.Ceiling(extent.Height / cellSizeMeters));
        var densities = new double[checked(columns * rows)];
        foreach (var (point, weight) in points)
        {
            if (!double.IsFinite(point.X) || !double.IsFinite(point.Y) || !double.IsFinite(weight))
            {
                throw new ArgumentException("Every point and weight must be finite.", nameof(points));
            }

            if (point.X + bandwidthMeters < extent.MinX || point.X - bandwidthMeters > extent.MinX + (columns * cellSizeMeters)
                || point.Y + bandwidthMeters < extent.MinY || point.Y - bandwidthMeters > extent.MinY + (rows * cellSizeMeters))
            {
                continue;
            }

            // Only the cells whose centres can lie within one bandwidth of the point.
            var firstColumn = Math.Max(0, (int)Math.Floor((point.X - bandwidthMeters - extent.MinX) / cellSizeMeters));
            var lastColumn = Math.Min(columns - 1, (int)Math.Floor((point.X + bandwidthMeters - extent.MinX) / cellSizeMeters));
            var firstRow = Math.Max(0, (int)Math.Floor((point.Y - bandwidthMeters - extent.MinY) / cellSizeMeters));
            var lastRow = Math.Min(rows - 1, (int)Math.Floor((point.Y + bandwidthMeters - extent.MinY) / cellSizeMeters));
            for (var row = firstRow; row <= lastRow; row++)
            {
                var centreY = extent.MinY + ((row + 0.5) * cellSizeMeters);
                for (var column = firstColumn; column <= lastColumn; column++)
                {
                    var centre = new PlanarPoint(extent.MinX + ((column + 0.5) * cellSizeMeters), centreY);
                    densities[(row * columns) + column] += weight * Quartic(point.DistanceTo(centre), bandwidthMeters);
                }
            }
        }

        return new DensityGrid(extent.MinX, extent.MinY, cellSizeMeters, columns, rows, densities);
    }
}
