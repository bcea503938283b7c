using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Bench.Benchmarks;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.Seeding;
using Npgsql;

namespace HotspotIntel.Api.Tests.Bench;

/// <summary>The access benchmark compares what it says it compares: RLS with audit against a role that bypasses both.</summary>
public sealed class AccessBenchmarkTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Both_sides_serve_requests_and_only_the_access_controlled_side_writes_consultation_entries()
    {
        await EnsureCityAsync();
        var entriesBefore = await ConsultationsAsync();

        var figures = await AccessBenchmark.MeasureAsync(database.ConnectionString, new AccessWorkloadSettings(2, TimeSpan.FromSeconds(1), AccessWorkloadSample.Roles), rounds: 1, CancellationToken.None);

        Assert.True(figures.Baseline.Requests > 0 && figures.UnderAccessControl.Requests > 0);
        Assert.True(figures.UnderAccessControl.PersonReads > 0);
        Assert.True(await ConsultationsAsync() - entriesBefore >= figures.UnderAccessControl.PersonReads);
    }

    [Fact]
    public async Task The_baseline_role_reads_every_report_without_a_session_where_the_application_role_reads_none()
    {
        await EnsureCityAsync();
        await AccessBenchmark.MeasureAsync(database.ConnectionString, new AccessWorkloadSettings(1, TimeSpan.FromMilliseconds(200), AccessWorkloadSample.Roles), rounds: 1, CancellationToken.None);
        var total = await database.ScalarAsync<long>("SELECT count(*) FROM intelligence_reports");

        Assert.Equal(total, await CountReportsAsAsync(AccessBenchmark.BypassRole));
        Assert.Equal(0L, await CountReportsAsAsync("hotspotintel_app"));
    }

    private async Task EnsureCityAsync()
    {
        if (await database.ScalarAsync<long>($"SELECT count(*) FROM agencies WHERE code = '{CityAgencies.MarkerCode}'") == 0)
        {
            await CityLoader.LoadAsync(database.ConnectionString, new SyntheticCity(new CityScale(CityScale.MinimumReports), SyntheticCity.DefaultSeed), CancellationToken.None);
        }
    }

    private Task<long> ConsultationsAsync() =>
        database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'consultation' AND justification LIKE 'Access benchmark%'");

    private async Task<long> CountReportsAsAsync(string role)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM intelligence_reports", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
