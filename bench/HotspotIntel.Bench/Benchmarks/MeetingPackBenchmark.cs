using System.Diagnostics;
using System.Globalization;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.MeetingPacks;
using HotspotIntel.Api.Records;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.MapClient;
using HotspotIntel.Bench.Seeding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>
/// <c>meeting-pack</c> (issue 16): the time and memory to build the tasking meeting pack and the board's problem profile
/// at a region's scale, and the PDF's size. The city's ground is split into <c>--columns</c> by <c>--rows</c> wards (15
/// by 10) in <c>--councils</c> council areas (7) with synthetic child populations (<see cref="AreaLoader.RegionalAreas"/>), done
/// actions are recorded against its premises and places, and a hotspot run is made through the API if none succeeded;
/// then each pack is built by <see cref="MakeMeetingPackJob"/> itself, in this process, as the police analyst (row-level
/// security and all), and timed: wall time, the peak of managed memory (sampled every 20 ms) and of the process's
/// resident set (VmHWM, reset before each build), and the stored files' sizes, with the job's log of each step's time.
/// </summary>
internal static class MeetingPackBenchmark
{
    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var server = options.Text("server") ?? Environment.GetEnvironmentVariable("HOTSPOTINTEL_BENCH_SERVER") ?? BenchDatabase.DefaultServer;
        var city = new SyntheticCity(options.Scale("regional"), options.Seed);
        var database = await MapBenchmark.PrepareDatabaseAsync(server, city, options.Flag("reuse"), cancellationToken);
        var root = RepositoryRoot.Find();
        var apiDll = options.Text("api-dll") ?? Path.Combine(root, "src", "HotspotIntel.Api", "bin", "Release", "net10.0", "HotspotIntel.Api.dll");
        var agencyId = city.Agencies.Police.Id;
        await MapBenchmark.EnsureHotspotsAsync(database, apiDll, options.Number("port", 5093), BenchUsers.Create(), agencyId, cancellationToken);

