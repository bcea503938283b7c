using System.Diagnostics;
using System.Globalization;
using HotspotIntel.Analysis;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Bench.Benchmarks;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.MapClient;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Hotspots;
using Npgsql;

namespace HotspotIntel.Bench.Hotspots;

/// <summary>
/// <c>hotspot-speed</c>: how long a full hotspot run of each method (<c>--methods</c>, default excess, gistar, kde and
/// dbscan, each with the configured parameters) takes through the API at each city size (<c>--sizes</c>, default 10k,
/// 100k, 1M reports; <c>--runs</c> runs each), against the bare PostgreSQL/PostGIS equivalent of the same method's
/// computation over the same points with the run's own parameters and date in the same run (<see cref="BareCore"/>)
/// and against the read floor (reading what the run reads); then, at the largest size, the incremental run that 1,000
/// reports created through the API ask for. Each size works on a copy of a migrated database with the city COPYed in
/// (fixed reference date, so the same seed gives the same rows), loaded afresh or with <c>--reuse</c> the one an
/// earlier run loaded (<see cref="PrepareDatabaseAsync"/>), so every run starts with no runs made; the API runs in its
/// own process as a Hangfire worker, as production does; run durations are the job's own, from its run records.
/// </summary>
internal static class HotspotSpeed
{
    public const string DatabaseName = "hotspot_speed";

    private const int ListRequests = 20;

    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var sizes = (options.Text("sizes") ?? "10000,100000,1000000").Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToList();
        var newReports = options.Number("new-reports", 1000);
        var server = options.Text("server") ?? Environment.GetEnvironmentVariable("HOTSPOTINTEL_BENCH_SERVER") ?? BenchDatabase.DefaultServer;
        var figures = new List<SizeFigures>();
        IncrementalFigures? incremental = null;
        var succeeded = true;
        foreach (var size in sizes)
        {
            var last = size == sizes[^1];
            var (sizeFigures, sizeIncremental) = await MeasureSizeAsync(options, server, new CityScale(size), last ? newReports : 0, cancellationToken);
            figures.Add(sizeFigures);
            incremental ??= sizeIncremental;
            succeeded &= sizeFigures.Methods.All(method => method.Runs.All(run => run.Status == "succeeded")) && sizeIncremental?.Run.Status is null or "succeeded"
                && sizeIncremental?.Check.Status is null or "succeeded" && sizeIncremental?.Differences?.Count is null or 0;
            Print(figures, incremental);
        }

