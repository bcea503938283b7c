using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Bench.Benchmarks;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.Output;

namespace HotspotIntel.Api.Tests.Bench;

/// <summary>The parts of the import benchmark that do not need the import endpoint: the API client's agency and the COPY baseline.</summary>
public sealed class ImportBenchmarkPartsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hotspotintel-copy-baseline-").FullName;

    [Fact]
    public async Task The_benchmark_client_creates_the_importing_agency_through_the_API()
    {
        using var client = new ImportClient(database.Application.CreateClient().BaseAddress!);
        var administrator = HotspotIntelApplication.Token(HotspotIntel.Core.Access.UserRole.Administrator, null);

        var agencyId = await client.CreateAgencyAsync(administrator, "BENCH-CLIENT", "Benchmark Client Synthetic Police", CancellationToken.None);

        Assert.Equal("BENCH-CLIENT", await database.ScalarAsync<string>($"SELECT code FROM agencies WHERE id = '{agencyId}'"));
    }

    [Fact]
    public async Task The_COPY_baseline_loads_every_row_of_the_reports_CSV_with_its_location_from_longitude_and_latitude()
    {
        var manifest = CsvDatasetWriter.Write(new SyntheticCity(new CityScale(1_000), 5), _folder, reportsOnly: true);
        var csv = Path.Combine(_folder, DatasetTables.Reports.FileName);
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "BENCH-COPY");

        await CopyBaseline.PrepareAsync(database.ConnectionString, agencyId, CancellationToken.None);
        var copy = await CopyBaseline.RunAsync(database.ConnectionString, csv, CancellationToken.None);

        Assert.Equal(manifest.Rows[DatasetTables.Reports.FileName], copy.Rows);
        Assert.Equal(copy.Rows, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM {CopyBaseline.Table} WHERE ST_X(location) = longitude AND ST_Y(location) = latitude AND ST_SRID(location) = 4326 AND agency_id = '{agencyId}'"));
        Assert.Equal(copy.Rows, await database.ScalarAsync<long>($"SELECT count(DISTINCT id) FROM {CopyBaseline.Table}"));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM pg_indexes WHERE tablename = '{CopyBaseline.Table}' AND indexdef LIKE '%USING gist (location)%'"));
        Assert.Equal(await database.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE conrelid = 'intelligence_reports'::regclass AND contype = 'c'"),
            await database.ScalarAsync<long>($"SELECT count(*) FROM pg_constraint WHERE conrelid = '{CopyBaseline.Table}'::regclass AND contype = 'c'"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
