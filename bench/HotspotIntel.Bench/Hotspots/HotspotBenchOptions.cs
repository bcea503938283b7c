using System.Globalization;
using HotspotIntel.Analysis;
using HotspotIntel.Bench.City;
using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Bench.Hotspots;

/// <summary>
/// The hotspot parameters a bench command uses: the product's defaults, any given as switches (<c>--cell-size</c>,
/// <c>--background-bandwidth</c>, <c>--rings</c>, <c>--confidence</c>, <c>--bandwidth</c>, <c>--kde-sd</c>, <c>--eps</c>,
/// <c>--min-points</c>, <c>--half-life</c>, <c>--min-reports</c>, <c>--method</c>), and, given a city scale, DBSCAN's
/// min points scaled with the city.
/// </summary>
internal static class HotspotBenchOptions
{
    public static HotspotParameters Parameters(CommandOptions options, CityScale? scale = null)
    {
        var defaults = new HotspotParameters();
        // DBSCAN's min points is a count in a fixed radius, so it only means the same density at the same data volume:
        // the default is tuned for the demo city and grows with the number of reports unless --min-points is given.
        var scaledMinPoints = scale is null ? defaults.MinPoints : (int)Math.Round(defaults.MinPoints * (double)scale.Reports / CityScale.DemoReports);
        var parameters = defaults with
        {
            Method = options.Text("method") is { } method ? Core.EnumCodes<HotspotMethod>.Parse(method) : defaults.Method,
            CellSizeMeters = Double(options, "cell-size", defaults.CellSizeMeters),
            BackgroundBandwidthMeters = Double(options, "background-bandwidth", defaults.BackgroundBandwidthMeters),
            NeighbourhoodRings = options.Number("rings", defaults.NeighbourhoodRings),
            ConfidencePercent = options.Number("confidence", defaults.ConfidencePercent),
            BandwidthMeters = Double(options, "bandwidth", defaults.BandwidthMeters),
            DensityThresholdStandardDeviations = Double(options, "kde-sd", defaults.DensityThresholdStandardDeviations),
            EpsMeters = Double(options, "eps", defaults.EpsMeters),
            MinPoints = options.Number("min-points", Math.Max(defaults.MinPoints, scaledMinPoints)),
            HalfLifeDays = Double(options, "half-life", defaults.HalfLifeDays),
            MinimumReports = options.Number("min-reports", defaults.MinimumReports),
        };
        if (parameters.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => $"{p.Parameter}: {p.Message}")));
        }

        return parameters;
    }

    public static double Double(CommandOptions options, string name, double fallback) =>
        options.Text(name) is { } value ? double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;
}
