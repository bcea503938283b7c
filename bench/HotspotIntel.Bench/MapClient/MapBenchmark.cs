using System.Globalization;
using HotspotIntel.Api.Data;
using HotspotIntel.Bench.Benchmarks;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.Hotspots;
using HotspotIntel.Bench.Seeding;
using HotspotIntel.Core;
using HotspotIntel.Core.Access;
using Npgsql;

namespace HotspotIntel.Bench.MapClient;

/// <summary>
/// <c>map-benchmark</c>: the map client over a whole city, as a tasking member opening the tasking view. A hotspot run
/// first (through the API, as production does), then the API alone (no background jobs) serving the built client:
/// <list type="bullet">
/// <item>tile latency for a zoom 8 to 16 pan/zoom sweep (<see cref="TileSweep"/>), next to the bare <c>ST_AsMVT</c>
/// query for the same tiles in the same run (<see cref="TileTimer"/>);</item>
/// <item>then, with the API warm as a running service is, time from navigation to the first frame with hotspots and
/// report density in headless Chromium, cold browser cache, next to bare MapLibre drawing the same data (its floor on
/// this machine);</item>
/// <item>the largest tile the sweep met, and the built client's size gzipped.</item>
/// </list>
/// <c>--reuse</c> keeps a database that already holds a city of the asked size (loading a regional one takes minutes).
/// </summary>
internal static class MapBenchmark
{
    public const string DatabaseName = "map_benchmark";
    public const int MaxTileBytes = 500 * 1024;

    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var scale = options.Scale("regional");
        var server = options.Text("server") ?? Environment.GetEnvironmentVariable("HOTSPOTINTEL_BENCH_SERVER") ?? BenchDatabase.DefaultServer;
        var city = new SyntheticCity(scale, options.Seed);
        var database = await PrepareDatabaseAsync(server, city, options.Flag("reuse"), cancellationToken);
        var root = RepositoryRoot.Find();
        var apiDll = options.Text("api-dll") ?? Path.Combine(root, "src", "HotspotIntel.Api", "bin", "Release", "net10.0", "HotspotIntel.Api.dll");
        var port = options.Number("port", 5093);
        var users = BenchUsers.Create();
        var agencyId = city.Agencies.Police.Id;

        var run = await EnsureHotspotsAsync(database, apiDll, port, users, agencyId, cancellationToken);
        var densitySeconds = await RecountDensityAsync(database, cancellationToken);
        var dist = Path.Combine(root, "map-client", "dist");
        var clientSize = ClientSize.GzipBytesByKind(dist);
        await using var api = await ApiProcess.StartAsync(apiDll, port, BenchDatabase.AsApplication(database), users.Auth.SigningKey!,
            cancellationToken, new Dictionary<string, string> { ["Client__Path"] = dist });
        var token = users.TaskingMember(agencyId);

