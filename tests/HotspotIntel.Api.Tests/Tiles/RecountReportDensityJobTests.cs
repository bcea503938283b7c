using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Tests.Hotspots;
using HotspotIntel.Api.Tiles;
using HotspotIntel.Core.Hotspots;
using Microsoft.Extensions.DependencyInjection;

namespace HotspotIntel.Api.Tests.Tiles;

/// <summary>
/// The tiles follow hotspot runs: a run that succeeds enqueues a recount of the report density that city-wide tiles
/// add up, and the recount counts every report, on the jobs' login.
/// </summary>
public sealed class RecountReportDensityJobTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string RecountJobs = "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%RecountReportDensityJob%'";

    private readonly HotspotScenario _scenario = new(database);

    [Fact]
    public async Task A_run_that_succeeds_enqueues_a_recount_and_the_recount_counts_every_report()
    {
        var agencyId = await _scenario.StartAsync("DENSJOB");
        await _scenario.AddUniformAsync(agencyId, 120, 0.71);
        var enqueued = await database.ScalarAsync<long>(RecountJobs);

        var (_, status) = await _scenario.RunFullAsync();
        using (var scope = database.Application.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecountReportDensityJob>().RunAsync(CancellationToken.None);
        }

        Assert.Equal(HotspotRunStatus.Succeeded, status);
        Assert.Equal(enqueued + 1, await database.ScalarAsync<long>(RecountJobs));
        Assert.Equal(120L, await database.ScalarAsync<long>("SELECT reports FROM report_density_refreshes"));
    }
}
