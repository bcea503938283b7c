using System.Diagnostics;
using HotspotIntel.Bench.Benchmarks;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.Hotspots;
using HotspotIntel.Bench.MapClient;
using HotspotIntel.Bench.Output;
using HotspotIntel.Bench.Seeding;

namespace HotspotIntel.Bench;

/// <summary>
/// The bench's commands:
/// <c>generate [--scale demo|regional|N] [--seed S] [--out DIR] [--reports-only]</c> writes a synthetic city as CSV;
/// <c>seed-demo</c> loads the demo city into the configured database once;
/// <c>import-benchmark [--reports N | --scale S]</c> times the API's CSV import against PostgreSQL's own COPY;
/// <c>access-benchmark [--reports N]</c> measures what row-level security and the audit log cost a read-heavy mix.
/// <c>hotspot-evaluation</c> scores each hotspot method on an evaluation city's held-out last month, sparse and dense;
/// <c>hotspot-scaling</c> times the in-memory hotspot pipeline at 10k, 100k and 1M reports;
/// <c>hotspot-speed</c> times each hotspot method's full run at each size against its bare PostgreSQL/PostGIS equivalent and the read floor, then an incremental run;
/// <c>action-impact</c> times the impact of every done disruption action through the API's counting code against the bare SQL read floor;
/// <c>network</c> times the derived-link passes, and 3-hop networks and shortest paths over HTTP against a plain recursive CTE;
/// <c>meeting-pack</c> times building the tasking meeting pack and the problem profile through their job, with peak memory and the PDF's size;
/// <c>map-benchmark</c> times the map client's first render in Chromium and its tiles against bare <c>ST_AsMVT</c>.
/// </summary>
internal static class BenchCommands
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            var options = new CommandOptions(args.Skip(1));
            return args.FirstOrDefault() switch
            {
                "generate" => Generate(options),
                "seed-demo" => await SeedDemoAsync(),
                "import-benchmark" => await ImportBenchmark.RunAsync(options, CancellationToken.None),
                "access-benchmark" => await AccessBenchmark.RunAsync(options, CancellationToken.None),
                "hotspot-evaluation" => HotspotEvaluation.Run(options),
                "hotspot-scaling" => HotspotScaling.Run(options),
                "hotspot-speed" => await HotspotSpeed.RunAsync(options, CancellationToken.None),
                "map-benchmark" => await MapBenchmark.RunAsync(options, CancellationToken.None),
                "filtered-tiles" => await FilteredTileBenchmark.RunAsync(options, CancellationToken.None),
                "ogc-paging" => await OgcPagingBenchmark.RunAsync(options, CancellationToken.None),
                "replica-benchmark" => await ReplicaBenchmark.RunAsync(options, CancellationToken.None),
                "action-impact" => await ActionImpactBenchmark.RunAsync(options, CancellationToken.None),
                "network" => await NetworkBenchmark.RunAsync(options, CancellationToken.None),
                "meeting-pack" => await MeetingPackBenchmark.RunAsync(options, CancellationToken.None),
                _ => Usage(),
            };
        }
        catch (ArgumentException problem)
        {
            await Console.Error.WriteLineAsync(problem.Message);
            return 2;
        }
    }

    private static int Generate(CommandOptions options)
    {
        var scale = options.Scale("demo");
        var folder = options.Text("out") ?? Path.Combine("bench", "out", $"city-{scale.Reports}");
        var watch = Stopwatch.StartNew();
        var manifest = CsvDatasetWriter.Write(new SyntheticCity(scale, options.Seed), folder, options.Flag("reports-only"));
        Console.WriteLine($"Wrote a city of {scale.Reports:N0} reports to {Path.GetFullPath(folder)} in {watch.Elapsed.TotalSeconds:F1} s:");
        foreach (var (file, rows) in manifest.Rows)
        {
            Console.WriteLine($"  {file,-22} {rows,12:N0} rows");
        }

        return 0;
    }

    private static async Task<int> SeedDemoAsync()
    {
        // The schema owner loads the demo city: it is the operator setting up, not a user under row-level security.
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__HotspotIntelAdmin") ?? DemoSeeder.DefaultConnectionString;
        var loaded = await DemoSeeder.SeedAsync(connectionString, CancellationToken.None, DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime));
        Console.WriteLine(loaded is null ? "demo data already loaded" : $"demo data loaded: {loaded}");
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            Usage: HotspotIntel.Bench <command> [options]
              generate [--scale demo|regional|N] [--seed S] [--out DIR] [--reports-only]
              seed-demo                       (ConnectionStrings__HotspotIntelAdmin, default the run.sh database)
              import-benchmark [--reports N | --scale demo|regional] [--seed S] [--out DIR] [--port P]
              access-benchmark [--reports N] [--concurrency C] [--seconds S] [--role analyst|tasking_member]
              hotspot-evaluation [--seeds 1,2] [--sparse 200] [--dense 1500] [--default-only] [--verbose] [parameter switches]
              hotspot-scaling [--sizes 10000,100000,1000000] [--seed S] [parameter switches]
              hotspot-speed [--sizes 10000,100000,1000000] [--methods excess,gistar,kde,dbscan] [--runs 1] [--bare-repeats 3] [--reuse] [--seed S] [--server CONN] [--port P] [--new-reports 1000]
              map-benchmark [--scale demo|regional|N] [--seed S] [--reuse] [--loads 5] [--passes 3] [--server CONN] [--port P]
              filtered-tiles [--scale demo|regional|N] [--seed S] [--reuse] [--passes 3] [--server CONN] [--port P]
              ogc-paging [--scale N] [--seed S] [--reuse] [--limit 100] [--offset 10000] [--repeats 20] [--server CONN] [--port P]
              action-impact [--reports N | --scale demo|regional] [--actions 500] [--window-days 182] [--comparison ring|matched] [--matched-areas 5] [--seed S] [--reuse] [--server CONN]
              network [--scale regional|N | --persons N [--links 10N]] [--questions 200] [--new-reports 1000] [--co-location-meters 100] [--co-location-minutes 30] [--passes full|full-incremental|full-only|none] [--load-only] [--skip-questions] [--seed S] [--reuse] [--database NAME] [--server CONN] [--port P]
              replica-benchmark [--scale demo|regional|N] [--seed S] [--reuse] [--seconds 20] [--connections 32] [--import-reports 200000] [--replica CONN]
              meeting-pack [--scale demo|regional|N] [--seed S] [--reuse] [--columns 15 --rows 10 --councils 7] [--actions 200] [--port P] [--server CONN]
            """);
        return 2;
    }
}
