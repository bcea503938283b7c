using System.Net;
using System.Net.Http.Json;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Tests.Hotspots;
using HotspotIntel.Api.Tests.Imports;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Api.Tests.HotspotRuns;

/// <summary>
/// Changed reports ask for an incremental run (the hotspot runs follow record changes): one waiting run and one
/// scheduled job per burst, none for a replayed request or for records of other kinds, skipped when nothing changed.
/// </summary>
public sealed class IncrementalHotspotRunTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private readonly HotspotScenario _scenario = new(database);

    [Fact]
    public async Task A_burst_of_new_reports_queues_one_incremental_run_and_schedules_one_job()
    {
        var agencyId = await _scenario.StartAsync("HSI1");
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, agencyId);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await taskingMember.PostAsJsonAsync("/api/reports", TestData.Report())).StatusCode);
        }

        var queued = await database.ScalarAsync<Guid>("SELECT id FROM hotspot_runs WHERE kind = 'incremental' AND status = 'queued'");
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM hotspot_runs"));
        Assert.Equal(1L, await ScheduledJobsAsync(queued));
        Assert.Equal(HotspotRunStatus.Succeeded, await _scenario.RunAsync(queued));

        Assert.Equal(HttpStatusCode.Created, (await taskingMember.PostAsJsonAsync("/api/reports", TestData.Report())).StatusCode);

        var next = await database.ScalarAsync<Guid>("SELECT id FROM hotspot_runs WHERE kind = 'incremental' AND status = 'queued'");
        Assert.NotEqual(queued, next);
        Assert.Equal(1L, await ScheduledJobsAsync(next));
    }

    [Fact]
    public async Task An_imported_file_of_reports_queues_one_incremental_run_and_a_rejected_file_none()
    {
        var agencyId = await _scenario.StartAsync("HSI3");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);

        var rejected = await ImportFiles.PostAsync(analyst, "reports", ImportFiles.Csv(ImportFiles.ReportsHeader, ImportFiles.ReportRow(0, category: "gossip")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM hotspot_runs"));

        var imported = await ImportFiles.PostAsync(analyst, "reports", ImportFiles.ReportsCsv(20));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);

        var queued = await database.ScalarAsync<Guid>("SELECT id FROM hotspot_runs WHERE kind = 'incremental' AND status = 'queued'");
        Assert.Equal(1L, await ScheduledJobsAsync(queued));
    }

    [Fact]
    public async Task Correcting_a_report_queues_an_incremental_run()
    {
        var agencyId = await _scenario.StartAsync("HSI4");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var reportId = await CreateReportAndFinishItsRunAsync(analyst);
        var corrected = TestData.Report();
        corrected["narrative"] = "Synthetic: corrected, three children seen with an older adult.";

        Assert.Equal(HttpStatusCode.OK, (await analyst.PutAsJsonAsync($"/api/reports/{reportId}", corrected)).StatusCode);

        Assert.Equal(1L, await ScheduledJobsAsync(await QueuedIncrementalRunAsync()));
    }

    [Fact]
    public async Task Deleting_a_report_queues_an_incremental_run()
    {
        var agencyId = await _scenario.StartAsync("HSI5");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var reportId = await CreateReportAndFinishItsRunAsync(analyst);

        Assert.Equal(HttpStatusCode.NoContent, (await analyst.DeleteAsync($"/api/reports/{reportId}")).StatusCode);

        Assert.Equal(1L, await ScheduledJobsAsync(await QueuedIncrementalRunAsync()));
    }

    [Fact]
    public async Task Records_of_other_kinds_and_their_imports_queue_no_run()
    {
        var agencyId = await _scenario.StartAsync("HSI8");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);

        var premisesId = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        Assert.Equal(HttpStatusCode.OK, (await analyst.PutAsJsonAsync($"/api/premises/{premisesId}", EntityTestData.Premises(premisesType: "hotel"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await analyst.DeleteAsync($"/api/premises/{premisesId}")).StatusCode);
        var premisesFile = ImportFiles.Csv(ImportFiles.PremisesHeader,
            $"Example Grill,late_night_refreshment,3 Sample Street,,,,,{TestData.CentreLongitude},{TestData.CentreLatitude},P,,OFFICIAL,public_task");
        Assert.Equal(HttpStatusCode.Created, (await ImportFiles.PostAsync(analyst, "premises", premisesFile, key: "hsi8-premises")).StatusCode);

        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM hotspot_runs"));
    }

    [Fact]
    public async Task A_replayed_report_creation_queues_no_run()
    {
        var agencyId = await _scenario.StartAsync("HSI6");
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var report = TestData.Report();
        Assert.Equal(HttpStatusCode.Created, (await taskingMember.PostWithIdempotencyKeyAsync("/api/reports", report, "hsi6-report")).StatusCode);
        Assert.Equal(HotspotRunStatus.Succeeded, await _scenario.RunAsync(await QueuedIncrementalRunAsync()));

        Assert.Equal(HttpStatusCode.Created, (await taskingMember.PostWithIdempotencyKeyAsync("/api/reports", report, "hsi6-report")).StatusCode);

        Assert.Equal(0L, await QueuedIncrementalRunsAsync());
    }

    [Fact]
    public async Task A_replayed_import_of_reports_queues_no_run()
    {
        var agencyId = await _scenario.StartAsync("HSI7");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        Assert.Equal(HttpStatusCode.Created, (await ImportFiles.PostAsync(analyst, "reports", ImportFiles.ReportsCsv(5), key: "hsi7-import")).StatusCode);
        Assert.Equal(HotspotRunStatus.Succeeded, await _scenario.RunAsync(await QueuedIncrementalRunAsync()));

        Assert.Equal(HttpStatusCode.OK, (await ImportFiles.PostAsync(analyst, "reports", ImportFiles.ReportsCsv(5), key: "hsi7-import")).StatusCode);

        Assert.Equal(0L, await QueuedIncrementalRunsAsync());
    }

    [Fact]
    public async Task An_incremental_run_with_no_report_changed_since_the_last_run_is_skipped()
    {
        var agencyId = await _scenario.StartAsync("HSI2");
        await _scenario.AddUniformAsync(agencyId, 400, 0.71);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.72);
        var (fullRun, _) = await _scenario.RunFullAsync();
        var unchanged = await QueueIncrementalAsync();
        Assert.Equal(HotspotRunStatus.Skipped, await _scenario.RunAsync(unchanged));
        Assert.Contains(fullRun.ToString(), await database.ScalarAsync<string>($"SELECT error FROM hotspot_runs WHERE id = '{unchanged}'"));

        await _scenario.AddClusterAsync(agencyId, 800, 800, 100, 40, 0.73);
        var changed = await QueueIncrementalAsync();

        Assert.Equal(HotspotRunStatus.Succeeded, await _scenario.RunAsync(changed));
        Assert.Equal(2, (await _scenario.CurrentHotspotIdsAsync()).Count);
    }

    private async Task<Guid> QueueIncrementalAsync()
    {
        var id = Guid.CreateVersion7();
        await database.ExecuteAsync($"""
            INSERT INTO hotspot_runs (id, kind, method, parameters, status, requested_by, requested_at)
            VALUES ('{id}', 'incremental', 'gistar', '{HotspotParametersJson.Write(new Analysis.HotspotParameters())}', 'queued', 'system', now())
            """);
        return id;
    }

    /// <summary>Records a report and carries out the run its creation queued, so that no run is left waiting; returns the report's id.</summary>
    private async Task<Guid> CreateReportAndFinishItsRunAsync(HttpClient client)
    {
        var reportId = await client.CreateAsync("/api/reports", TestData.Report());
        Assert.Equal(HotspotRunStatus.Succeeded, await _scenario.RunAsync(await QueuedIncrementalRunAsync()));
        Assert.Equal(0L, await QueuedIncrementalRunsAsync());
        return reportId;
    }

    private Task<Guid> QueuedIncrementalRunAsync() =>
        database.ScalarAsync<Guid>("SELECT id FROM hotspot_runs WHERE kind = 'incremental' AND status = 'queued'");

    private Task<long> QueuedIncrementalRunsAsync() =>
        database.ScalarAsync<long>("SELECT count(*) FROM hotspot_runs WHERE kind = 'incremental' AND status = 'queued'");

    private Task<long> ScheduledJobsAsync(Guid runId) => database.ScalarAsync<long>(
        $"SELECT count(*) FROM hangfire.job WHERE statename = 'Scheduled' AND invocationdata::text LIKE '%RunHotspotAnalysisJob%' AND arguments::text LIKE '%{runId}%'");
}
