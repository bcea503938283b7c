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
}
