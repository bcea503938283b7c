using HotspotIntel.Bench.City;
using HotspotIntel.Bench.Seeding;
using Npgsql;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>
/// <c>access-benchmark</c>: what row-level security and the audit log cost a read-heavy workload. The same mix of
/// queries (reports in a map window, one report, one person) runs twice over one synthetic city, each request on its own
/// pooled connection as the API does: once as the application does it (the <c>hotspotintel_app</c> role under RLS, the
/// user's session settings applied per connection, a consultation entry appended in the same transaction as each person
/// read), once by <c>hotspotintel_bench_bypass</c>, a role made here only, which bypasses RLS and writes no audit.
/// Rounds alternate so that caches warm both alike. Figures are printed, not asserted.
/// </summary>
internal static class AccessBenchmark
{
    public const string DatabaseName = "access_benchmark";
    public const string BypassRole = "hotspotintel_bench_bypass";

    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var scale = options.Scale("200000");
        var server = options.Text("server") ?? Environment.GetEnvironmentVariable("HOTSPOTINTEL_BENCH_SERVER") ?? BenchDatabase.DefaultServer;
        Console.WriteLine($"Creating database {DatabaseName}, loading a city of {scale.Reports:N0} reports…");
        var database = await BenchDatabase.CreateFreshAsync(server, DatabaseName, cancellationToken);
        await CityLoader.LoadAsync(database, new SyntheticCity(scale, options.Seed), cancellationToken);

        var roles = options.Text("role") is { } role ? [role] : AccessWorkloadSample.Roles;
        if (roles.Except(AccessWorkloadSample.Roles).Any())
        {
            throw new ArgumentException($"--role must be one of: {string.Join(", ", AccessWorkloadSample.Roles)}.");
        }

        var settings = new AccessWorkloadSettings(options.Number("concurrency", 8), TimeSpan.FromSeconds(options.Number("seconds", 15)), roles);
        Console.WriteLine($"{settings.Concurrency} concurrent clients as {string.Join(" and ", roles)}, {settings.Duration.TotalSeconds:F0} s per round, 2 rounds per side…");
        var figures = await MeasureAsync(database, settings, rounds: 2, cancellationToken);
        Print(figures);
        return 0;
    }

    /// <summary>Runs <paramref name="rounds"/> alternating rounds per side on the database at <paramref name="ownerConnectionString"/>.</summary>
    public static async Task<AccessFigures> MeasureAsync(string ownerConnectionString, AccessWorkloadSettings settings, int rounds,
        CancellationToken cancellationToken)
    {
        await CreateBypassRoleAsync(ownerConnectionString, cancellationToken);
        var sample = await AccessWorkloadSample.LoadAsync(ownerConnectionString, settings.Roles, cancellationToken);
        var pooled = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = true, MaxPoolSize = settings.Concurrency + 2 };
        await using var application = DataSourceAs(pooled, "hotspotintel_app");
        await using var bypass = DataSourceAs(pooled, BypassRole);
        var underAccessControl = new AccessWorkload(application, sample, sample.Sessions);
        var bypassing = new AccessWorkload(bypass, sample, sessions: null);

        // A short warm-up of each, so the first measured round does not pay for cold caches and plans.
        var warmUp = settings with { Duration = TimeSpan.FromSeconds(Math.Min(3, settings.Duration.TotalSeconds)) };
        await bypassing.RunAsync(warmUp, cancellationToken);
        await underAccessControl.RunAsync(warmUp, cancellationToken);
        var baseline = new List<WorkloadResult>();
        var controlled = new List<WorkloadResult>();
        for (var round = 0; round < rounds; round++)
        {
            baseline.Add(await bypassing.RunAsync(settings, cancellationToken));
            controlled.Add(await underAccessControl.RunAsync(settings, cancellationToken));
        }

        return new AccessFigures(WorkloadResult.Sum(baseline), WorkloadResult.Sum(controlled));
    }

    private static NpgsqlDataSource DataSourceAs(NpgsqlConnectionStringBuilder connection, string role) =>
        new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Username = role }.ConnectionString)
            .UseNetTopologySuite().Build();

    /// <summary>The benchmark-only role that bypasses RLS: never created by migrations, never used by the product.</summary>
    private static async Task CreateBypassRoleAsync(string ownerConnectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{BypassRole}') THEN
                    CREATE ROLE {BypassRole} LOGIN BYPASSRLS;
                END IF;
            END $$;
            GRANT USAGE ON SCHEMA public TO {BypassRole};
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO {BypassRole};
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Print(AccessFigures figures)
    {
        Console.WriteLine();
        Console.WriteLine($"{"",-34}{"requests",12}{"req/s",10}{"p50 ms",9}{"p95 ms",9}");
        Row("bypass RLS, no audit (baseline)", figures.Baseline);
        Row("RLS + session + consultation audit", figures.UnderAccessControl);
        Console.WriteLine($"throughput ratio (access control / baseline): {figures.ThroughputRatio:F3}");
        Console.WriteLine($"consultation entries written: {figures.UnderAccessControl.PersonReads:N0}");

        static void Row(string name, WorkloadResult result) => Console.WriteLine(
            $"{name,-34}{result.Requests,12:N0}{result.RequestsPerSecond,10:N0}{result.Percentile(0.50),9:F2}{result.Percentile(0.95),9:F2}");
    }
}

/// <summary>How many clients run the mix at once, for how long per round, and as which roles.</summary>
internal sealed record AccessWorkloadSettings(int Concurrency, TimeSpan Duration, IReadOnlyCollection<string> Roles);

/// <summary>Both sides' results: the bypassing baseline and the application under access control.</summary>
internal sealed record AccessFigures(WorkloadResult Baseline, WorkloadResult UnderAccessControl)
{
    public double ThroughputRatio => UnderAccessControl.RequestsPerSecond / Baseline.RequestsPerSecond;
}

/// <summary>What a workload did: requests completed (of which person reads), over how long, and each request's latency.</summary>
internal sealed record WorkloadResult(long Requests, long PersonReads, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMilliseconds)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double Percentile(double share) => Percentiles.Of(LatenciesMilliseconds, share);

    public static WorkloadResult Sum(IReadOnlyList<WorkloadResult> results) => new(
        results.Sum(r => r.Requests), results.Sum(r => r.PersonReads),
        TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks)), [.. results.SelectMany(r => r.LatenciesMilliseconds)]);
}
