using System.Diagnostics;
using System.Globalization;
using HotspotIntel.Api.Imports;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.Output;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>
/// <c>import-benchmark</c>: how fast the API imports a reports CSV, and with how much memory, against PostgreSQL's own
/// COPY of the same file. It generates the city's reports (or reuses a folder generated before with the same seed and
/// size), makes a fresh migrated database on the benchmark server, starts the API on it, creates an agency, streams the
/// file to POST /api/imports/reports, then COPYs the same file into copy_baseline (see <see cref="CopyBaseline"/>).
/// Figures are printed, not asserted: the machine decides them.
/// </summary>
internal static class ImportBenchmark
{
    public const string DatabaseName = "import_benchmark";

    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var scale = options.Scale("regional");
        var root = RepositoryRoot.Find();
        var folder = options.Text("out") ?? Path.Combine(root, "bench", "out", $"import-{scale.Reports}-{options.Seed}");
        var csvPath = Path.Combine(folder, DatasetTables.Reports.FileName);
        var rows = EnsureReports(scale, options.Seed, folder);
        var bytes = new FileInfo(csvPath).Length;
        if (bytes > ImportsApi.MaxFileBytes)
        {
            Console.WriteLine($"Warning: the CSV ({Megabytes(bytes)} MB) is larger than the API's import limit ({Megabytes(ImportsApi.MaxFileBytes)} MB).");
        }

        var server = options.Text("server") ?? Environment.GetEnvironmentVariable("HOTSPOTINTEL_BENCH_SERVER") ?? BenchDatabase.DefaultServer;
        Console.WriteLine($"Creating database {DatabaseName} on {Describe(server)} and migrating it…");
        var database = await BenchDatabase.CreateFreshAsync(server, DatabaseName, cancellationToken);

        var apiDll = options.Text("api-dll") ?? Path.Combine(root, "src", "HotspotIntel.Api", "bin", "Release", "net10.0", "HotspotIntel.Api.dll");
        var users = BenchUsers.Create();
        await using var api = await ApiProcess.StartAsync(apiDll, options.Number("port", 5090), BenchDatabase.AsApplication(database),
            users.Auth.SigningKey!, cancellationToken);
        using var client = new ImportClient(api.BaseAddress);
        var agencyId = await client.CreateAgencyAsync(users.Administrator(), "BENCH-POL", "Benchmark Synthetic Police", cancellationToken);

        Console.WriteLine($"Importing {rows:N0} rows ({Megabytes(bytes)} MB) through {api.BaseAddress}api/imports/reports…");
        await BenchDatabase.CheckpointAsync(database, cancellationToken);
        ImportOutcome import;
        try
        {
            import = await client.ImportReportsAsync(users.Analyst(agencyId), csvPath, cancellationToken);
        }
        catch (Exception failure) when (failure is InvalidOperationException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"The import failed: {failure.Message}\nAPI output:\n{api.LastOutput}");
            return 1;
        }

        var peakBytes = PeakMemory.PeakResidentBytes(api.Id);
        if (import.RowCount != rows)
        {
            await Console.Error.WriteLineAsync($"The import reported {import.RowCount:N0} rows; the file has {rows:N0}.");
            return 1;
        }

        Console.WriteLine("COPYing the same file into copy_baseline…");
        await CopyBaseline.PrepareAsync(database, agencyId, cancellationToken);
        await BenchDatabase.CheckpointAsync(database, cancellationToken);
        var copy = await CopyBaseline.RunAsync(database, csvPath, cancellationToken);

        Print(new ImportFigures(rows, import.Elapsed, copy.Elapsed, peakBytes));
        return 0;
    }

    /// <summary>The rows of reports.csv in <paramref name="folder"/>, generating it unless a manifest says it is already this city.</summary>
    internal static long EnsureReports(CityScale scale, ulong seed, string folder)
    {
        var manifest = DatasetManifest.TryRead(folder);
        if (manifest is { GeneratorVersion: DatasetManifest.CurrentGeneratorVersion } && manifest.Seed == seed && manifest.Reports == scale.Reports
            && File.Exists(Path.Combine(folder, DatasetTables.Reports.FileName)))
        {
            Console.WriteLine($"Reusing the reports in {folder}.");
            return manifest.Rows[DatasetTables.Reports.FileName];
        }

        Console.WriteLine($"Generating a city of {scale.Reports:N0} reports (seed {seed}) in {folder}…");
        var watch = Stopwatch.StartNew();
        manifest = CsvDatasetWriter.Write(new SyntheticCity(scale, seed), folder, reportsOnly: true);
        Console.WriteLine($"Generated in {watch.Elapsed.TotalSeconds:F1} s.");
        return manifest.Rows[DatasetTables.Reports.FileName];
    }

    private static void Print(ImportFigures figures)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"rows                 {figures.Rows,14:N0}");
        Console.WriteLine($"import seconds       {figures.Import.TotalSeconds,14:F1}");
        Console.WriteLine($"import rows/s        {figures.ImportRowsPerSecond,14:N0}");
        Console.WriteLine($"COPY seconds         {figures.Copy.TotalSeconds,14:F1}");
        Console.WriteLine($"COPY rows/s          {figures.CopyRowsPerSecond,14:N0}");
        Console.WriteLine($"ratio import/COPY    {figures.Ratio,14:F3}");
        Console.WriteLine($"API peak RSS MB      {(figures.PeakResidentBytes is { } peak ? Megabytes(peak).ToString("N0", invariant) : "n/a"),14}");
    }

    private static long Megabytes(long bytes) => bytes / (1024 * 1024);

    private static string Describe(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}";
    }
}

/// <summary>The benchmark's figures: throughput of each path and their ratio (import rows/s over COPY rows/s).</summary>
internal sealed record ImportFigures(long Rows, TimeSpan Import, TimeSpan Copy, long? PeakResidentBytes)
{
    public double ImportRowsPerSecond => Rows / Import.TotalSeconds;

    public double CopyRowsPerSecond => Rows / Copy.TotalSeconds;

    public double Ratio => ImportRowsPerSecond / CopyRowsPerSecond;
}
