using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.MapClient;
using HotspotIntel.Bench.Output;
using Npgsql;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>
/// <c>replica-benchmark</c>: what a streaming replica buys. bench/run.sh starts a replica of the benchmark's cluster
/// (pg_basebackup, port 55443). Over the map benchmark's city (kept with <c>--reuse</c>):
/// <list type="bullet">
/// <item>tile throughput with wrk (32 connections, a fixed duration, the zoom 8 to 16 sweep of the report layer as a
/// tasking member) against an API on the primary alone, the baseline, and against an API reading from the replica,
/// measured one after the other in the same run, as a ratio;</item>
/// <item>replication lag while the API imports a file of reports (200,000 by default), sampled every 100 ms on the
/// primary from pg_stat_replication, and how long the replica takes to catch up after the import.</item>
/// </list>
/// On one machine the replica competes for the same cores as the primary: the ratio shows the routing's cost here, the
/// gain needs a second machine.
/// </summary>
internal static partial class ReplicaBenchmark
{
    public const string ReplicaServer = "Host=127.0.0.1;Port=55443;Username=postgres;Database=postgres";

    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        var server = options.Text("server") ?? Environment.GetEnvironmentVariable("HOTSPOTINTEL_BENCH_SERVER") ?? BenchDatabase.DefaultServer;
        var replicaServer = options.Text("replica") ?? Environment.GetEnvironmentVariable("HOTSPOTINTEL_BENCH_REPLICA") ?? ReplicaServer;
        var city = new SyntheticCity(options.Scale("demo"), options.Seed);
        var database = await MapBenchmark.PrepareDatabaseAsync(server, city, options.Flag("reuse"), cancellationToken);
        var apiDll = options.Text("api-dll") ?? Path.Combine(root, "src", "HotspotIntel.Api", "bin", "Release", "net10.0", "HotspotIntel.Api.dll");
        var users = BenchUsers.Create();
        var agencyId = city.Agencies.Police.Id;
        await MapBenchmark.EnsureHotspotsAsync(database, apiDll, options.Number("port", 5095), users, agencyId, cancellationToken);
        await MapBenchmark.RecountDensityAsync(database, cancellationToken);
        var replicaDatabase = new NpgsqlConnectionStringBuilder(replicaServer) { Database = MapBenchmark.DatabaseName }.ConnectionString;
        await WaitForReplayAsync(database, replicaDatabase, cancellationToken);

        var tiles = TileSweep.Tiles(["reports"], CityMap.CentreLongitude, CityMap.CentreLatitude, 8, 16);
        var seconds = options.Number("seconds", 20);
        var connections = options.Number("connections", 32);
        var token = users.TaskingMember(agencyId);
        var script = WrkScript(tiles, token);
        Console.WriteLine($"Tile throughput: wrk, {connections} connections, {seconds} s each, {tiles.Count} report tiles (zoom 8 to 16) as a tasking member…");
        WrkFigures primaryOnly, withReplica;
        // One token stands for a region's many users: the per-user rate limit would measure itself.
        var unlimited = new Dictionary<string, string> { ["RateLimiting__PermitsPerMinute"] = "1000000000" };
        await using (var api = await ApiProcess.StartAsync(apiDll, options.Number("port", 5095), BenchDatabase.AsApplication(database), users.Auth.SigningKey!, cancellationToken,
            unlimited))
        {
            primaryOnly = await WrkAsync(api.BaseAddress, script, connections, seconds, cancellationToken);
        }

        await using (var api = await ApiProcess.StartAsync(apiDll, options.Number("port", 5095), BenchDatabase.AsApplication(database), users.Auth.SigningKey!, cancellationToken,
            new Dictionary<string, string>(unlimited) { ["ConnectionStrings__HotspotIntelReplica"] = BenchDatabase.AsApplication(replicaDatabase) }))
        {
            withReplica = await WrkAsync(api.BaseAddress, script, connections, seconds, cancellationToken);
            var lag = await LagUnderImportAsync(api, users, database, root, options, cancellationToken);
            Print(city.Scale, primaryOnly, withReplica, lag);
        }