        await using var owner = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 0 }.ConnectionString)
            .UseNetTopologySuite().Build();
        var areas = AreaLoader.RegionalAreas(city.Map, options.Number("columns", 15), options.Number("rows", 10), options.Number("councils", 7));
        await using (var connection = await owner.OpenConnectionAsync(cancellationToken))
        {
            await AreaLoader.LoadAsync(connection, areas, cancellationToken);
        }

        await ActionImpactBenchmark.RecordActionsAsync(owner, agencyId, options.Number("actions", 200), 182, cancellationToken);
        var (first, last) = await ReportSpanAsync(owner, cancellationToken);
        var to = last.AddSeconds(1);
        var tasking = await InsertPackAsync(owner, agencyId, MeetingPackKind.Tasking, to.AddDays(-options.Number("tasking-days", 28)), to, null, cancellationToken);
        var profile = await InsertPackAsync(owner, agencyId, MeetingPackKind.ProblemProfile, to.AddDays(-options.Number("profile-days", 91)), to,
            areas.Count, cancellationToken);

        await using var application = new NpgsqlDataSourceBuilder(BenchDatabase.AsApplication(database)).UseNetTopologySuite().Build();
        // The job's log says how long each step of a pack took (PackProgress): printed here beside the totals.
        using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(console => console.SingleLine = true));
        var job = new MakeMeetingPackJob(application, TimeProvider.System, Options.Create(new PartnershipOptions()), logging.CreateLogger<MakeMeetingPackJob>());
        Console.WriteLine($"Building the tasking pack and the problem profile ({areas.Count} areas) as the police analyst, city of {city.Scale.Reports:N0} reports "
            + $"({first:yyyy-MM-dd} to {last:yyyy-MM-dd})…");
        var results = new List<(string Name, Build Build, Files Files)>();
        foreach (var (name, id) in new[] { ("tasking pack (0.06° x 0.06° round the centre, 28 days)", tasking), ($"problem profile ({areas.Count} areas, 91 days)", profile) })
        {
            var build = await MeasureAsync(() => job.RunAsync(id, AnalystId, agencyId, "analyst", cancellationToken));
            results.Add((name, build, await FilesAsync(owner, id, cancellationToken)));
        }

        Console.WriteLine();
        var invariant = CultureInfo.InvariantCulture;
        foreach (var (name, build, files) in results)
        {
            Console.WriteLine(string.Create(invariant, $"{name}: {files.Status}, wall {build.Seconds:F1} s, peak managed {build.PeakManagedBytes / 1048576.0:F0} MiB, "
                + $"peak process RSS {build.PeakResidentBytes / 1048576.0:F0} MiB; PDF {files.PdfBytes:N0} bytes ({files.Pages} pages), "
                + $"HTML {files.HtmlBytes:N0} bytes, {files.CsvFiles} CSV files {files.CsvBytes:N0} bytes"));
        }

        return results.All(r => r.Files.Status == "succeeded") ? 0 : 1;
    }

    private const string AnalystId = "bench-analyst";

    private sealed record Build(double Seconds, long PeakManagedBytes, long PeakResidentBytes);

    private sealed record Files(string Status, long PdfBytes, int Pages, long HtmlBytes, int CsvFiles, long CsvBytes);

    private static async Task<Build> MeasureAsync(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // Writing 5 to clear_refs resets VmHWM (Linux 4.0+), so the peak read after is this build's.
        try
        {
            await File.WriteAllTextAsync("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }

        var peakManaged = GC.GetTotalMemory(false);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
                await Task.Delay(20, CancellationToken.None);
            }
        });
        var watch = Stopwatch.StartNew();
        await work();
        watch.Stop();
        await sampling.CancelAsync();
        await sampler;
        return new Build(watch.Elapsed.TotalSeconds, peakManaged, PeakMemory.PeakResidentBytes(Environment.ProcessId) ?? 0);
    }

    private static async Task<(DateTimeOffset First, DateTimeOffset Last)> ReportSpanAsync(NpgsqlDataSource owner, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand("SELECT min(occurred_at), max(occurred_at) FROM intelligence_reports");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>A queued pack of the analyst's, as POST /api/meeting-packs stores one: a profile of every area, a tasking pack round the centre.</summary>
    private static async Task<Guid> InsertPackAsync(NpgsqlDataSource owner, Guid agencyId, MeetingPackKind kind, DateTimeOffset from, DateTimeOffset to,
        int? areas, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var command = owner.CreateCommand("""
            INSERT INTO meeting_packs (id, kind, area_ids, agency_id, made_by, made_by_role, title, area, period_from, period_to, status, progress_percent,
                requested_at, review_on)
            SELECT $1, $2, CASE WHEN $2 = 'problem_profile' THEN (SELECT array_agg(id ORDER BY code) FROM areas) END, $3, $4, 'analyst', $5,
                   CASE WHEN $2 = 'problem_profile' THEN (SELECT ST_Envelope(ST_Collect(geom)) FROM areas)
                        ELSE ST_MakeEnvelope($6 - 0.03, $7 - 0.03, $6 + 0.03, $7 + 0.03, 4326) END,
                   $8, $9, 'queued', 0, now(), current_date + 365
            """);
        foreach (var value in new object[] { id, kind == MeetingPackKind.ProblemProfile ? "problem_profile" : "tasking", agencyId, AnalystId,
            kind == MeetingPackKind.ProblemProfile ? $"Benchmark problem profile, {areas} areas" : "Benchmark tasking pack", CityMap.CentreLongitude, CityMap.CentreLatitude,
            from.ToUniversalTime(), to.ToUniversalTime() })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    private static async Task<Files> FilesAsync(NpgsqlDataSource owner, Guid id, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand("""
            SELECT p.status,
                   coalesce((SELECT length(content) FROM meeting_pack_files WHERE pack_id = p.id AND name = 'pack.pdf'), 0),
                   coalesce((SELECT length(content) FROM meeting_pack_files WHERE pack_id = p.id AND name = 'pack.html'), 0),
                   (SELECT count(*) FROM meeting_pack_files WHERE pack_id = p.id AND name LIKE '%.csv'),
                   coalesce((SELECT sum(length(content)) FROM meeting_pack_files WHERE pack_id = p.id AND name LIKE '%.csv'), 0),
                   (SELECT content FROM meeting_pack_files WHERE pack_id = p.id AND name = 'pack.pdf')
            FROM meeting_packs p WHERE p.id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var pdf = reader.IsDBNull(5) ? [] : reader.GetFieldValue<byte[]>(5);
        // Pages counted from the PDF's own page objects ("/Type /Page", not "/Type /Pages").
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var pages = System.Text.RegularExpressions.Regex.Matches(text, @"/Type\s*/Page(?!s)").Count;
        return new Files(reader.GetString(0), reader.GetInt32(1), pages, reader.GetInt32(2), (int)reader.GetInt64(3), reader.GetInt64(4));
    }
}
