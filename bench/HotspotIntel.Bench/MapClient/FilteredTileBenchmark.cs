using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using HotspotIntel.Bench.Benchmarks;
using HotspotIntel.Bench.City;

namespace HotspotIntel.Bench.MapClient;

/// <summary>
/// <c>filtered-tiles</c>: what a filter costs a city-wide report tile. Over the map benchmark's city (kept with
/// <c>--reuse</c>), the zoom 8 to 13 sweep of the report layer as an analyst through the API, one request at a time and
/// interleaved tile by tile, unfiltered (the baseline: counts made ahead, no filter) and with the filters analysts use
/// (grading; categories over twelve whole months; an agency; twelve whole months; one risk indicator: counts made ahead
/// by those dimensions, migrations/0046 and 0053),
/// each as a ratio of its p95 to the unfiltered sweep's; and windows that are not whole months (from a second past a
/// month's start; 90 days from mid-month to mid-month; the city's last 28 days, with and without grading), whose whole
/// months are counted ahead and whose days at the ends are counted live.
/// </summary>
internal static class FilteredTileBenchmark
{
    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        var server = options.Text("server") ?? Environment.GetEnvironmentVariable("HOTSPOTINTEL_BENCH_SERVER") ?? BenchDatabase.DefaultServer;
        var city = new SyntheticCity(options.Scale("regional"), options.Seed);
        var database = await MapBenchmark.PrepareDatabaseAsync(server, city, options.Flag("reuse"), cancellationToken);
        // The counts as the fold job leaves them (every minute in service): a load's changes not folded yet would have every
        // city-wide tile add up zoom 13 change rows instead. A fresh load's changes are recounted (faster than folding tens
        // of millions of rows); a reused city's, folded.
        await MapBenchmark.CountDensityAheadAsync(database, cancellationToken);
        var apiDll = options.Text("api-dll") ?? Path.Combine(root, "src", "HotspotIntel.Api", "bin", "Release", "net10.0", "HotspotIntel.Api.dll");
        var users = BenchUsers.Create();
        var agencyId = city.Agencies.Police.Id;
        await using var api = await ApiProcess.StartAsync(apiDll, options.Number("port", 5096), BenchDatabase.AsApplication(database), users.Auth.SigningKey!,
            cancellationToken, new Dictionary<string, string> { ["RateLimiting__PermitsPerMinute"] = "1000000000" });
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", users.Analyst(agencyId));

        var month = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var year = $"from={month.AddMonths(-12):yyyy-MM-ddTHH:mm:ssZ}&to={month:yyyy-MM-ddTHH:mm:ssZ}";
        var variants = new (string Name, string Query)[]
        {
            ("unfiltered (baseline)", ""),
            ("grading 1-2, B", "sourceEvaluation=1,2&intelligenceAssessment=B"),
            ("2 categories, 12 months", $"category=child_with_adults,party_house&{year}"),
            ("one agency", $"agencyId={agencyId}"),
            ("12 whole months", year),
            ("one risk indicator", "indicator=going_missing"),
            ("grading, window not whole months", "sourceEvaluation=1,2&intelligenceAssessment=B&from=2000-01-01T00:00:01Z"),
            ("grading, 90 days mid-month to mid-month", $"sourceEvaluation=1,2&intelligenceAssessment=B&{Window(ReportingWindow.ReferenceDate.AddDays(-105), 90)}"),
            ("the last 28 days", Window(ReportingWindow.ReferenceDate.AddDays(-28), 28)),
            ("grading, the last 28 days", $"sourceEvaluation=1,2&intelligenceAssessment=B&{Window(ReportingWindow.ReferenceDate.AddDays(-28), 28)}"),
        };
        var tiles = TileSweep.Tiles(["reports"], CityMap.CentreLongitude, CityMap.CentreLatitude, 8, TileQueriesZoom);
        var passes = options.Number("passes", 3);
        Console.WriteLine($"Filtered tiles: {tiles.Count} report tiles (zoom 8 to {TileQueriesZoom}) x {variants.Length} filters, {passes} passes after a warm-up…");
        var samples = variants.Select(_ => new List<double>()).ToArray();
        for (var pass = 0; pass <= passes; pass++)
        {
            foreach (var tile in tiles)
            {
                for (var v = 0; v < variants.Length; v++)
                {
                    var query = variants[v].Query.Length == 0 ? "" : $"?{variants[v].Query}";
                    var watch = Stopwatch.StartNew();
                    using var response = await http.GetAsync(new Uri($"/tiles/reports/{tile.Z}/{tile.X}/{tile.Y}.mvt{query}", UriKind.Relative), cancellationToken);
                    response.EnsureSuccessStatusCode();
                    await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    if (pass > 0)
                    {
                        samples[v].Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
            }
        }

        var invariant = CultureInfo.InvariantCulture;
        var baselineP95 = Percentiles.Of(samples[0], 0.95);
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant, $"Report tiles, zoom 8 to {TileQueriesZoom}, city of {city.Scale.Reports:N0} reports, as an analyst through the API:"));
        Console.WriteLine("filter                                        p50 ms   p95 ms   p95 / unfiltered p95");
        for (var v = 0; v < variants.Length; v++)
        {
            var p95 = Percentiles.Of(samples[v], 0.95);
            Console.WriteLine(string.Create(invariant, $"{variants[v].Name,-44} {Percentiles.Of(samples[v], 0.5),7:F1} {p95,8:F1} {p95 / baselineP95,10:F2}"));
        }

        return 0;
    }

    /// <summary>A window of <paramref name="days"/> whole days from <paramref name="from"/> as the query parameters.</summary>
    private static string Window(DateTimeOffset from, int days) =>
        $"from={from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&to={from.AddDays(days).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";

    private const int TileQueriesZoom = Api.Tiles.TileQueries.CountedAheadToZoom;
}