        return 0;
    }

    private static async Task<LagFigures> LagUnderImportAsync(ApiProcess api, BenchUsers users, string database, string root, CommandOptions options,
        CancellationToken cancellationToken)
    {
        var rows = options.Number("import-reports", 200_000);
        var folder = Path.Combine(root, "bench", "out", $"import-{rows}-{options.Seed}");
        var count = ImportBenchmark.EnsureReports(new CityScale(rows), options.Seed, folder);
        using var client = new ImportClient(api.BaseAddress);
        var agencyId = await client.CreateAgencyAsync(users.Administrator(), $"REPL-{Environment.TickCount64 % 100000}", "Replica Benchmark Synthetic Police", cancellationToken);
        Console.WriteLine($"Replication lag: importing {count:N0} reports through the API while sampling the replica's lag every 100 ms…");
        await using var primary = NpgsqlDataSource.Create(database);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var samples = new List<(long Bytes, double? Seconds)>();
        var sampler = SampleAsync(primary, samples, sampling.Token);
        var watch = Stopwatch.StartNew();
        var import = await client.ImportReportsAsync(users.Analyst(agencyId), Path.Combine(folder, DatasetTables.Reports.FileName), cancellationToken);
        var importSeconds = watch.Elapsed.TotalSeconds;
        while (await LagBytesAsync(primary, cancellationToken) > 0)
        {
            await Task.Delay(20, cancellationToken);
        }

        var caughtUp = watch.Elapsed.TotalSeconds - importSeconds;
        await sampling.CancelAsync();
        await sampler;
        return new LagFigures(import.RowCount, importSeconds, caughtUp, [.. samples.Select(s => (double)s.Bytes)],
            [.. samples.Where(s => s.Seconds is not null).Select(s => s.Seconds!.Value)]);
    }

    private static async Task SampleAsync(NpgsqlDataSource primary, List<(long, double?)> samples, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await using var command = primary.CreateCommand(
                    "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint, extract(epoch FROM replay_lag)::float8 FROM pg_stat_replication LIMIT 1");
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    samples.Add((reader.IsDBNull(0) ? 0 : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetDouble(1)));
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The import is over.
        }
    }

    private static async Task<long> LagBytesAsync(NpgsqlDataSource primary, CancellationToken cancellationToken)
    {
        await using var command = primary.CreateCommand("SELECT coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), 0)::bigint FROM pg_stat_replication");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task WaitForReplayAsync(string primary, string replica, CancellationToken cancellationToken)
    {
        await using var primaryConnection = new NpgsqlConnection(primary);
        await primaryConnection.OpenAsync(cancellationToken);
        await using var position = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", primaryConnection);
        var written = (string)(await position.ExecuteScalarAsync(cancellationToken))!;
        await using var replicaConnection = new NpgsqlConnection(replica);
        await replicaConnection.OpenAsync(cancellationToken);
        await using var replayed = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", replicaConnection) { Parameters = { new() { Value = written } } };
        while (!(bool)(await replayed.ExecuteScalarAsync(cancellationToken))!)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>A wrk script that cycles through the tiles with the user's token.</summary>
    private static string WrkScript(IReadOnlyList<SweepTile> tiles, string token)
    {
        var script = new StringBuilder("local paths = {\n");
        foreach (var tile in tiles)
        {
            script.Append(CultureInfo.InvariantCulture, $"  \"/tiles/{tile.Layer}/{tile.Z}/{tile.X}/{tile.Y}.mvt\",\n");
        }

        script.Append(CultureInfo.InvariantCulture, $$"""
            }
            local headers = { ["Authorization"] = "Bearer {{token}}" }
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("GET", paths[(i % #paths) + 1], headers)
            end
            """);
        var path = Path.Combine(Path.GetTempPath(), $"hotspotintel-wrk-{Guid.NewGuid():N}.lua");
        File.WriteAllText(path, script.ToString());
        return path;
    }

    private static async Task<WrkFigures> WrkAsync(Uri api, string script, int connections, int seconds, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "10s", "-s", script, api.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (bench/run.sh installs it).");
        var output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        await wrk.WaitForExitAsync(cancellationToken);
        if (wrk.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed: {await wrk.StandardError.ReadToEndAsync(cancellationToken)}{output}");
        }

        return WrkFigures.Parse(output);
    }

    private static void Print(CityScale scale, WrkFigures primaryOnly, WrkFigures withReplica, LagFigures lag)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant, $"Replica benchmark over a city of {scale.Reports:N0} reports."));
        Console.WriteLine("                         requests/s   p50 ms   p90 ms   p99 ms   non-2xx");
        foreach (var (name, figures) in new[] { ("primary alone (baseline)", primaryOnly), ("primary + replica", withReplica) })
        {
            Console.WriteLine(string.Create(invariant,
                $"{name,-24} {figures.RequestsPerSecond,10:N0} {figures.P50,8:F1} {figures.P90,8:F1} {figures.P99,8:F1} {figures.Non2xx,9:N0}"));
        }

        Console.WriteLine(string.Create(invariant, $"throughput ratio (replica ÷ primary alone): {withReplica.RequestsPerSecond / primaryOnly.RequestsPerSecond:F2}"));
        Console.WriteLine(string.Create(invariant,
            $"import of {lag.Rows:N0} reports: {lag.ImportSeconds:F1} s; replication lag during it: max {lag.Bytes.DefaultIfEmpty().Max() / 1024 / 1024:F1} MB, "
            + $"p95 {Percentiles.Of(lag.Bytes, 0.95) / 1024 / 1024:F1} MB, max replay_lag {(lag.Seconds.Count == 0 ? 0 : lag.Seconds.Max()):F2} s "
            + $"({lag.Bytes.Count} samples); caught up {lag.CatchUpSeconds:F2} s after the import answered."));
    }

    private sealed record LagFigures(long Rows, double ImportSeconds, double CatchUpSeconds, IReadOnlyList<double> Bytes, IReadOnlyList<double> Seconds);

    /// <summary>wrk's summary: requests per second, latency percentiles in milliseconds, and answers that were not 2xx or 3xx.</summary>
    private sealed partial record WrkFigures(double RequestsPerSecond, double P50, double P90, double P99, long Non2xx)
    {
        public static WrkFigures Parse(string output) => new(
            double.Parse(RequestsPerSecondLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Latency(output, "50"), Latency(output, "90"), Latency(output, "99"),
            NonSuccessLine().Match(output) is { Success: true } non ? long.Parse(non.Groups[1].Value, CultureInfo.InvariantCulture) : 0);

        private static double Latency(string output, string percent)
        {
            var match = Regex.Match(output, $@"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
        }

        [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
        private static partial Regex RequestsPerSecondLine();

        [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
        private static partial Regex NonSuccessLine();
    }
}
