using System.Diagnostics;
using System.Globalization;
using HotspotIntel.Analysis;
using HotspotIntel.Bench.Benchmarks;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.Seeding;
using Npgsql;

namespace HotspotIntel.Bench.Hotspots;

/// <summary>
/// <c>hotspot-speed</c>: how long a full hotspot run takes over a whole city in a database, next to PostGIS's own
/// <c>ST_ClusterDBSCAN</c> over the same points in the same run (the clustering the database can do alone), then how long
/// the incremental run takes that 1,000 reports created through the API ask for, and the API's peak memory. The city is
/// COPYed into a fresh migrated database; the API runs in its own process as a Hangfire worker (as production does);
/// run durations are the job's own, from its run records.
/// </summary>
internal static class HotspotSpeed
{
    public const string DatabaseName = "hotspot_speed";

    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var scale = options.Scale("regional");
        var parameters = HotspotBenchOptions.Parameters(options, scale);
        var newReports = options.Number("new-reports", 1000);
        var server = options.Text("server") ?? Environment.GetEnvironmentVariable("HOTSPOTINTEL_BENCH_SERVER") ?? BenchDatabase.DefaultServer;
        Console.WriteLine($"Creating database {DatabaseName} and loading a city of {scale.Reports:N0} reports (seed {options.Seed})…");
        var database = await BenchDatabase.CreateFreshAsync(server, DatabaseName, cancellationToken);
        var city = new SyntheticCity(scale, options.Seed);
        var watch = Stopwatch.StartNew();
        await CityLoader.LoadAsync(database, city, cancellationToken);
        Console.WriteLine($"Loaded in {watch.Elapsed.TotalSeconds:F0} s.");

        var root = RepositoryRoot.Find();
        var apiDll = options.Text("api-dll") ?? Path.Combine(root, "src", "HotspotIntel.Api", "bin", "Release", "net10.0", "HotspotIntel.Api.dll");
        var users = BenchUsers.Create();
        var settings = new Dictionary<string, string>
        {
            ["Hangfire__ServerEnabled"] = "true",
            ["Hangfire__WorkerCount"] = "1",
            ["Hotspots__FullRunWhenNoneSucceeded"] = "false",
            // Long enough for all the new reports to join one incremental run.
            ["Hotspots__IncrementalDelaySeconds"] = options.Number("incremental-delay", 30).ToString(CultureInfo.InvariantCulture),
            // The job logs where its time went.
            ["Logging__LogLevel__HotspotIntel.Api.HotspotRuns"] = "Information",
        };
        await using var api = await ApiProcess.StartAsync(apiDll, options.Number("port", 5091), BenchDatabase.AsApplication(database),
            users.Auth.SigningKey!, cancellationToken, settings);
        using var client = new HotspotClient(api.BaseAddress, users.Analyst(city.Agencies.Police.Id));

        Console.WriteLine("Full run (the configured method) through POST /api/hotspot-runs…");
        var full = await client.WaitForRunAsync(await client.StartRunAsync(cancellationToken), cancellationToken);
        Console.WriteLine($"Bare ST_ClusterDBSCAN(eps {parameters.EpsMeters} m, minpoints {parameters.MinPoints}) over the same points…");
        var (dbscanSeconds, clusters) = await BareDbscanAsync(database, parameters, cancellationToken);

        Console.WriteLine($"Creating {newReports:N0} reports through POST /api/reports…");
        watch.Restart();
        await client.CreateReportsAsync(city, newReports, options.Seed, cancellationToken);
        var creating = watch.Elapsed;
        var incrementalId = await LatestIncrementalRunAsync(database, cancellationToken);
        var incremental = await client.WaitForRunAsync(incrementalId, cancellationToken);
        var peak = PeakMemory.PeakResidentBytes(api.Id);

        Console.WriteLine(string.Join('\n', api.LastOutput.Split('\n').Where(line => line.Contains("Hotspot run", StringComparison.Ordinal))));
        Print(new SpeedFigures(scale.Reports, full, dbscanSeconds, clusters, newReports, creating, incremental, peak));
        return full.Status == "succeeded" && incremental.Status == "succeeded" ? 0 : 1;
    }

    /// <summary>The clustering alone, as the schema owner (no row-level security), over the same points in the same grid.</summary>
    private static async Task<(double Seconds, long Clusters)> BareDbscanAsync(string database, HotspotParameters parameters, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT count(DISTINCT cluster) FROM (
                SELECT ST_ClusterDBSCAN(ST_Transform(location, 27700), eps := $1, minpoints := $2) OVER () AS cluster
                FROM intelligence_reports) clustered
            """, connection)
        {
            CommandTimeout = 0,
            Parameters = { new() { Value = parameters.EpsMeters }, new() { Value = parameters.MinPoints } },
        };
        var watch = Stopwatch.StartNew();
        var clusters = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return (watch.Elapsed.TotalSeconds, clusters);
    }

    private static async Task<Guid> LatestIncrementalRunAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id FROM hotspot_runs WHERE kind = 'incremental' ORDER BY requested_at DESC LIMIT 1", connection);
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?
            ?? throw new InvalidOperationException("Creating reports queued no incremental hotspot run.");
    }

    private static void Print(SpeedFigures figures)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant, $"| figure | value |"));
        Console.WriteLine("|---|---:|");
        Console.WriteLine(string.Create(invariant, $"| reports | {figures.Reports:N0} |"));
        Console.WriteLine(string.Create(invariant, $"| full run ({figures.Full.Method}): status | {figures.Full.Status} |"));
        Console.WriteLine(string.Create(invariant, $"| full run: hotspots | {figures.Full.HotspotCount} |"));
        Console.WriteLine(string.Create(invariant, $"| full run: seconds (job's own record) | {figures.Full.DurationSeconds:F1} |"));
        Console.WriteLine(string.Create(invariant, $"| bare ST_ClusterDBSCAN: seconds | {figures.DbscanSeconds:F1} |"));
        Console.WriteLine(string.Create(invariant, $"| bare ST_ClusterDBSCAN: clusters (incl. noise) | {figures.DbscanClusters} |"));
        Console.WriteLine(string.Create(invariant, $"| ratio full run / ST_ClusterDBSCAN | {figures.Full.DurationSeconds / figures.DbscanSeconds:F2} |"));
        Console.WriteLine(string.Create(invariant, $"| new reports through the API: count, seconds | {figures.NewReports:N0}, {figures.Creating.TotalSeconds:F1} |"));
        Console.WriteLine(string.Create(invariant, $"| incremental run: status | {figures.Incremental.Status} |"));
        Console.WriteLine(string.Create(invariant, $"| incremental run: reports read | {figures.Incremental.ReportCount:N0} |"));
        Console.WriteLine(string.Create(invariant, $"| incremental run: seconds (job's own record) | {figures.Incremental.DurationSeconds:F1} |"));
        Console.WriteLine(string.Create(invariant, $"| API peak RSS, MB | {(figures.PeakResidentBytes is { } peak ? (peak / (1024 * 1024)).ToString("N0", invariant) : "n/a")} |"));
    }

    private sealed record SpeedFigures(int Reports, HotspotRunFigures Full, double DbscanSeconds, long DbscanClusters, int NewReports,
        TimeSpan Creating, HotspotRunFigures Incremental, long? PeakResidentBytes);
}