        var tiles = TileSweep.Tiles(["reports", "premises", "hotspots"], CityMap.CentreLongitude, CityMap.CentreLatitude, 8, 16);
        var passes = options.Number("passes", 3);
        Console.WriteLine($"Tile sweep: {tiles.Count} tiles (zoom 8 to 16, three layers), {passes} measured passes after a warm-up…");
        await using var application = new NpgsqlDataSourceBuilder(BenchDatabase.AsApplication(database)).UseNetTopologySuite().Build();
        await using var owner = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 0 }.ConnectionString);
        var session = new AccessSession(BenchUsers.TaskingMemberId, agencyId, EnumCodes<UserRole>.ToCode(UserRole.TaskingMember));
        using var timer = new TileTimer(api.BaseAddress, token, application, session, owner);
        var timings = await timer.MeasureAsync(tiles, passes, cancellationToken);

        // After the sweep, which warms the API's compiled code and PostgreSQL's buffers as a running service has them.
        var loads = options.Number("loads", 5);
        Console.WriteLine($"First render: {loads} cold loads of the tasking view in headless Chromium, after an untimed one…");
        var screenshot = Path.Combine(root, "bench", "out", "map-first-render.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        var firstRender = await FirstRender.MeasureAsync(root, api.BaseAddress, token, loads, screenshot, cancellationToken);

        Print(scale, run, densitySeconds, firstRender, timings, clientSize, screenshot);
        return 0;
    }

    internal static async Task<string> PrepareDatabaseAsync(string server, SyntheticCity city, bool reuse, CancellationToken cancellationToken,
        string name = DatabaseName)
    {
        var database = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        if (reuse && await ReportCountAsync(server, name, database, cancellationToken) == city.Scale.Reports)
        {
            Console.WriteLine($"Reusing database {name} with its city of {city.Scale.Reports:N0} reports.");
            DatabaseMigrator.Migrate(database, quiet: true);
            return database;
        }

        Console.WriteLine($"Creating database {name} and loading a city of {city.Scale.Reports:N0} reports (seed {city.Seed})…");
        // The count above left a pooled connection to the database that creating it afresh drops (WITH FORCE).
        NpgsqlConnection.ClearAllPools();
        database = await BenchDatabase.CreateFreshAsync(server, name, cancellationToken);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await CityLoader.LoadAsync(database, city, cancellationToken);
        Console.WriteLine($"Loaded in {watch.Elapsed.TotalSeconds:F0} s.");
        return database;
    }

    private static async Task<long?> ReportCountAsync(string server, string name, string database, CancellationToken cancellationToken)
    {
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
            if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                return null;
            }
        }

        await using var city = new NpgsqlConnection(database);
        await city.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM intelligence_reports", city);
        return (long?)await count.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>The latest succeeded hotspot run, after a full run through the API if the database has none.</summary>
    internal static async Task<HotspotRunFigures?> EnsureHotspotsAsync(string database, string apiDll, int port, BenchUsers users, Guid agencyId,
        CancellationToken cancellationToken)
    {
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(cancellationToken);
            await using var succeeded = new NpgsqlCommand("SELECT count(*) FROM hotspot_runs WHERE status = 'succeeded'", connection);
            if ((long)(await succeeded.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                Console.WriteLine("Hotspots from an earlier run are in place.");
                return null;
            }
        }

        Console.WriteLine("Full hotspot run through POST /api/hotspot-runs…");
        await using var worker = await ApiProcess.StartAsync(apiDll, port, BenchDatabase.AsApplication(database), users.Auth.SigningKey!, cancellationToken,
            new Dictionary<string, string> { ["Hangfire__ServerEnabled"] = "true", ["Hangfire__WorkerCount"] = "1", ["Hotspots__FullRunWhenNoneSucceeded"] = "false" });
        using var client = new HotspotClient(worker.BaseAddress, users.Analyst(agencyId));
        var runId = await client.StartRunAsync(cancellationToken);
        var run = await client.WaitForRunAsync(runId, cancellationToken);
        if (run.Status != "succeeded")
        {
            throw new InvalidOperationException($"The hotspot run {run.Status}: {run.Error}");
        }

        // The hotspot tiles read the published run.
        await client.PublishRunAsync(runId, cancellationToken);
        return run;
    }

    /// <summary>
    /// Brings the counts city-wide tiles add up to where the fold job leaves them in service (every minute): a fresh
    /// load's changes (more than 100,000 rows) recounted, faster than folding tens of millions of rows; a few, folded.
    /// </summary>
    internal static async Task CountDensityAheadAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(database) { Username = "hotspotintel_jobs", CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM (SELECT 1 FROM report_density_changes LIMIT 100001) c", connection);
        if ((long)(await count.ExecuteScalarAsync(cancellationToken))! > 100_000)
        {
            await connection.CloseAsync();
            var seconds = await RecountDensityAsync(database, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  report density recounted in {seconds:F0} s"));
            return;
        }

        Console.WriteLine("Folding the report density changes (as the fold job does every minute)…");
        await using var fold = new NpgsqlCommand("SELECT fold_report_density_changes()", connection);
        await fold.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>What the hotspot job does after each run, timed: recount the report density city-wide tiles add up.</summary>
    internal static async Task<double> RecountDensityAsync(string database, CancellationToken cancellationToken)
    {
        Console.WriteLine("Recounting the report density for city-wide tiles (as the hotspot job does after a run)…");
        // On the jobs' login, the only one the database lets recount (migrations/0016).
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(database) { Username = "hotspotintel_jobs", CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT refresh_report_density()", connection);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await command.ExecuteNonQueryAsync(cancellationToken);
        return watch.Elapsed.TotalSeconds;
    }

    private static void Print(CityScale scale, HotspotRunFigures? run, double densitySeconds, FirstRenderFigures firstRender, IReadOnlyList<TileTiming> timings,
        IReadOnlyDictionary<string, long> clientSize, string screenshot)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant, $"Map benchmark over a city of {scale.Reports:N0} reports, as a tasking member (masked in SQL)."));
        if (run is not null)
        {
            Console.WriteLine(string.Create(invariant, $"Hotspot run: {run.Method}, {run.HotspotCount} hotspots in {run.DurationSeconds:F1} s."));
        }

        Console.WriteLine(string.Create(invariant, $"Report density recounted in {densitySeconds:F1} s."));

        Console.WriteLine();
        var loads = firstRender.Milliseconds;
        var bareLoads = firstRender.BareMilliseconds;
        Console.WriteLine(string.Create(invariant,
            $"First render (navigation to hotspots and report density drawn, 1280x800, cold browser cache, {loads.Count} loads after an untimed one): "
            + $"median {Percentiles.Of(loads, 0.5):N0} ms, fastest {loads.Min():N0} ms, slowest {loads.Max():N0} ms (target 2,000 ms). "
            + $"Screenshot: {screenshot}"));
        Console.WriteLine(string.Create(invariant,
            $"  baseline, bare MapLibre drawing the same tiles and hotspots with none of the app, loads interleaved: median {Percentiles.Of(bareLoads, 0.5):N0} ms, "
            + $"fastest {bareLoads.Min():N0} ms, slowest {bareLoads.Max():N0} ms; app / bare median {Percentiles.Of(loads, 0.5) / Percentiles.Of(bareLoads, 0.5):F2}"));
        Console.WriteLine(string.Create(invariant,
            $"  last load, ms after navigation: {string.Join(", ", firstRender.Milestones.Select(m => $"{m.Name} {m.Milliseconds:N0}"))}"));
        Console.WriteLine($"  its API calls (path start-end ms): {string.Join("; ", firstRender.ApiRequests)}");

        Console.WriteLine();
        Console.WriteLine("Tile latency, zoom 8 to 16 sweep, one request at a time (ms). Bare ST_AsMVT is the API's tile SQL as the schema owner over");
        Console.WriteLine("the tables (no RLS, no masking, no HTTP); unfiltered report tiles to zoom 13 add up the counts made ahead in both:");
        Console.WriteLine("| layer | tiles | API p50 | API p95 | API's SQL p50 | API's SQL p95 | bare ST_AsMVT p50 | bare p95 | API / bare p50 | API / bare p95 | API / bare total |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in timings.GroupBy(t => t.Tile.Layer).Append(timings.GroupBy(_ => "all").Single()))
        {
            Console.WriteLine(Row(group.Key, [.. group], invariant));
        }

        Console.WriteLine();
        Console.WriteLine("Report tiles by zoom (ms, bytes); the last column counts intelligence_reports live, as a plain tile server would:");
        Console.WriteLine("| zoom | tiles | API p50 | bare p50 | API / bare p50 | largest tile | bare live count p50 |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var zoom in timings.Where(t => t.Tile.Layer == "reports").GroupBy(t => t.Tile.Z))
        {
            var api = Percentiles.Of(zoom.SelectMany(t => t.ApiMs), 0.5);
            var bare = Percentiles.Of(zoom.SelectMany(t => t.BareMs), 0.5);
            var live = Percentiles.Of(zoom.SelectMany(t => t.LiveCountMs), 0.5);
            Console.WriteLine(string.Create(invariant,
                $"| {zoom.Key} | {zoom.Count()} | {api:F1} | {bare:F1} | {api / bare:F2} | {zoom.Max(t => t.Bytes):N0} | {(double.IsNaN(live) ? "-" : live.ToString("F1", invariant))} |"));
        }

        var largest = timings.MaxBy(t => t.Bytes)!;
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant,
            $"Largest tile: {largest.Tile} at {largest.Bytes:N0} bytes ({largest.Bytes / 1024.0:F1} KB); tiles over 500 KB: {timings.Count(t => t.Bytes > MaxTileBytes)}; empty (204): {timings.Count(t => t.Bytes == 0)}."));
        Console.WriteLine(string.Create(invariant,
            $"Client (map-client/dist, gzip): {string.Join(", ", clientSize.Select(kind => $"{kind.Key} {kind.Value / 1024.0:F1} KB"))}; total {clientSize.Values.Sum() / 1024.0:F1} KB."));
    }

    private static string Row(string name, IReadOnlyList<TileTiming> timings, IFormatProvider invariant)
    {
        double P(Func<TileTiming, IEnumerable<double>> samples, double share) => Percentiles.Of(timings.SelectMany(samples), share);
        var (api50, api95) = (P(t => t.ApiMs, 0.5), P(t => t.ApiMs, 0.95));
        var (bare50, bare95) = (P(t => t.BareMs, 0.5), P(t => t.BareMs, 0.95));
        var total = timings.Sum(t => t.ApiMs.Sum()) / timings.Sum(t => t.BareMs.Sum());
        return string.Create(invariant,
            $"| {name} | {timings.Count} | {api50:F1} | {api95:F1} | {P(t => t.ApiSqlMs, 0.5):F1} | {P(t => t.ApiSqlMs, 0.95):F1} | {bare50:F1} | {bare95:F1} | {api50 / bare50:F2} | {api95 / bare95:F2} | {total:F2} |");
    }
}