        return succeeded ? 0 : 1;
    }

    private static async Task<(SizeFigures Size, IncrementalFigures? Incremental)> MeasureSizeAsync(CommandOptions options, string server,
        CityScale scale, int newReports, CancellationToken cancellationToken)
    {
        // The previous size's database is dropped with its connections: pooled ones to the same name would be dead.
        NpgsqlConnection.ClearAllPools();
        var city = new SyntheticCity(scale, options.Seed);
        var database = await PrepareDatabaseAsync(server, city, options.Flag("reuse"), cancellationToken);

        var root = RepositoryRoot.Find();
        var apiDll = options.Text("api-dll") ?? Path.Combine(root, "src", "HotspotIntel.Api", "bin", "Release", "net10.0", "HotspotIntel.Api.dll");
        var users = BenchUsers.Create();
        var settings = new Dictionary<string, string>
        {
            ["Hangfire__ServerEnabled"] = "true",
            ["Hangfire__WorkerCount"] = "1",
            // The run a new installation makes at start, as the nightly one would: the published line's first run, which
            // the incremental run measured below continues (writing what changed since it).
            ["Hotspots__FullRunWhenNoneSucceeded"] = newReports > 0 ? "true" : "false",
            // Long enough for all the new reports to join one incremental run.
            ["Hotspots__IncrementalDelaySeconds"] = options.Number("incremental-delay", 30).ToString(CultureInfo.InvariantCulture),
            // Derived links (the link network's own job) would hold the one worker for the whole city: not what is measured here.
            ["DerivedLinks__IncrementalCron"] = "0 0 1 1 *",
            ["DerivedLinks__FullPassCron"] = "0 0 1 1 *",
            // The job logs where its time went.
            ["Logging__LogLevel__HotspotIntel.Api.HotspotRuns"] = "Information",
        };
        await using var api = await ApiProcess.StartAsync(apiDll, options.Number("port", 5091), BenchDatabase.AsApplication(database),
            users.Auth.SigningKey!, cancellationToken, settings);
        using var client = new HotspotClient(api.BaseAddress, users.Analyst(city.Agencies.Police.Id));

        var methods = (options.Text("methods") ?? "excess,gistar,kde,dbscan").Split(',').Select(EnumCodes<HotspotMethod>.Parse).ToList();
        var runs = options.Number("runs", 1);
        var bareRepeats = options.Number("bare-repeats", 3);
        Console.WriteLine("The read floor (every point a full run reads, read into the client) and the points in EPSG:27700 for the bare equivalents…");
        var readFloor = Median(await RepeatAsync(3, () => BareCore.TimeReadFloorAsync(database, cancellationToken)));
        await using var bare = await BareCore.PrepareAsync(database, cancellationToken);
        var methodFigures = new List<MethodFigures>();
        foreach (var method in methods)
        {
            Console.WriteLine($"{EnumCodes<HotspotMethod>.ToCode(method)}: {runs} full run(s) through POST /api/hotspot-runs…");
            var figures = new List<HotspotRunFigures>();
            Guid runId = default;
            for (var i = 0; i < runs; i++)
            {
                // Dated where the city's reports end, so the run weighs and bins them as the data were made for (trends included).
                runId = await client.StartRunAsync(ReportingWindow.ReferenceDate, cancellationToken, method);
                figures.Add(await client.WaitForRunAsync(runId, cancellationToken));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {figures[^1].Status} in {figures[^1].DurationSeconds:F2} s, {figures[^1].HotspotCount} hotspots"));
            }

            var (parameters, asOf) = await RunSettingsAsync(database, runId, cancellationToken);
            Console.WriteLine($"  its bare equivalent with the run's parameters ({HotspotParametersJson.Write(parameters)}) as of {asOf:yyyy-MM-dd HH:mm}, {bareRepeats} times…");
            var results = new List<BareCore.Result>();
            for (var i = 0; i < bareRepeats; i++)
            {
                results.Add(await bare.ComputeAsync(parameters, asOf, cancellationToken));
            }

            methodFigures.Add(new MethodFigures(method, figures, Median([.. results.Select(result => result.Seconds)]),
                results[0].Cells.Values.Count(cell => cell.Hot)));
        }

        Console.WriteLine($"The published hotspot list through GET /api/hotspots ({ListRequests} times) and its floor…");
        var list = new List<double>();
        var listFloor = new List<double>();
        for (var i = 0; i < ListRequests; i++)
        {
            list.Add(await client.TimeHotspotListAsync(cancellationToken));
            listFloor.Add(await BareCore.TimeHotspotListFloorAsync(database, cancellationToken));
        }

        IncrementalFigures? incremental = null;
        if (newReports > 0)
        {
            Console.WriteLine($"Creating {newReports:N0} reports through POST /api/reports…");
            var watch = Stopwatch.StartNew();
            await client.CreateReportsAsync(city, newReports, options.Seed, cancellationToken);
            var creating = watch.Elapsed;
            var incrementalId = await LatestIncrementalRunAsync(database, cancellationToken);
            var incrementalRun = await client.WaitForRunAsync(incrementalId, cancellationToken);
            var peak = PeakMemory.PeakResidentBytes(api.Id);
            var written = await RowsWrittenAsync(database, incrementalId, cancellationToken);
            // The check: a full run (an analyst's, which reads every report and writes every member) over the same
            // reports as of the incremental run's date must hold the same hotspots, members, weights and summaries.
            var incrementalAsOf = (await RunSettingsAsync(database, incrementalId, cancellationToken)).AsOf;
            Console.WriteLine($"A full run as of the incremental run's date ({incrementalAsOf:O}) to check it holds the same…");
            var checkRun = await client.WaitForRunAsync(await client.StartRunAsync(incrementalAsOf, cancellationToken), cancellationToken);
            var differences = checkRun.Status == "succeeded" ? await DifferencesAsync(database, incrementalId, cancellationToken) : ((long, List<string>)?)null;
            incremental = new IncrementalFigures(newReports, creating, incrementalRun, peak, written, checkRun, differences);
        }

        Console.WriteLine(string.Join('\n', api.LastOutput.Split('\n').Where(line => line.Contains("Hotspot run", StringComparison.Ordinal))));
        return (new SizeFigures(scale.Reports, methodFigures, readFloor, Percentiles.Of(list, 0.5), Percentiles.Of(list, 0.95), Median(listFloor)), incremental);

        static async Task<List<double>> RepeatAsync(int times, Func<Task<double>> measure)
        {
            var samples = new List<double>();
            for (var i = 0; i < times; i++)
            {
                samples.Add(await measure());
            }

            return samples;
        }
    }

    /// <summary>
    /// A copy, named <see cref="DatabaseName"/>, of the city loaded into a database named after its size and seed the way
    /// the other benchmarks load theirs (<see cref="MapBenchmark.PrepareDatabaseAsync"/>: loaded afresh, or with
    /// <c>--reuse</c> kept from an earlier run): copying takes seconds where loading takes minutes at 1M, and the runs,
    /// and the reports the incremental run adds, go to the copy, so every run starts from the same rows with no runs made.
    /// </summary>
    private static async Task<string> PrepareDatabaseAsync(string server, SyntheticCity city, bool reuse, CancellationToken cancellationToken)
    {
        var template = string.Create(CultureInfo.InvariantCulture, $"{DatabaseName}_city_{city.Scale.Reports}_{city.Seed}");
        var loaded = await MapBenchmark.PrepareDatabaseAsync(server, city, reuse, cancellationToken, name: template);
        // A city just loaded holds the count changes its COPY left, which the fold job takes in minutes: counted here,
        // so that every copy starts as a running service has its counts, and an incremental run's measuring reads the
        // few changes since the last fold, not a load's.
        await MapBenchmark.CountDensityAheadAsync(loaded, cancellationToken);

        // A database is copied only when nobody is connected to it: the pooled connections that loaded or counted it go.
        NpgsqlConnection.ClearAllPools();
        Console.WriteLine($"Copying {template} to {DatabaseName}…");
        var watch = Stopwatch.StartNew();
        var serverConnection = new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;
        await ExecuteAsync(serverConnection, $"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", cancellationToken);
        await ExecuteAsync(serverConnection, $"CREATE DATABASE {DatabaseName} TEMPLATE {template}", cancellationToken);
        await ExecuteAsync(serverConnection, DatabaseMigrator.CopySettingsSql(template, DatabaseName), cancellationToken);
        Console.WriteLine($"Copied in {watch.Elapsed.TotalSeconds:F0} s.");
        return new NpgsqlConnectionStringBuilder(server) { Database = DatabaseName }.ConnectionString;
    }

    private static async Task ExecuteAsync(string server, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 3600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static double Median(List<double> samples) => Percentiles.Of(samples, 0.5);

    /// <summary>The parameters and date the run itself used, so the baseline computes with exactly those.</summary>
    private static async Task<(HotspotParameters Parameters, DateTimeOffset AsOf)> RunSettingsAsync(string database, Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT parameters::text, as_of FROM hotspot_runs WHERE id = $1", connection)
        {
            Parameters = { new() { Value = runId } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || await reader.IsDBNullAsync(1, cancellationToken))
        {
            throw new InvalidOperationException($"Hotspot run {runId} has no as-of date.");
        }

        return (HotspotParametersJson.Read(reader.GetString(0)), reader.GetFieldValue<DateTimeOffset>(1));
    }

    private static async Task<Guid> LatestIncrementalRunAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id FROM hotspot_runs WHERE kind = 'incremental' ORDER BY requested_at DESC LIMIT 1", connection);
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?
            ?? throw new InvalidOperationException("Creating reports queued no incremental hotspot run.");
    }

    /// <summary>What the run wrote: member rows added and closed, summary rows, and hotspot_history and found-location rows.</summary>
    private static async Task<RowsWritten> RowsWrittenAsync(string database, Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM hotspot_members WHERE run_id = $1),
                   (SELECT count(*) FROM hotspot_members WHERE until_seq = (SELECT seq FROM hotspot_member_runs WHERE run_id = $1)),
                   (SELECT count(*) FROM hotspot_member_groups WHERE run_id = $1) + (SELECT count(*) FROM hotspot_linked_sets WHERE run_id = $1),
                   (SELECT count(*) FROM hotspot_history WHERE run_id = $1) + (SELECT count(*) FROM hotspot_episode_members WHERE run_id = $1),
                   (SELECT count(*) FROM hotspot_run_members WHERE run_id = $1)
            """, connection)
        { Parameters = { new() { Value = runId } }, CommandTimeout = 600 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new RowsWritten(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    /// <summary>
    /// What differs between the incremental run and the latest analyst's run (<c>hotspot_run_differences</c>, migration
    /// 0043): how many differences, and the first few.
    /// </summary>
    private static async Task<(long Count, List<string> First)> DifferencesAsync(string database, Guid incrementalId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws(' ', what, hotspot_id, detail), count(*) OVER ()
            FROM hotspot_run_differences($1, (SELECT id FROM hotspot_runs WHERE kind = 'requested' ORDER BY requested_at DESC LIMIT 1))
            LIMIT 5
            """, connection)
        { Parameters = { new() { Value = incrementalId } }, CommandTimeout = 600 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var first = new List<string>();
        long count = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            first.Add(reader.GetString(0));
            count = reader.GetInt64(1);
        }

        return (count, first);
    }

    private static void Print(List<SizeFigures> sizes, IncrementalFigures? incremental)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("| reports | method | full runs: status, hotspots | full run s (job's record; median, all) | bare equivalent s (hot cells) | read floor s | run ÷ bare | run ÷ read floor |");
        Console.WriteLine("|---:|---|---|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            foreach (var method in size.Methods)
            {
                var run = method.RunSeconds;
                var all = method.Runs.Count > 1 ? " (" + string.Join(", ", method.Runs.Select(r => r.DurationSeconds.ToString("F2", invariant))) + ")" : "";
                Console.WriteLine(string.Create(invariant,
                    $"| {size.Reports:N0} | {EnumCodes<HotspotMethod>.ToCode(method.Method)} | {string.Join(", ", method.Runs.Select(r => r.Status).Distinct())}, {method.Runs[^1].HotspotCount} | {run:F2}{all} | {method.BareSeconds:F2} ({method.BareHotCells:N0}) | {size.ReadFloorSeconds:F2} | {run / method.BareSeconds:F2} | {run / size.ReadFloorSeconds:F2} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| reports | published hotspot list p50 / p95 ms (GET /api/hotspots, an analyst) | floor ms (the same rows as stored, no reader's rules) | p50 / floor |");
        Console.WriteLine("|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            Console.WriteLine(string.Create(invariant,
                $"| {size.Reports:N0} | {size.ListP50Milliseconds:F1} / {size.ListP95Milliseconds:F1} | {size.ListFloorMilliseconds:F1} | {size.ListP50Milliseconds / size.ListFloorMilliseconds:F1} |"));
        }

        if (incremental is not null)
        {
            var largest = sizes[^1];
            Console.WriteLine();
            Console.WriteLine(string.Create(invariant, $"| incremental run at {largest.Reports:N0} reports | value |"));
            Console.WriteLine("|---|---:|");
            Console.WriteLine(string.Create(invariant, $"| new reports through the API: count, seconds | {incremental.NewReports:N0}, {incremental.Creating.TotalSeconds:F1} |"));
            Console.WriteLine(string.Create(invariant, $"| status | {incremental.Run.Status} |"));
            Console.WriteLine(string.Create(invariant, $"| reports read | {incremental.Run.ReportCount:N0} |"));
            Console.WriteLine(string.Create(invariant, $"| seconds (job's own record) | {incremental.Run.DurationSeconds:F2} |"));
            Console.WriteLine(string.Create(invariant, $"| ratio to the read floor of all {largest.Reports:N0} reports | {incremental.Run.DurationSeconds / largest.ReadFloorSeconds:F2} |"));
            Console.WriteLine(string.Create(invariant,
                $"| rows written: member rows added, closed; summary rows; history and found-location rows | {incremental.Written.MembersAdded:N0}, {incremental.Written.MembersClosed:N0}; {incremental.Written.SummaryRows:N0}; {incremental.Written.OtherRows:N0} |"));
            Console.WriteLine(string.Create(invariant, $"| members it holds (what a run writing them all writes) | {incremental.Written.MembersHeld:N0} |"));
            Console.WriteLine(string.Create(invariant, $"| API peak RSS, MB | {(incremental.PeakResidentBytes is { } peak ? (peak / (1024 * 1024)).ToString("N0", invariant) : "n/a")} |"));
            Console.WriteLine(string.Create(invariant, $"| check: a full run as of the same date: status, seconds | {incremental.Check.Status}, {incremental.Check.DurationSeconds:F2} |"));
            Console.WriteLine(string.Create(invariant,
                $"| check: differences from that full run (hotspots, members, weights, summaries) | {(incremental.Differences is { } d ? d.Count.ToString("N0", invariant) : "not checked")} |"));
            foreach (var difference in incremental.Differences?.First ?? [])
            {
                Console.WriteLine($"  differs: {difference}");
            }
        }
    }

    private sealed record SizeFigures(int Reports, IReadOnlyList<MethodFigures> Methods, double ReadFloorSeconds,
        double ListP50Milliseconds, double ListP95Milliseconds, double ListFloorMilliseconds);

    /// <summary>One method's full runs at one size, and its bare equivalent's median time and hot cells.</summary>
    private sealed record MethodFigures(HotspotMethod Method, IReadOnlyList<HotspotRunFigures> Runs, double BareSeconds, int BareHotCells)
    {
        public double RunSeconds => Median([.. Runs.Select(run => run.DurationSeconds)]);
    }

    private sealed record IncrementalFigures(int NewReports, TimeSpan Creating, HotspotRunFigures Run, long? PeakResidentBytes, RowsWritten Written,
        HotspotRunFigures Check, (long Count, List<string> First)? Differences);

    private sealed record RowsWritten(long MembersAdded, long MembersClosed, long SummaryRows, long OtherRows, long MembersHeld);
}
