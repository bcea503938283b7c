using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Tests.Hotspots;
using HotspotIntel.Core.Hotspots;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HotspotIntel.Api.Tests.HotspotRuns;

/// <summary>The hotspot job on real PostGIS: what a run finds and stores, identity across runs, the lock, failures and retries.</summary>
public sealed class HotspotRunJobTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private readonly HotspotScenario _scenario = new(database);

    [Fact]
    public async Task A_tight_cluster_becomes_one_hotspot_with_its_reports_premises_and_linked_counts()
    {
        var agencyId = await _scenario.StartAsync("HSJ1");
        await _scenario.AddUniformAsync(agencyId, 400, 0.11);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.21);
        var premisesId = Guid.CreateVersion7();
        var personId = Guid.CreateVersion7();
        await database.ExecuteAsync($"""
            INSERT INTO premises (id, agency_id, name, premises_type, address, location, handling_code, security_marking, lawful_basis, review_on, created_at, updated_at)
            VALUES ('{premisesId}', '{agencyId}', 'Synthetic Example Grill', 'late_night_refreshment', '1 Example Street', {HotspotScenario.PointSql(2210, 1630)},
                    'P', 'OFFICIAL', 'law_enforcement', current_date + 365, now(), now());
            INSERT INTO persons (id, agency_id, role, family_name, given_names, handling_code, security_marking, lawful_basis, review_on, created_at, updated_at)
            VALUES ('{personId}', '{agencyId}', 'adult_of_concern', 'Synthetic-Hotspot', 'Testadult', 'P', 'OFFICIAL', 'law_enforcement', current_date + 365, now(), now());
            INSERT INTO report_persons (report_id, person_id)
            SELECT id, '{personId}' FROM intelligence_reports WHERE ST_DWithin(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(2210, 1630)}, 27700), 100);
            -- Erasure keeps place, time, category and grading: erased reports still count.
            UPDATE intelligence_reports SET erased_on = current_date, narrative = '[erased on review]'
            WHERE ST_DWithin(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(2210, 1630)}, 27700), 50);
            """);

        var (runId, status) = await _scenario.RunFullAsync(HotspotScenario.GiStar);

        Assert.Equal(HotspotRunStatus.Succeeded, status);
        var hotspotId = Assert.Single(await _scenario.CurrentHotspotIdsAsync());
        Assert.True(await database.ScalarAsync<bool>($"SELECT ST_Contains(area, {HotspotScenario.PointSql(2210, 1630)}) FROM hotspots WHERE id = '{hotspotId}'"));
        Assert.InRange(await database.ScalarAsync<int>($"SELECT report_count FROM hotspots WHERE id = '{hotspotId}'"), 40, 55);
        Assert.Equal(1, await database.ScalarAsync<int>($"SELECT linked_person_count FROM hotspots WHERE id = '{hotspotId}'"));
        Assert.True(await database.ScalarAsync<bool>($"SELECT '{premisesId}' = ANY (premises_ids) FROM hotspots WHERE id = '{hotspotId}'"));
        Assert.Equal("child_with_adults", await database.ScalarAsync<string>($"SELECT top_categories -> 0 ->> 'category' FROM hotspots WHERE id = '{hotspotId}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_history WHERE run_id = '{runId}' AND hotspot_id = '{hotspotId}'"));
        Assert.Equal(440, await database.ScalarAsync<int>($"SELECT report_count FROM hotspot_runs WHERE id = '{runId}'"));
        Assert.Equal(1, await database.ScalarAsync<int>($"SELECT new_count FROM hotspot_runs WHERE id = '{runId}'"));
    }

    [Fact]
    public async Task A_server_starting_where_no_run_succeeded_runs_a_full_analysis_once()
    {
        var agencyId = await _scenario.StartAsync("HSJ0");
        await _scenario.AddUniformAsync(agencyId, 300, 0.61);
        await _scenario.AddClusterAsync(agencyId, 1500, 1500, 100, 40, 0.62);

        var first = await RunFirstFullAsync();
        var second = await RunFirstFullAsync();

        Assert.NotNull(first);
        Assert.Equal(HotspotRunStatus.Succeeded, await _scenario.StatusAsync(first.Value));
        Assert.Null(second);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM hotspot_runs"));
    }

    [Fact]
    public async Task Uniform_noise_gives_no_hotspot()
    {
        var agencyId = await _scenario.StartAsync("HSJ2");
        await _scenario.AddUniformAsync(agencyId, 600, 0.12);

        var (_, status) = await _scenario.RunFullAsync();

        Assert.Equal(HotspotRunStatus.Succeeded, status);
        Assert.Empty(await _scenario.CurrentHotspotIdsAsync());
    }

    [Fact]
    public async Task A_hotspot_that_moved_a_little_keeps_its_id()
    {
        var agencyId = await _scenario.StartAsync("HSJ3");
        await _scenario.AddUniformAsync(agencyId, 400, 0.13);
        await _scenario.AddClusterAsync(agencyId, 2000, 2000, 120, 50, 0.23);
        await _scenario.RunFullAsync();
        var before = Assert.Single(await _scenario.CurrentHotspotIdsAsync());
        await database.ExecuteAsync($"DELETE FROM intelligence_reports WHERE ST_DWithin(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(2000, 2000)}, 27700), 121)");
        await _scenario.AddClusterAsync(agencyId, 2080, 2000, 120, 50, 0.33);

        var (runId, _) = await _scenario.RunFullAsync();

        Assert.Equal([before], await _scenario.CurrentHotspotIdsAsync());
        Assert.Equal(2L, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_history WHERE hotspot_id = '{before}'"));
        Assert.Equal(0, await database.ScalarAsync<int>($"SELECT new_count FROM hotspot_runs WHERE id = '{runId}'"));
    }

    [Fact]
    public async Task A_hotspot_that_splits_in_two_is_recorded_as_a_split_and_the_larger_piece_keeps_its_id()
    {
        var agencyId = await _scenario.StartAsync("HSJ4");
        await _scenario.AddUniformAsync(agencyId, 400, 0.14);
        await _scenario.AddClusterAsync(agencyId, 1400, 2000, 100, 60, 0.24);
        await _scenario.AddClusterAsync(agencyId, 2400, 2000, 100, 40, 0.34);
        await _scenario.AddLineAsync(agencyId, (1400, 2000), (2400, 2000), 60, 0.44);
        await _scenario.RunFullAsync(HotspotScenario.GiStar);
        var whole = Assert.Single(await _scenario.CurrentHotspotIdsAsync());
        await database.ExecuteAsync("DELETE FROM intelligence_reports WHERE narrative LIKE 'Synthetic%' AND id IN (SELECT id FROM intelligence_reports ORDER BY created_at DESC, id LIMIT 0)");
        await database.ExecuteAsync($"""
            DELETE FROM intelligence_reports
            WHERE ST_DWithin(ST_Transform(location, 27700), ST_MakeLine(ST_Transform({HotspotScenario.PointSql(1520, 2000)}, 27700), ST_Transform({HotspotScenario.PointSql(2280, 2000)}, 27700)), 1)
            """);

        var (runId, _) = await _scenario.RunFullAsync(HotspotScenario.GiStar);

        var pieces = await _scenario.CurrentHotspotIdsAsync();
        Assert.Equal(2, pieces.Count);
        Assert.Contains(whole, pieces);
        Assert.True(await database.ScalarAsync<bool>($"SELECT ST_Contains(area, {HotspotScenario.PointSql(1400, 2000)}) FROM hotspots WHERE id = '{whole}'"));
        Assert.Equal(2L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM hotspot_lineage WHERE run_id = '{runId}' AND kind = 'split' AND from_hotspot_id = '{whole}'"));
    }

    [Fact]
    public async Task While_another_server_holds_the_run_lock_a_run_is_skipped_and_changes_nothing()
    {
        var agencyId = await _scenario.StartAsync("HSJ5");
        await _scenario.AddUniformAsync(agencyId, 400, 0.15);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.25);
        await using var otherServer = new NpgsqlConnection(database.ConnectionString);
        await otherServer.OpenAsync();
        await using var otherRun = await otherServer.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({RunHotspotAnalysisJob.LockKey})", otherServer, otherRun))
        {
            await take.ExecuteNonQueryAsync();
        }

        var (skippedId, skipped) = await _scenario.RunFullAsync();
        await otherRun.CommitAsync();
        var (_, afterwards) = await _scenario.RunFullAsync();

        Assert.Equal(HotspotRunStatus.Skipped, skipped);
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_history WHERE run_id = '{skippedId}'"));
        Assert.Equal(HotspotRunStatus.Succeeded, afterwards);
        Assert.Single(await _scenario.CurrentHotspotIdsAsync());
    }

    [Fact]
    public async Task Two_runs_started_together_never_both_execute()
    {
        var agencyId = await _scenario.StartAsync("HSJ6");
        await _scenario.AddUniformAsync(agencyId, 3000, 0.16);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 200, 0.26);
        var first = await QueueAsync();
        var second = await QueueAsync();

        var statuses = await Task.WhenAll(_scenario.RunAsync(first), _scenario.RunAsync(second));

        // Either the second found the lock taken (skipped), or it started after the first committed; never both at once.
        Assert.Contains(HotspotRunStatus.Succeeded, statuses);
        var windows = await database.ScalarAsync<bool>($"""
            SELECT NOT EXISTS (SELECT 1 FROM hotspot_runs a JOIN hotspot_runs b ON a.id < b.id
                               WHERE a.status = 'succeeded' AND b.status = 'succeeded'
                                 AND tstzrange(a.started_at, a.finished_at) && tstzrange(b.started_at, b.finished_at))
            """);
        Assert.True(windows);
    }

    [Fact]
    public async Task A_failing_run_is_recorded_as_failed_and_the_previous_hotspots_stay_current()
    {
        var agencyId = await _scenario.StartAsync("HSJ7");
        await _scenario.AddUniformAsync(agencyId, 400, 0.17);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.27);
        var (goodRunId, _) = await _scenario.RunFullAsync();
        var hotspots = await _scenario.CurrentHotspotIdsAsync();
        await _scenario.AddClusterAsync(agencyId, 800, 800, 100, 40, 0.37);
        // A fault in the middle of writing: the history insert fails after the hotspots were written.
        await database.ExecuteAsync("ALTER TABLE hotspot_history ADD CONSTRAINT test_fault CHECK (false) NOT VALID");
        try
        {
            var failure = await Assert.ThrowsAsync<PostgresException>(() => _scenario.RunFullAsync());
            Assert.Contains("test_fault", failure.Message);
        }
        finally
        {
            await database.ExecuteAsync("ALTER TABLE hotspot_history DROP CONSTRAINT test_fault");
        }

        Assert.Equal("failed", await database.ScalarAsync<string>($"SELECT status FROM hotspot_runs WHERE id <> '{goodRunId}'"));
        Assert.Contains("test_fault", await database.ScalarAsync<string>($"SELECT error FROM hotspot_runs WHERE id <> '{goodRunId}'"));
        Assert.Equal(hotspots, await _scenario.CurrentHotspotIdsAsync());
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM hotspots"));
        using var client = database.Application.CreateClient(Core.Access.UserRole.TaskingMember, agencyId);
        var map = await (await client.GetAsync("/api/hotspots")).ReadObjectAsync();
        Assert.Equal(goodRunId, Assert.Single(map["features"]!.AsArray())!["properties"]!["runId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Running_a_finished_run_again_does_nothing()
    {
        var agencyId = await _scenario.StartAsync("HSJ8");
        await _scenario.AddUniformAsync(agencyId, 400, 0.18);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.28);
        var (runId, _) = await _scenario.RunFullAsync();
        var finishedAt = await database.ScalarAsync<DateTime>($"SELECT finished_at FROM hotspot_runs WHERE id = '{runId}'");

        var again = await _scenario.RunAsync(runId);

        Assert.Equal(HotspotRunStatus.Succeeded, again);
        Assert.Equal(finishedAt, await database.ScalarAsync<DateTime>($"SELECT finished_at FROM hotspot_runs WHERE id = '{runId}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM hotspot_history"));
    }

    [Fact]
    public async Task A_retry_carries_out_again_a_run_left_running_by_a_server_that_stopped()
    {
        var agencyId = await _scenario.StartAsync("HSJ9");
        await _scenario.AddUniformAsync(agencyId, 400, 0.19);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.29);
        var runId = await QueueAsync(status: "running");

        var status = await _scenario.RunAsync(runId);

        Assert.Equal(HotspotRunStatus.Succeeded, status);
        Assert.Single(await _scenario.HotspotIdsOfRunAsync(runId));
    }

    [Fact]
    public async Task A_running_run_whose_lock_is_held_is_left_to_the_server_carrying_it_out()
    {
        await _scenario.StartAsync("HSJ10");
        var runId = await QueueAsync(status: "running");
        await using var otherServer = new NpgsqlConnection(database.ConnectionString);
        await otherServer.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({RunHotspotAnalysisJob.RunLockKey(runId)})", otherServer))
        {
            await take.ExecuteNonQueryAsync();
        }

        var retried = await _scenario.RunAsync(runId);
        await SweepAsync();

        Assert.Equal(HotspotRunStatus.Running, retried);
        Assert.Equal(HotspotRunStatus.Running, await _scenario.StatusAsync(runId));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM hotspot_history"));
    }

    [Fact]
    public async Task The_sweep_fails_a_run_marked_running_whose_lock_nobody_holds()
    {
        await _scenario.StartAsync("HSJ11");
        var abandoned = await QueueAsync(status: "running");
        var queued = await QueueAsync();

        await SweepAsync();

        Assert.Equal(HotspotRunStatus.Failed, await _scenario.StatusAsync(abandoned));
        Assert.Contains("stopped", await database.ScalarAsync<string>($"SELECT error FROM hotspot_runs WHERE id = '{abandoned}'"));
        Assert.NotNull(await database.ScalarAsync<DateTime?>($"SELECT finished_at FROM hotspot_runs WHERE id = '{abandoned}'"));
        Assert.Equal(HotspotRunStatus.Queued, await _scenario.StatusAsync(queued));
    }

    [Fact]
    public async Task An_analyst_s_run_waits_queued_while_another_run_holds_the_lock_and_is_carried_out_after()
    {
        var agencyId = await _scenario.StartAsync("HSJ12");
        await _scenario.AddUniformAsync(agencyId, 400, 0.112);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.212);
        var runId = await QueueAsync();
        await using var otherServer = new NpgsqlConnection(database.ConnectionString);
        await otherServer.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({RunHotspotAnalysisJob.LockKey})", otherServer))
        {
            await take.ExecuteNonQueryAsync();
        }

        var whileLocked = await _scenario.RunAsync(runId);
        var stateWhileLocked = await _scenario.StatusAsync(runId);
        var rescheduled = await database.ScalarAsync<long>(
            $"SELECT count(*) FROM hangfire.job WHERE statename = 'Scheduled' AND invocationdata::text LIKE '%RunHotspotAnalysisJob%' AND arguments::text LIKE '%{runId}%'");
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({RunHotspotAnalysisJob.LockKey})", otherServer))
        {
            await release.ExecuteNonQueryAsync();
        }

        var afterwards = await _scenario.RunAsync(runId);

        Assert.Equal(HotspotRunStatus.Queued, whileLocked);
        Assert.Equal(HotspotRunStatus.Queued, stateWhileLocked);
        Assert.Equal(1L, rescheduled);
        Assert.Equal(HotspotRunStatus.Succeeded, afterwards);
        Assert.Single(await _scenario.HotspotIdsOfRunAsync(runId));
    }

    [Fact]
    public async Task A_run_that_fails_while_the_database_refuses_connections_is_recorded_as_failed_once_it_accepts_them_again()
    {
        var agencyId = await _scenario.StartAsync("HSJ13");
        await _scenario.AddUniformAsync(agencyId, 400, 0.113);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.213);
        var runId = await QueueAsync();
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
        // On another database: PostgreSQL cannot close the database a session is connected to.
        await using var administrator = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres" }.ConnectionString);
        await administrator.OpenAsync();
        await using var blocker = new NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync();
        await using var holding = await blocker.BeginTransactionAsync();
        await using (var block = new NpgsqlCommand("LOCK TABLE hotspot_history IN ACCESS EXCLUSIVE MODE", blocker, holding))
        {
            await block.ExecuteNonQueryAsync();
        }

        var run = Task.Run(() => _scenario.RunAsync(runId));
        var waitingOnLock = $"SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = '{name}' AND usename = 'hotspotintel_jobs' AND wait_event_type = 'Lock')";
        await Eventually.UntilAsync(async () =>
        {
            await using var command = new NpgsqlCommand(waitingOnLock, administrator);
            return (bool)(await command.ExecuteScalarAsync())!;
        }, waiting => waiting, TimeSpan.FromMinutes(1), $"the run to wait on the held lock: {waitingOnLock}", TimeSpan.FromMilliseconds(100));
        await ExecuteAsync(administrator, $"ALTER DATABASE {name} ALLOW_CONNECTIONS false");
        await ExecuteAsync(administrator, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND usename = 'hotspotintel_jobs'");
        // The database stays closed long enough for the first attempts to record the failure to find it so.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await ExecuteAsync(administrator, $"ALTER DATABASE {name} ALLOW_CONNECTIONS true");
        await holding.RollbackAsync();

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => run);
        Assert.Equal(HotspotRunStatus.Failed, await _scenario.StatusAsync(runId));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task SweepAsync()
    {
        using var scope = database.Application.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<FailAbandonedHotspotRunsJob>().RunAsync(CancellationToken.None);
    }

    private async Task<Guid> QueueAsync(string status = "queued")
    {
        var id = Guid.CreateVersion7();
        await database.ExecuteAsync($"""
            INSERT INTO hotspot_runs (id, kind, method, parameters, status, requested_by, requested_at, started_at)
            VALUES ('{id}', 'requested', 'gistar', '{HotspotParametersJson.Write(new Analysis.HotspotParameters())}', '{status}', 'test-analyst', now(),
                    CASE WHEN '{status}' = 'running' THEN now() END)
            """);
        return id;
    }

    private async Task<Guid?> RunFirstFullAsync()
    {
        using var scope = database.Application.Services.CreateScope();
        var runId = await scope.ServiceProvider.GetRequiredService<StartFirstHotspotRunJob>().RunAsync(CancellationToken.None);
        if (runId is { } queued)
        {
            await scope.ServiceProvider.GetRequiredService<RunHotspotAnalysisJob>().RunAsync(queued, CancellationToken.None);
        }

        return runId;
    }
}
