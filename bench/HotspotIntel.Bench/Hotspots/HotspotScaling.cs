using System.Diagnostics;
using System.Globalization;
using HotspotIntel.Analysis;
using HotspotIntel.Core;
using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Bench.Hotspots;

/// <summary>
/// <c>hotspot-scaling</c>: how the in-memory <see cref="HotspotPipeline"/> run's time grows with the number of reports
/// (10,000, 100,000 and 1,000,000 by default), on <see cref="EvaluationCity"/>s whose background is sized to give that
/// many, with the default parameters. The pipeline alone: no database, no transform, no writing (those are
/// <c>hotspot-speed</c>'s).
/// </summary>
internal static class HotspotScaling
{
    public static int Run(CommandOptions options)
    {
        var parameters = HotspotBenchOptions.Parameters(options);
        var sizes = (options.Text("sizes") ?? "10000,100000,1000000").Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToList();
        var asOf = EvaluationCity.MonthStart(EvaluationCity.Months);
        Console.WriteLine($"Method {EnumCodes<HotspotMethod>.ToCode(parameters.Method)}, cell {parameters.CellSizeMeters} m, as of {asOf:yyyy-MM-dd}; "
            + $"{Environment.ProcessorCount} processors.");
        Console.WriteLine();
        Console.WriteLine("| reports | hotspots | study cells | seconds (best of 3) | seconds per 100k reports |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            var planted = new EvaluationCity(0, options.Seed).Reports.Count;
            var city = new EvaluationCity(Math.Max(0, (size - planted) / EvaluationCity.Months), options.Seed);
            var best = double.MaxValue;
            HotspotAnalysis? analysis = null;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var watch = Stopwatch.StartNew();
                analysis = HotspotPipeline.Run(city.Reports, parameters, asOf);
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {city.Reports.Count:N0} | {analysis!.Hotspots.Count} | {analysis.StudyCells.Count:N0} | {best:F2} | {best / city.Reports.Count * 100_000:F2} |"));
        }

        return 0;
    }
}
